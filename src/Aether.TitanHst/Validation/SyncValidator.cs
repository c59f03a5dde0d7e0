using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Aether.TitanHst.Canonical;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Diff;
using Aether.TitanHst.Target;

namespace Aether.TitanHst.Validation
{
    /// <summary>
    /// Checks, after an apply, that TitanHST holds what the sources say: re-diffs them (with the diff engine itself,
    /// so validation and diff can never disagree), counts people by site and role on both sides, and compares a
    /// seeded random sample of matched people field by field.
    /// </summary>
    /// <remarks>
    /// Passed means no applicable change remains. Conflicts, blocked and held-back changes are never applied
    /// without a person (or an override), so they are listed as Outstanding rather than failing the check.
    /// </remarks>
    public sealed class SyncValidator
    {
        private readonly MappingContract _contract;
        private readonly DiffIdentity _identity;

        public SyncValidator(MappingContract contract, DiffIdentity? identity = null)
        {
            _contract = contract;
            _identity = identity ?? DiffIdentity.New(contract);
        }

        /// <summary>Validates against TitanHST's records as given, read before the exports.</summary>
        public SyncValidationResult Validate(IEnumerable<ExtractItem> sources, IEnumerable<TargetStaffRecord> target, SyncValidationOptions? options = null) =>
            Run(sources, _ => target, options, alongside: false, null);

        /// <summary>
        /// Validates against TitanHST's records as <paramref name="readTarget"/> reads them: on a worker thread while
        /// the exports are read, as the diff reads its target (a live read and a broken export no longer wait for
        /// each other). The read must be safe on any thread; its token is cancelled when the exports fail first.
        /// </summary>
        /// <param name="sources">The extraction's stream (<see cref="StaffExtractor.Extract"/>).</param>
        /// <param name="readTarget">Reads TitanHST's records; called once, on a worker thread.</param>
        /// <param name="options">The spot check's size and seed.</param>
        /// <param name="whileWaitingForTarget">Runs on the caller's thread while the exports are read and TitanHST is not (progress).</param>
        public SyncValidationResult Validate(IEnumerable<ExtractItem> sources, Func<CancellationToken, IEnumerable<TargetStaffRecord>> readTarget,
            SyncValidationOptions? options = null, Action? whileWaitingForTarget = null) =>
            Run(sources, readTarget, options, alongside: true, whileWaitingForTarget);

        private SyncValidationResult Run(IEnumerable<ExtractItem> sources, Func<CancellationToken, IEnumerable<TargetStaffRecord>> readTarget,
            SyncValidationOptions? options, bool alongside, Action? whileWaitingForTarget)
        {
            options ??= new SyncValidationOptions();
            if (options.SampleSize < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(options), options.SampleSize, "The sample size cannot be negative.");
            }

            // The target is read once, into the diff's compact table, and used three times (diff, counts, sample).
            var review = _contract.Policies.Review;
            var assignments = _contract.Fields.FirstOrDefault(f => f.Positions is not null && f.Owned)?.Name;
            var sites = new GroupCounts(review.SiteField, assignments, bySite: true);
            var roles = new GroupCounts(review.RoleField, assignments, bySite: false);
            var seed = options.Seed ?? new Random().Next();
            var sample = new MatchedPeopleSample(options.SampleSize, seed);
            TargetTable? table = null;
            var diffOptions = new DiffOptions
            {
                ReadTargetAlongside = alongside,
                WhileWaitingForTarget = whileWaitingForTarget,
                WhenTargetRead = index =>
                {
                    table = index.Table;
                    sample.TargetRead(ManagedRows(index, sites, roles));
                },
            };
            var diff = new DiffEngine(_contract, _identity).Compute(Observe(sources, sample, sites, roles), readTarget, diffOptions);

            return new SyncValidationResult(_identity, diff, sites, roles)
            {
                Seed = seed,
                SampleSize = options.SampleSize,
                MatchedPeople = sample.Offered,
                SampledPeople = sample.Items.Count,
                SpotCheck = SpotCheck(sample.Items.Select(p => (p.Source, table!.Record(p.Row)))),
            };
        }

        /// <summary>
        /// The rows of the records the connector manages (the diff's own index, before it has compared anyone: with a
        /// match key, inside the target scope, the first of any duplicates), by key; counts the active ones by site and role.
        /// </summary>
        private static Dictionary<string, int> ManagedRows(TargetIndex index, GroupCounts sites, GroupCounts roles)
        {
            var table = index.Table;
            var managed = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var pair in index.Managed)
            {
                var row = pair.Value;
                if (table.Active(row))
                {
                    sites.AddTarget(f => table.Value(row, f));
                    roles.AddTarget(f => table.Value(row, f));
                }

                // A key TitanHST holds twice is a Conflict in the diff; sampling one of the two would prove nothing.
                if (!index.IsDuplicated(pair.Key))
                {
                    managed.Add(pair.Key, row);
                }
            }

            return managed;
        }

        /// <summary>Passes the sources through to the diff, counting the in-scope people and offering them to the sample on the way.</summary>
        private static IEnumerable<ExtractItem> Observe(IEnumerable<ExtractItem> sources, MatchedPeopleSample sample, GroupCounts sites, GroupCounts roles)
        {
            foreach (var item in sources)
            {
                if (item.Record is { } record)
                {
                    sites.AddSource(f => record[f]);
                    roles.AddSource(f => record[f]);
                    sample.Offer(record);
                }

                yield return item;
            }
        }

        private List<SpotCheckRow> SpotCheck(IEnumerable<(CanonicalStaffRecord Source, TargetStaffRecord Target)> people)
        {
            var owned = _contract.OwnedFields;
            return people
                .OrderBy(p => p.Source.ExternalId, StringComparer.Ordinal)
                .SelectMany(p => owned.Select(field =>
                {
                    var source = FieldValues.Blank(p.Source[field]);
                    var held = FieldValues.Blank(p.Target[field]);
                    return new SpotCheckRow(p.Source.ExternalId, field, source, held, FieldValues.Same(source, held));
                }))
                .ToList();
        }
    }
}

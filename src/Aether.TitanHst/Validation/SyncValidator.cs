using System;
using System.Collections.Generic;
using System.Linq;
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

        public SyncValidationResult Validate(IEnumerable<ExtractItem> sources, IEnumerable<TargetStaffRecord> target, SyncValidationOptions? options = null)
        {
            options ??= new SyncValidationOptions();
            if (options.SampleSize < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(options), options.SampleSize, "The sample size cannot be negative.");
            }

            // The target is read once, into the diff's compact table, and used three times (diff, counts, sample).
            var table = TargetTable.From(target);
            var review = _contract.Policies.Review;
            var assignments = _contract.Fields.FirstOrDefault(f => f.Positions is not null && f.Owned)?.Name;
            var sites = new GroupCounts(review.SiteField, assignments, bySite: true);
            var roles = new GroupCounts(review.RoleField, assignments, bySite: false);
            var matched = ManagedRows(table, sites, roles);

            var seed = options.Seed ?? new Random().Next();
            var sample = new ReservoirSample<(CanonicalStaffRecord Source, int Row)>(options.SampleSize, seed);
            var diff = new DiffEngine(_contract, _identity).Compute(Observe(sources, matched, sites, roles, sample), table);

            return new SyncValidationResult(_identity, diff, sites, roles)
            {
                Seed = seed,
                SampleSize = options.SampleSize,
                MatchedPeople = sample.Offered,
                SampledPeople = sample.Items.Count,
                SpotCheck = SpotCheck(sample.Items.Select(p => (p.Source, table.Record(p.Row)))),
            };
        }

        /// <summary>
        /// The rows of the records the connector manages (as the diff sees them: with a match key, inside the target
        /// scope, the first of any duplicates), by key; counts the active ones by site and role.
        /// </summary>
        private Dictionary<string, int> ManagedRows(TargetTable table, GroupCounts sites, GroupCounts roles)
        {
            var index = new TargetIndex(_contract, table, _ => true);
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

        /// <summary>Passes the sources through to the diff, counting and sampling the in-scope people on the way.</summary>
        private static IEnumerable<ExtractItem> Observe(IEnumerable<ExtractItem> sources, Dictionary<string, int> managed,
            GroupCounts sites, GroupCounts roles, ReservoirSample<(CanonicalStaffRecord, int)> sample)
        {
            foreach (var item in sources)
            {
                if (item.Record is { } record)
                {
                    sites.AddSource(f => record[f]);
                    roles.AddSource(f => record[f]);
                    if (managed.TryGetValue(record.ExternalId, out var held))
                    {
                        sample.Offer((record, held));
                    }
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

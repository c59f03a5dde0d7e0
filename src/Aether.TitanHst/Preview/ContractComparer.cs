using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Aether.TitanHst.Canonical;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Diff;
using Aether.TitanHst.Errors;
using Aether.TitanHst.Target;

namespace Aether.TitanHst.Preview
{
    /// <summary>
    /// Previews a contract edit on real data: runs the reference (old) and the difference (new) contract over the
    /// same exports, and, when TitanHST's state is given, both diffs against that same state; reports each person
    /// whose outcome differs. Nothing is written anywhere: it answers "what would this edit do?" before the edit
    /// is published or any diff with it is applied.
    /// </summary>
    public sealed class ContractComparer
    {
        private readonly MappingContract _reference;
        private readonly MappingContract _difference;

        public ContractComparer(MappingContract reference, MappingContract difference)
        {
            _reference = reference;
            _difference = difference;
        }

        /// <summary>
        /// Exports (all distinct files, in bytes) up to which the two contracts' halves run side by side. Each
        /// extraction holds every export's rows until the last is read, about 12-18 times the files' bytes (2.8 GB
        /// for the 230 MB of the 1M district), so two at once double the peak; above this size they run one after the
        /// other: the preview takes about twice the time of one half, and its peak is one half's. 32 MiB keeps the
        /// 100k district (22 MB) side by side, two extractions within the 1 GB the issue allows.
        /// </summary>
        public const long SideBySideMaxExportBytes = 32L * 1024 * 1024;

        /// <summary>Called after each person is compared (people done, people in all) for progress.</summary>
        public Action<int, int>? Progress { get; set; }

        /// <summary>Side by side (true), one after the other (false), or by the exports' size (null, <see cref="SideBySideMaxExportBytes"/>).</summary>
        public bool? SideBySide { get; set; }

        /// <summary>Whether the last <see cref="Compare"/> ran its two halves side by side.</summary>
        public bool RanSideBySide { get; private set; }

        /// <param name="target">TitanHST's records (a snapshot or a live read), or null to compare canonical outcomes only.</param>
        public ContractComparisonResult Compare(IReadOnlyList<TargetStaffRecord>? target = null)
        {
            // One read of the exports for both contracts: neither can see a file the other did not.
            using var exports = ExportSnapshot.Take(_reference, _difference);
            var sideBySide = RanSideBySide = SideBySide ?? exports.TotalBytes <= SideBySideMaxExportBytes;
            PersonOutcomeCollector reference, difference;
            try
            {
                var referenceContract = exports.Redirect(_reference);
                var differenceContract = exports.Redirect(_difference);
                (reference, difference) = Both(() => Collect(referenceContract), () => Collect(differenceContract), sideBySide);
            }
            catch (InputFileException ex) when (exports.Original(ex.File) != ex.File)
            {
                throw new InputFileException(ex.ErrorId, exports.Original(ex.File), ex.Line, ex.Field, ex.Problem, ex);
            }

            Dictionary<string, StaffChange>? referenceChanges = null, differenceChanges = null;
            if (target is not null)
            {
                (referenceChanges, differenceChanges) = Both(() => Changes(_reference, reference, target), () => Changes(_difference, difference, target), sideBySide);
            }

            var keys = new List<string>(reference.Keys);
            var known = new HashSet<string>(reference.Keys, StringComparer.Ordinal);
            keys.AddRange(difference.Keys.Where(known.Add));
            if (referenceChanges is not null && differenceChanges is not null)
            {
                keys.AddRange(referenceChanges.Keys.Concat(differenceChanges.Keys).Where(known.Add));
            }

            var summary = new ContractComparisonSummary
            {
                ReferenceContract = $"{_reference.Id} {_reference.Version} ({_reference.ShortHash})",
                DifferenceContract = $"{_difference.Id} {_difference.Version} ({_difference.ShortHash})",
                PeopleCompared = keys.Count,
                WithTarget = target is not null,
            };
            var differences = new List<ContractOutcomeDifference>();
            for (var i = 0; i < keys.Count; i++)
            {
                var key = keys[i];
                var old = reference.OutcomeOf(key);
                var now = difference.OutcomeOf(key);
                StaffChange? oldChange = null, newChange = null;
                referenceChanges?.TryGetValue(key, out oldChange);
                differenceChanges?.TryGetValue(key, out newChange);
                var fields = FieldDifferences(old.Record, now.Record);
                var kind = OutcomeKind(old, now, fields.Count > 0);
                if (target is not null && !SameChange(oldChange, newChange))
                {
                    kind |= ContractDifferenceKind.TargetChangeDiffers;
                }

                if (kind != ContractDifferenceKind.None)
                {
                    var item = new ContractOutcomeDifference(key, kind, old, now, fields, oldChange, newChange,
                        GroupValue(now.Record, _difference.Policies.Review.SiteField) ?? GroupValue(old.Record, _reference.Policies.Review.SiteField) ?? newChange?.Site ?? oldChange?.Site,
                        GroupValue(now.Record, _difference.Policies.Review.RoleField) ?? GroupValue(old.Record, _reference.Policies.Review.RoleField) ?? newChange?.Role ?? oldChange?.Role);
                    summary.Add(item);
                    differences.Add(item);
                }

                Progress?.Invoke(i + 1, keys.Count);
            }

            return new ContractComparisonResult(differences, summary);
        }

        /// <summary>
        /// Runs the two contracts' halves side by side (or one after the other, for large exports) (they share nothing mutable: each has its own extractor, rule
        /// memo and diff engine; the exports' copies and the target are only read), so the preview costs about one
        /// diff's time on two cores. Both are awaited before anything is thrown, so no half outlives the exports'
        /// copies; when both fail, the reference's error is the one reported, as when they ran one after the other.
        /// </summary>
        private static (T Reference, T Difference) Both<T>(Func<T> reference, Func<T> difference, bool sideBySide)
        {
            if (!sideBySide)
            {
                // The reference first, as side by side reports its error first; the second half's peak comes after the first's.
                var done = reference();
                return (done, difference());
            }

            var other = Task.Run(difference);
            T first;
            try
            {
                first = reference();
            }
            catch
            {
                try
                {
                    other.Wait();
                }
                catch (AggregateException)
                {
                    // The reference's error is the one reported.
                }

                throw;
            }

            return (first, other.GetAwaiter().GetResult());
        }

        private static PersonOutcomeCollector Collect(MappingContract contract)
        {
            var collector = new PersonOutcomeCollector();
            foreach (var item in new StaffExtractor(contract).Extract())
            {
                collector.Add(item);
            }

            return collector;
        }

        private static Dictionary<string, StaffChange> Changes(MappingContract contract, PersonOutcomeCollector collected, IReadOnlyList<TargetStaffRecord> target)
        {
            // Previews, never plans: NoChange included so a person unchanged under one contract still compares. Both
            // sides are in memory and the two contracts' diffs already share the cores: no worker for the target.
            var result = new DiffEngine(contract).Compute(collected.Items, target, new DiffOptions { IncludeNoChange = true, ReadTargetAlongside = false });
            var byKey = new Dictionary<string, StaffChange>(StringComparer.Ordinal);
            foreach (var change in result.Changes)
            {
                // Two TitanHST records with one externalId give one conflict per record; the first describes the person.
                if (!byKey.ContainsKey(change.GetExternalId()))
                {
                    byKey.Add(change.GetExternalId(), change);
                }
            }

            return byKey;
        }

        internal static ContractDifferenceKind OutcomeKind(PersonOutcome old, PersonOutcome now, bool fieldsDiffer)
        {
            if (old.Kind == now.Kind)
            {
                return old.Kind switch
                {
                    PersonOutcomeKind.Record => fieldsDiffer ? ContractDifferenceKind.FieldChanged : ContractDifferenceKind.None,
                    PersonOutcomeKind.Error when old.Reason != now.Reason => ContractDifferenceKind.ErrorAdded | ContractDifferenceKind.ErrorCleared,
                    PersonOutcomeKind.Conflict when old.Reason != now.Reason => ContractDifferenceKind.ConflictAdded | ContractDifferenceKind.ConflictCleared,
                    _ => ContractDifferenceKind.None,
                };
            }

            var kind = ContractDifferenceKind.None;
            kind |= Leaving(old.Kind);
            kind |= Arriving(now.Kind);
            if (old.Kind == PersonOutcomeKind.Record && now.Kind is PersonOutcomeKind.OutOfScope or PersonOutcomeKind.Absent or PersonOutcomeKind.Skipped)
            {
                kind |= ContractDifferenceKind.LeftScope;
            }

            if (now.Kind == PersonOutcomeKind.Record && old.Kind is PersonOutcomeKind.OutOfScope or PersonOutcomeKind.Absent or PersonOutcomeKind.Skipped)
            {
                kind |= ContractDifferenceKind.EnteredScope;
            }

            return kind;
        }

        private static ContractDifferenceKind Leaving(PersonOutcomeKind kind) => kind switch
        {
            PersonOutcomeKind.Conflict => ContractDifferenceKind.ConflictCleared,
            PersonOutcomeKind.Error => ContractDifferenceKind.ErrorCleared,
            _ => ContractDifferenceKind.None,
        };

        private static ContractDifferenceKind Arriving(PersonOutcomeKind kind) => kind switch
        {
            PersonOutcomeKind.Conflict => ContractDifferenceKind.ConflictAdded,
            PersonOutcomeKind.Error => ContractDifferenceKind.ErrorAdded,
            _ => ContractDifferenceKind.None,
        };

        private static List<ContractFieldDifference> FieldDifferences(CanonicalStaffRecord? old, CanonicalStaffRecord? now)
        {
            var result = new List<ContractFieldDifference>();
            if (old is null || now is null)
            {
                return result;
            }

            var names = new List<string>(old.Schema.Names);
            names.AddRange(now.Schema.Names.Where(n => !old.Schema.TryGetOrdinal(n, out _)));
            foreach (var name in names)
            {
                var before = old[name];
                var after = now[name];
                if (!string.Equals(before, after, StringComparison.Ordinal))
                {
                    result.Add(new ContractFieldDifference(name, before, after));
                }
            }

            return result;
        }

        private static bool SameChange(StaffChange? old, StaffChange? now)
        {
            if (old is null || now is null)
            {
                return old is null && now is null;
            }

            return old.GetAction() == now.GetAction() && old.GetRisk() == now.GetRisk() && old.Blocked == now.Blocked && old.HeldBack == now.HeldBack
                && string.Equals(old.Changes, now.Changes, StringComparison.Ordinal);
        }

        private static string? GroupValue(CanonicalStaffRecord? record, string? field) => record is null || field is null ? null : record[field];
    }
}

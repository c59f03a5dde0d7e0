using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
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
        /// Exports (all distinct files, in bytes) up to which the two contracts' halves run side by side when they do
        /// not read every export alike. Each extraction holds every export's rows until the last is read, about 12-18
        /// times the files' bytes (2.8 GB for the 230 MB of the 1M district), so two sets of rows at once double the
        /// peak; above this size they run one after the other: the preview takes about twice the time of one half,
        /// and its peak is one half's. 32 MiB keeps the 100k district (22 MB) side by side, two extractions within
        /// the 1 GB the issue allows. When both contracts read every export alike, the rows are read once and held
        /// once either way, and the halves run side by side at any size (1M: 36.0 -> 25.2 s, peak 3809 -> 3795 MiB).
        /// </summary>
        public const long SideBySideMaxExportBytes = 32L * 1024 * 1024;

        /// <summary>Called after each person is compared (people done, people in all) for progress.</summary>
        public Action<int, int>? Progress { get; set; }

        /// <summary>Side by side (true), one after the other (false), or by the exports' size and sharing (null, <see cref="SideBySideMaxExportBytes"/>).</summary>
        public bool? SideBySide { get; set; }

        /// <summary>The size limit in use: <see cref="SideBySideMaxExportBytes"/> unless a test sets it.</summary>
        internal long SideBySideLimit { get; set; } = SideBySideMaxExportBytes;

        /// <summary>Whether the last comparison ran its two halves side by side.</summary>
        public bool RanSideBySide { get; private set; }

        /// <summary>How many sources the last comparison read once for both contracts (they read them alike).</summary>
        public int SharedSources { get; private set; }

        /// <param name="target">TitanHST's records (a snapshot or a live read), or null to compare canonical outcomes only.</param>
        public ContractComparisonResult Compare(IReadOnlyList<TargetStaffRecord>? target = null) => Run(target is null ? null : TargetTable.From(target), null);

        /// <summary>Compares against TitanHST's records held as the diff's compact table (both contracts' diffs read the one table).</summary>
        internal ContractComparisonResult Compare(TargetTable target) => Run(target, null);

        /// <summary>
        /// Compares against TitanHST's records as <paramref name="readTarget"/> reads them: on a worker thread while the
        /// exports are copied and extracted, as a diff reads its target alongside its sources. The read must be safe
        /// on any thread; its token is cancelled when the preview fails first. A target that fails is the error
        /// reported, as when it was read before the exports.
        /// </summary>
        public ContractComparisonResult Compare(Func<CancellationToken, IEnumerable<TargetStaffRecord>> readTarget)
        {
            // Held as the diff's compact table (a snapshot read straight into it), which both contracts' diffs then read.
            using var worker = new TargetReadWorker<TargetTable>(readTarget, records => TargetTable.From(records));
            return Run(null, worker);
        }

        private ContractComparisonResult Run(TargetTable? target, TargetReadWorker<TargetTable>? worker)
        {
            PersonOutcomeCollector reference, difference;
            try
            {
                (reference, difference) = Extract();
            }
            catch
            {
                worker?.StopAfterFailure();
                throw;
            }

            return CompareOutcomes(reference, difference, target ?? worker?.Join());
        }

        /// <summary>Both contracts' outcomes over one private copy of the exports.</summary>
        private (PersonOutcomeCollector Reference, PersonOutcomeCollector Difference) Extract()
        {
            // One read of the exports for both contracts: neither can see a file the other did not.
            using var exports = ExportSnapshot.Take(_reference, _difference);
            // A source both contracts read alike (most edits touch fields, rules or scope, not the exports) is read
            // once; side by side, the second half reads the shared exports from the last while the first reads them
            // from the first. The reads are let go of once both extractions are done.
            var referenceContract = exports.Redirect(_reference);
            var differenceContract = exports.Redirect(_difference);
            var shared = SharedSourceReads.Between(referenceContract, differenceContract);
            SharedSources = shared.Count;
            // Every export read alike: one set of rows side by side as one after the other, so size does not decide.
            var allShared = shared.Count == _reference.Sources.Count && shared.Count == _difference.Sources.Count;
            var sideBySide = RanSideBySide = SideBySide ?? (allShared || exports.TotalBytes <= SideBySideLimit);
            PersonOutcomeCollector reference, difference;
            try
            {
                (reference, difference) = Both(
                    () => Collect(referenceContract, shared, _reference, exports, buildAlongside: !sideBySide),
                    () =>
                    {
                        if (sideBySide)
                        {
                            shared.ReadAheadFromLast();
                        }

                        return Collect(differenceContract, shared, _difference, exports, buildAlongside: !sideBySide);
                    },
                    sideBySide);
            }
            finally
            {
                // Nothing reads them after the extractions: let go of the rows even if something still holds this object.
                shared.Release();
            }

            return (reference, difference);
        }

        [MethodImpl(Hot.Path)]
        private ContractComparisonResult CompareOutcomes(PersonOutcomeCollector reference, PersonOutcomeCollector difference, TargetTable? target)
        {
            var sideBySide = RanSideBySide;
            PersonChanges? referenceChanges = null, differenceChanges = null;
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
            var schemas = new SchemaPair();
            for (var i = 0; i < keys.Count; i++)
            {
                var key = keys[i];
                var old = reference.OutcomeOf(key);
                var now = difference.OutcomeOf(key);
                StaffChange? oldChange = null, newChange = null;
                var fields = FieldDifferences(old.Record, now.Record, schemas);
                var kind = OutcomeKind(old, now, fields.Count > 0);
                if (referenceChanges is not null && differenceChanges is not null)
                {
                    // A person unchanged under both contracts (most people): two equal NoChange changes, built only
                    // when the person is reported for another reason.
                    var bothUnchanged = referenceChanges.IsUnbuiltNoChange(key) && differenceChanges.IsUnbuiltNoChange(key);
                    if (!bothUnchanged || kind != ContractDifferenceKind.None)
                    {
                        oldChange = referenceChanges.Get(key);
                        newChange = differenceChanges.Get(key);
                    }

                    if (!bothUnchanged && !SameChange(oldChange, newChange))
                    {
                        kind |= ContractDifferenceKind.TargetChangeDiffers;
                    }
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

        /// <summary>
        /// Extracts one contract (reading the exports' copies) into its outcomes; an error names that contract's export,
        /// not the copy. Side by side, each extraction builds its people on one thread: the two already use both cores.
        /// </summary>
        [MethodImpl(Hot.Path)]
        private static PersonOutcomeCollector Collect(MappingContract contract, SharedSourceReads shared, MappingContract original, ExportSnapshot exports, bool buildAlongside)
        {
            var collector = new PersonOutcomeCollector();
            try
            {
                foreach (var item in new StaffExtractor(contract) { SharedReads = shared, BuildAlongside = buildAlongside && Environment.ProcessorCount > 1 }.Extract())
                {
                    collector.Add(item);
                }
            }
            catch (InputFileException ex) when (exports.Original(ex.File, original) != ex.File)
            {
                throw new InputFileException(ex.ErrorId, exports.Original(ex.File, original), ex.Line, ex.Field, ex.Problem, ex);
            }

            return collector;
        }

        private static PersonChanges Changes(MappingContract contract, PersonOutcomeCollector collected, TargetTable target)
        {
            var changes = PersonChanges.Compute(new DiffEngine(contract), collected.Items, target);
            // The stream fed this diff and nothing else: one after the other (large exports), the second diff runs without it.
            collected.ReleaseItems();
            return changes;
        }

        [MethodImpl(Hot.Path)]
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

        /// <summary>
        /// The fields whose values differ, the reference's fields first, then the difference's new ones. Nothing is
        /// allocated for equal records (most people): a list is made at the first difference. Two extractions of
        /// contracts defining the same fields in the same order have equal schemas, compared value by value.
        /// </summary>
        [MethodImpl(Hot.Path)]
        private static IReadOnlyList<ContractFieldDifference> FieldDifferences(CanonicalStaffRecord? old, CanonicalStaffRecord? now, SchemaPair schemas)
        {
            if (old is null || now is null)
            {
                return Array.Empty<ContractFieldDifference>();
            }

            List<ContractFieldDifference>? result = null;
            var names = old.Schema.Names;
            if (schemas.SameNames(old.Schema, now.Schema))
            {
                for (var i = 0; i < names.Count; i++)
                {
                    if (!string.Equals(old.ValueAt(i), now.ValueAt(i), StringComparison.Ordinal))
                    {
                        (result ??= new List<ContractFieldDifference>()).Add(new ContractFieldDifference(names[i], old.ValueAt(i), now.ValueAt(i)));
                    }
                }

                return result ?? (IReadOnlyList<ContractFieldDifference>)Array.Empty<ContractFieldDifference>();
            }

            foreach (var name in names)
            {
                Differ(ref result, name, old[name], now[name]);
            }

            foreach (var name in now.Schema.Names)
            {
                if (!old.Schema.TryGetOrdinal(name, out _))
                {
                    Differ(ref result, name, null, now[name]);
                }
            }

            return result ?? (IReadOnlyList<ContractFieldDifference>)Array.Empty<ContractFieldDifference>();
        }

        private static void Differ(ref List<ContractFieldDifference>? result, string name, string? before, string? after)
        {
            if (!string.Equals(before, after, StringComparison.Ordinal))
            {
                (result ??= new List<ContractFieldDifference>()).Add(new ContractFieldDifference(name, before, after));
            }
        }

        /// <summary>
        /// The last pair of schemas seen and whether they list the same names in the same order: each extraction
        /// shares one schema among its records, so this is decided about once per comparison, not per person.
        /// </summary>
        private sealed class SchemaPair
        {
            private FieldSchema? _old, _now;
            private bool _sameNames;

            public bool SameNames(FieldSchema old, FieldSchema now)
            {
                if (!ReferenceEquals(old, _old) || !ReferenceEquals(now, _now))
                {
                    _old = old;
                    _now = now;
                    _sameNames = ReferenceEquals(old, now) || old.Names.SequenceEqual(now.Names, StringComparer.Ordinal);
                }

                return _sameNames;
            }
        }

        [MethodImpl(Hot.Path)]
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

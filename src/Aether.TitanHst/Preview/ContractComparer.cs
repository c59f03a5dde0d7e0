using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Aether.TitanHst.Canonical;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Diff;
using Aether.TitanHst.Target;

namespace Aether.TitanHst.Preview
{
    /// <summary>
    /// Previews a contract edit on real data: runs the reference (old) and the difference (new) contract over the
    /// same exports, and, when TitanHST's state is given, both diffs against that same state; reports each person
    /// whose outcome differs. Nothing is written anywhere: it answers "what would this edit do?" before the edit
    /// is published or any diff with it is applied.
    /// </summary>
    public sealed partial class ContractComparer
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

        /// <summary>Where the last comparison's time went (the bench prints it).</summary>
        internal ComparisonStages Stages { get; private set; } = new();

        /// <summary>
        /// Whether the last comparison copied the exports to a private folder first: only when some export was not read
        /// alike by both contracts (<see cref="ExportSnapshot"/>).
        /// </summary>
        internal bool CopiedExports { get; private set; }

        /// <summary>How many sources the last comparison read once for both contracts (they read them alike).</summary>
        public int SharedSources { get; private set; }

        /// <summary>How many people the last comparison held one record for, both contracts having built it alike.</summary>
        internal int SharedRecords { get; private set; }

        /// <summary>
        /// Whether the last comparison extracted once and derived the difference contract's people from the reference's
        /// (the contracts differ only in some fields' definitions: <see cref="FieldOnlyEdit"/>), and how many were derived.
        /// </summary>
        internal int? DerivedPeople { get; private set; }

        /// <summary>
        /// With the other contract's people derived and TitanHST's records given: how many people the last comparison
        /// settled as they were built (<see cref="PersonSettling"/>); null when it settled none that way.
        /// </summary>
        internal int? SettledPeople { get; private set; }

        /// <summary>False to keep every person to the comparison loop even when it could be settled as built (tests compare the two ways).</summary>
        internal bool SettleAsBuilt { get; set; } = true;

        /// <summary>False to extract both contracts even when one could be derived from the other (tests compare the two ways).</summary>
        internal bool DeriveWhenAlike { get; set; } = true;

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
            Stages = new ComparisonStages();
            PersonOutcomeCollector reference, difference;
            (PersonChanges, PersonChanges)? changes;
            // TitanHST's records for diffs run as the people are built, once the extraction reaches its first person.
            Func<TargetTable>? targetForDiffs = target is not null ? () => target : worker is null ? null : () => worker.Join();
            try
            {
                (reference, difference, changes) = Extract(targetForDiffs);
            }
            catch
            {
                worker?.StopAfterFailure();
                throw;
            }

            var joined = Stopwatch.GetTimestamp();
            target ??= worker?.Join();
            Stages.Ended("target join", joined);
            return CompareOutcomes(reference, difference, target, changes);
        }

        [MethodImpl(Hot.Path)]
        private ContractComparisonResult CompareOutcomes(PersonOutcomeCollector reference, PersonOutcomeCollector difference, TargetTable? target,
            (PersonChanges Reference, PersonChanges Difference)? diffed)
        {
            var sideBySide = RanSideBySide;
            PersonChanges? referenceChanges = null, differenceChanges = null;
            if (diffed is var (referenceDiffed, differenceDiffed))
            {
                // Both diffs ran as the people were built (the derived extraction).
                (referenceChanges, differenceChanges) = (referenceDiffed, differenceDiffed);
            }
            else if (target is not null)
            {
                var start = Stopwatch.GetTimestamp();
                (referenceChanges, differenceChanges) = Both(
                    () => Timed("reference changes", () => Changes(_reference, reference, target)),
                    () => Timed("difference changes", () => Changes(_difference, difference, target)),
                    sideBySide);
                Stages.Ended("changes", start);
            }

            var keysStart = Stopwatch.GetTimestamp();
            var keys = new PersonKeys(reference, difference, referenceChanges, differenceChanges);
            var summary = new ContractComparisonSummary
            {
                ReferenceContract = $"{_reference.Id} {_reference.Version} ({_reference.ShortHash})",
                DifferenceContract = $"{_difference.Id} {_difference.Version} ({_difference.ShortHash})",
                PeopleCompared = keys.Count,
                WithTarget = target is not null,
                ReferenceBlocked = string.Join("; ", referenceChanges?.Summary.BlockReasons ?? Array.Empty<string>()),
                DifferenceBlocked = string.Join("; ", differenceChanges?.Summary.BlockReasons ?? Array.Empty<string>()),
                ReferenceHeldBack = referenceChanges?.Summary.HeldBack ?? 0,
                DifferenceHeldBack = differenceChanges?.Summary.HeldBack ?? 0,
            };
            Stages.Ended("keys", keysStart);
            var loopStart = Stopwatch.GetTimestamp();

            // The pure part (outcomes, field differences, whether both diffs left the person unchanged, built changes
            // compared) on two threads, each over half of the people; then the NoChange changes still needed, each
            // diff's on its own thread; what is reported is assembled in key order on this one.
            var half = keys.Count / 2;
            var split = keys.Count >= ParallelLoopMinPeople;
            var (first, second) = Both(
                () => Unsettled(keys, 0, half, reference, difference, referenceChanges, differenceChanges),
                () => Unsettled(keys, half, keys.Count, reference, difference, referenceChanges, differenceChanges),
                split);
            Stages.Ended("comparison loop, two threads", loopStart);
            first.AddRange(second);
            var unsettled = first;
            StaffChange?[]? builtOld = null, builtNew = null;
            if (referenceChanges is not null && differenceChanges is not null)
            {
                // The deferred NoChange changes still needed, each diff's built by its own engine on its own thread (as
                // the two diffs ran side by side), each in key order.
                var buildStart = Stopwatch.GetTimestamp();
                (builtOld, builtNew) = Both(
                    () => BuildChanges(referenceChanges, unsettled, keys, person => keys.ReferenceOrdinal(person.Index)),
                    () => BuildChanges(differenceChanges, unsettled, keys, person => person.NewOrdinal),
                    split);
                Stages.Ended("comparison loop, changes built", buildStart);
            }

            var differences = new List<ContractOutcomeDifference>();
            for (var u = 0; u < unsettled.Count; u++)
            {
                var person = unsettled[u];
                var key = keys[person.Index];
                var kind = person.Kind;
                StaffChange? oldChange = null, newChange = null;
                if (referenceChanges is not null && differenceChanges is not null)
                {
                    // A person unchanged under both contracts (most people): two equal NoChange changes, built only
                    // when the person is reported for another reason.
                    (oldChange, newChange) = person.ChangesPeeked ? (person.OldChange, person.NewChange) : (builtOld![u], builtNew![u]);

                    if (!person.BothUnchanged && !(person.ChangesPeeked ? person.SameChange : PersonOutcomeDiff.SameChange(oldChange, newChange)))
                    {
                        kind |= ContractDifferenceKind.TargetChangeDiffers;
                    }
                }

                if (kind != ContractDifferenceKind.None)
                {
                    var old = person.Old;
                    var now = person.Now;
                    var item = new ContractOutcomeDifference(key, kind, old, now, person.Fields, oldChange, newChange,
                        GroupValue(now.Record, _difference.Policies.Review.SiteField) ?? GroupValue(old.Record, _reference.Policies.Review.SiteField) ?? newChange?.Site ?? oldChange?.Site,
                        GroupValue(now.Record, _difference.Policies.Review.RoleField) ?? GroupValue(old.Record, _reference.Policies.Review.RoleField) ?? newChange?.Role ?? oldChange?.Role);
                    summary.Add(item);
                    differences.Add(item);
                }
            }

            // Every person is compared by now (the loop above only assembles the report): progress says so, person by person.
            var progress = Progress;
            for (var done = 1; progress is not null && done <= keys.Count; done++)
            {
                progress(done, keys.Count);
            }

            Stages.Ended("comparison loop", loopStart);
            return new ContractComparisonResult(differences, summary);
        }

        /// <summary>People from which the comparison loop splits its pure part over two threads; below, one thread does it all (a thread costs more than it saves).</summary>
        internal const int DefaultParallelLoopMinPeople = 20000;

        /// <summary>
        /// The threshold in use: <see cref="DefaultParallelLoopMinPeople"/> on more than one core (one core never splits),
        /// unless a test sets it (a threshold of 1 always splits, so a test compares the two paths on any machine).
        /// </summary>
        internal int ParallelLoopMinPeople { get; set; } = Environment.ProcessorCount > 1 ? DefaultParallelLoopMinPeople : int.MaxValue;

        /// <summary>Each unsettled person's change under one contract when it was not had without building (a deferred NoChange built now), else null.</summary>
        private static StaffChange?[] BuildChanges(PersonChanges changes, List<UnsettledPerson> unsettled, PersonKeys keys, Func<UnsettledPerson, int> ordinal)
        {
            var built = new StaffChange?[unsettled.Count];
            for (var u = 0; u < unsettled.Count; u++)
            {
                var person = unsettled[u];
                if (!person.ChangesPeeked)
                {
                    built[u] = changes.Get(keys[person.Index], ordinal(person));
                }
            }

            return built;
        }

        /// <summary>
        /// The people <paramref name="from"/> to <paramref name="to"/> (exclusive) that the comparison must look at
        /// further, in order: those whose outcome differs, and (with a target) those not unchanged under both diffs.
        /// Only reads (the collectors, the changes' entries, the records), so two threads can each take a range; no
        /// change is built here (a deferred NoChange is built by the diff's engine, on one thread).
        /// </summary>
        [MethodImpl(Hot.Path)]
        private static List<UnsettledPerson> Unsettled(PersonKeys keys, int from, int to, PersonOutcomeCollector reference, PersonOutcomeCollector difference,
            PersonChanges? referenceChanges, PersonChanges? differenceChanges)
        {
            var result = new List<UnsettledPerson>();
            var withChanges = referenceChanges is not null && differenceChanges is not null;
            for (var i = from; i < to; i++)
            {
                var key = keys[i];
                var oldOrdinal = keys.ReferenceOrdinal(i);
                // Both extractions walk the same people in the same order: most keys sit at the same ordinal.
                var newOrdinal = difference.OrdinalOf(key, i);
                if (reference.IsSettled(oldOrdinal) && difference.IsSettled(newOrdinal))
                {
                    // Settled as built: the same record under both contracts, unchanged in both diffs.
                    continue;
                }

                PersonOutcome? old = null, now = null;
                IReadOnlyList<ContractFieldDifference> fields;
                ContractDifferenceKind kind;
                if (reference.PlainRecordAt(oldOrdinal) is { } oldRecord && difference.PlainRecordAt(newOrdinal) is { } newRecord)
                {
                    // A record under both (most people): the outcome objects are made only if the person is looked at further.
                    fields = PersonOutcomeDiff.FieldDifferences(oldRecord, newRecord);
                    kind = fields.Count > 0 ? ContractDifferenceKind.FieldChanged : ContractDifferenceKind.None;
                }
                else
                {
                    old = reference.OutcomeAt(oldOrdinal);
                    now = difference.OutcomeAt(newOrdinal);
                    fields = PersonOutcomeDiff.FieldDifferences(old.Record, now.Record);
                    kind = PersonOutcomeDiff.OutcomeKind(old, now, fields.Count > 0);
                }

                var bothUnchanged = withChanges && referenceChanges!.IsUnbuiltNoChange(key, oldOrdinal) && differenceChanges!.IsUnbuiltNoChange(key, newOrdinal);
                if (kind != ContractDifferenceKind.None || (withChanges && !bothUnchanged))
                {
                    // Changes the diffs built already (no deferred NoChange to build) are compared here too.
                    StaffChange? oldChange = null, newChange = null;
                    var peeked = withChanges && referenceChanges!.TryPeek(key, oldOrdinal, out oldChange) && differenceChanges!.TryPeek(key, newOrdinal, out newChange);
                    var same = peeked && !bothUnchanged && PersonOutcomeDiff.SameChange(oldChange, newChange);
                    result.Add(new UnsettledPerson(i, newOrdinal, kind, fields, old ?? reference.OutcomeAt(oldOrdinal), now ?? difference.OutcomeAt(newOrdinal), bothUnchanged,
                        peeked, oldChange, newChange, same));
                }
            }

            return result;
        }

        private T Timed<T>(string stage, Func<T> run)
        {
            var start = Stopwatch.GetTimestamp();
            var result = run();
            Stages.Ended(stage, start);
            return result;
        }

        /// <summary>
        /// Runs the two contracts' halves side by side (or one after the other, for large exports) (they share nothing mutable: each has its own extractor, rule
        /// memo and diff engine; the exports' copies and the target are only read), so the preview costs about one
        /// diff's time on two cores. Both are awaited before anything is thrown, so no half outlives the exports'
        /// copies; when both fail, the reference's error is the one reported, as when they ran one after the other.
        /// </summary>
        internal static (T Reference, T Difference) Both<T>(Func<T> reference, Func<T> difference, bool sideBySide)
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

        private static PersonChanges Changes(MappingContract contract, PersonOutcomeCollector collected, TargetTable target)
        {
            var changes = PersonChanges.Compute(new DiffEngine(contract), collected, target);
            // The stream fed this diff and nothing else: one after the other (large exports), the second diff runs without it.
            collected.ReleaseItems();
            return changes;
        }

        private static string? GroupValue(CanonicalStaffRecord? record, string? field) => record is null || field is null ? null : record[field];
    }
}

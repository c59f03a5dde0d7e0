using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Aether.TitanHst.Canonical;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Diff;
using Aether.TitanHst.Errors;
using Aether.TitanHst.Target;

namespace Aether.TitanHst.Preview
{
    /// <summary>
    /// How the two contracts' outcomes are extracted: once with the difference contract's people derived (a fields-only
    /// edit), or twice, side by side or one after the other, with one record held for a person both build alike.
    /// </summary>
    public sealed partial class ContractComparer
    {
        /// <summary>
        /// Both contracts' outcomes over one read of each export: in place, or of a private copy; with both contracts'
        /// diffs too when the difference contract's people are derived and <paramref name="target"/> gives TitanHST's
        /// records (otherwise the diffs, if any, run after the extraction).
        /// </summary>
        private (PersonOutcomeCollector Reference, PersonOutcomeCollector Difference, (PersonChanges Reference, PersonChanges Difference)? Changes) Extract(
            Func<TargetTable>? target)
        {
            // One read of the exports for both contracts: neither can see a file the other did not. Contracts that read
            // every export alike read each once for both, in place; otherwise each reads a private copy.
            var start = Stopwatch.GetTimestamp();
            using var exports = SharedSourceReads.ReadAlike(_reference, _difference)
                ? ExportSnapshot.InPlace()
                : ExportSnapshot.Take(_reference, _difference);
            CopiedExports = exports.Copied;
            Stages.Ended(exports.Copied ? "export copy" : "exports in place", start);
            // A source both contracts read alike (most edits touch fields, rules or scope, not the exports) is read
            // once; side by side, the second half reads the shared exports from the last while the first reads them
            // from the first. The reads are let go of once both extractions are done.
            var referenceContract = exports.Redirect(_reference);
            var differenceContract = exports.Redirect(_difference);
            var stages = Stages;
            var shared = SharedSourceReads.Between(referenceContract, differenceContract, (source, began) => stages.Ended("shared read " + source, began));
            SharedSources = shared.Count;
            // Every export read alike: one set of rows side by side as one after the other, so size does not decide.
            var allShared = shared.Count == _reference.Sources.Count && shared.Count == _difference.Sources.Count;
            DerivedPeople = null;
            SettledPeople = null;
            if (allShared && DeriveWhenAlike && FieldOnlyEdit.Fields(referenceContract, differenceContract) is { } fields)
            {
                // The usual edit (a field's rule or sources): one extraction, on both cores, the other contract's
                // people derived from it as each is built. It reads the exports itself rather than through the shared
                // reads, so its rows are let go of person by person as in a diff (1M: peak 1.8 -> 1.56 GB, and 2-7 s
                // less of the kernel's first touches).
                try
                {
                    RanSideBySide = true;
                    start = Stopwatch.GetTimestamp();
                    var both = CollectDerived(referenceContract, differenceContract, fields, exports, target, SettleAsBuilt);
                    Stages.Ended("extraction, the other contract derived", start);
                    return both;
                }
                finally
                {
                    shared.Release();
                }
            }

            var sideBySide = RanSideBySide = SideBySide ?? (allShared || exports.TotalBytes <= SideBySideLimit);
            // A person both contracts build alike (most people) is held once, whichever extraction built it first.
            var exchange = new RecordExchange();
            PersonOutcomeCollector reference, difference;
            try
            {
                start = Stopwatch.GetTimestamp();
                (reference, difference) = Both(
                    () => Timed("reference extraction", () => Collect(referenceContract, shared, _reference, exports, exchange, buildAlongside: !sideBySide)),
                    () => Timed("difference extraction", () =>
                    {
                        if (sideBySide)
                        {
                            shared.ReadAheadFromLast();
                        }

                        return Collect(differenceContract, shared, _difference, exports, exchange, buildAlongside: !sideBySide);
                    }),
                    sideBySide);
                Stages.Ended("extractions", start);
                reference.StopSharing();
                difference.StopSharing();
                SharedRecords = exchange.Shared;
            }
            finally
            {
                // Nothing reads them after the extractions: let go of the rows even if something still holds this object.
                shared.Release();
            }

            return (reference, difference, null);
        }

        /// <summary>
        /// Extracts one contract (reading the exports in place or their copies) into its outcomes; an error names that
        /// contract's export, not a copy. Side by side, each extraction builds its people on one thread: the two already use both cores.
        /// </summary>
        [MethodImpl(Hot.Path)]
        private static PersonOutcomeCollector Collect(MappingContract contract, SharedSourceReads shared, MappingContract original, ExportSnapshot exports, RecordExchange exchange, bool buildAlongside)
        {
            var collector = new PersonOutcomeCollector(exchange);
            try
            {
                foreach (var item in new StaffExtractor(contract) { SharedReads = shared, BuildAlongside = buildAlongside && Environment.ProcessorCount > 1, PeopleCounted = collector.Reserve }.Extract())
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

        /// <summary>
        /// Both contracts' outcomes from one extraction of the reference, the difference contract's people derived
        /// from it (<see cref="StaffExtractor.Derived"/>): the stream's frames say whose each item is. With
        /// <paramref name="target"/>, both contracts' diffs are handed each item as it comes (<see cref="DiffRun"/>), so
        /// a person both contracts build alike and both diffs leave unchanged is settled as soon as its items are in
        /// (<see cref="PersonSettling"/>, unless <paramref name="settle"/> is false) and its record dies young, and no
        /// item is held for a diff after the extraction. 1M: peak 1582-1594 -> 1275-1282 MiB, paused 3.4-4.3 -> 2.3-2.9 s.
        /// </summary>
        [MethodImpl(Hot.Path)]
        private (PersonOutcomeCollector Reference, PersonOutcomeCollector Difference, (PersonChanges Reference, PersonChanges Difference)? Changes) CollectDerived(
            MappingContract reference, MappingContract difference, int[] fields, ExportSnapshot exports, Func<TargetTable>? target, bool settle)
        {
            var one = new PersonOutcomeCollector();
            var other = new PersonOutcomeCollector();
            var extractor = new StaffExtractor(reference)
            {
                Derived = (difference, fields),
                PeopleCounted = people =>
                {
                    one.Reserve(people);
                    other.Reserve(people);
                },
            };
            var referenceEngine = new DiffEngine(_reference);
            var differenceEngine = new DiffEngine(_difference);
            DiffRun? referenceRun = null, differenceRun = null;
            PersonSettling? settling = null;
            try
            {
                var into = one;
                var run = referenceRun;
                var people = false;
                foreach (var item in extractor.Extract())
                {
                    if (ReferenceEquals(item, ExtractItem.PeopleBegin))
                    {
                        people = true;
                        if (target is not null)
                        {
                            // Every export is read by now: the diffs wait for TitanHST's records here, as a diff does
                            // at its first person, and are handed what came before the people.
                            var joined = Stopwatch.GetTimestamp();
                            var table = target();
                            Stages.Ended("target join, at the first person", joined);
                            var indexed = Stopwatch.GetTimestamp();
                            (referenceRun, differenceRun) = Both(
                                () => StartRun(referenceEngine, one, table),
                                () => StartRun(differenceEngine, other, table),
                                sideBySide: true);
                            Stages.Ended("diffs started", indexed);
                            run = referenceRun;
                            settling = settle ? new PersonSettling(one, other, referenceRun, differenceRun) : null;
                        }
                    }
                    else if (ReferenceEquals(item, ExtractItem.DifferenceBegin))
                    {
                        into = other;
                        run = differenceRun;
                    }
                    else if (ReferenceEquals(item, ExtractItem.DifferenceEnd))
                    {
                        into = one;
                        run = referenceRun;
                        settling?.End();
                    }
                    else if (people)
                    {
                        var kept = into.Add(item);
                        run?.Consider(kept);
                        settling?.Saw(kept, difference: ReferenceEquals(into, other));
                    }
                    else
                    {
                        // What comes before the people (rows no contract could read, repeated keys) is both contracts'.
                        one.Add(item);
                        other.Add(item);
                    }
                }
            }
            catch (InputFileException ex) when (exports.Original(ex.File, _reference) != ex.File)
            {
                throw new InputFileException(ex.ErrorId, exports.Original(ex.File, _reference), ex.Line, ex.Field, ex.Problem, ex);
            }

            DerivedPeople = extractor.DerivedPeople;
            SharedRecords = extractor.DerivedSameRecords;
            SettledPeople = settling?.Settled;
            if (settling is not null && (one.SettledSeenAgain || other.SettledSeenAgain))
            {
                // A settled person named again (never expected): its record is gone, so the comparison starts over without settling.
                Stages.Ended("settling abandoned", Stopwatch.GetTimestamp());
                return CollectDerived(reference, difference, fields, exports, target, settle: false);
            }

            if (referenceRun is null || differenceRun is null)
            {
                return (one, other, null);
            }

            // Each diff's tail (TitanHST's records no one built, the safety policy) and its changes by person, side by side.
            var finished = Stopwatch.GetTimestamp();
            var changes = Both(
                () => PersonChanges.From(referenceEngine, one, referenceRun.Finish()),
                () => PersonChanges.From(differenceEngine, other, differenceRun.Finish()),
                sideBySide: true);
            Stages.Ended("diffs finished", finished);
            return (one, other, changes);
        }

        /// <summary>A contract's diff against <paramref name="table"/>, handed the items collected so far; later items are not kept, the diff has them.</summary>
        private static DiffRun StartRun(DiffEngine engine, PersonOutcomeCollector collected, TargetTable table)
        {
            var run = engine.Start(table, PersonChanges.Options(collected));
            foreach (var item in collected.Items)
            {
                run.Consider(item);
            }

            collected.StopKeepingItems();
            return run;
        }
    }
}

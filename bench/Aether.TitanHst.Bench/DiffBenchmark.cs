using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using Aether.TitanHst.Canonical;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Diff;
using Aether.TitanHst.Target;

namespace Aether.TitanHst.Bench
{
    /// <summary>
    /// The full diff: sources and a target snapshot to change objects, as Get-TitanHstDiff -TargetSnapshot does it
    /// (the target read alongside the exports). With rounds, the same diff again in this process, each round with its
    /// seconds, allocated bytes and collections, so the warm rounds show what the stage profile (stages one after the
    /// other) cannot: the overlapped total. BENCH_DIFF_SEQUENTIAL=1 reads the target on the caller's thread, for a
    /// before/after in one build.
    /// </summary>
    internal static class DiffBenchmark
    {
        internal static object Run(string contractPath, string snapshotPath, int rounds = 1)
        {
            var alongside = Environment.GetEnvironmentVariable("BENCH_DIFF_SEQUENTIAL") != "1";

            // BENCH_DIFF_LIVE=1: the live heap (after a full collection, so the times are not the ones to quote) when the
            // extraction's first record arrives (every export row held, the target being read) and after its last item
            // (every person built, the TitanHST records held): the two moments the peak can be.
            var live = Environment.GetEnvironmentVariable("BENCH_DIFF_LIVE") == "1";
            var perRound = new List<object>();
            // BENCH_GC_EVENTS=1: per round, on stderr, each collection (generation, what it promoted) and the bytes
            // allocated by type (the runtime's allocation ticks, one per ~100 KB).
            using var gcLog = Environment.GetEnvironmentVariable("BENCH_GC_EVENTS") == "1" ? new GcEventLog() : null;
            // BENCH_JIT_EVENTS=1: per round, on stderr, the methods compiled (by owner and tier, the slowest by name).
            using var jitLog = Environment.GetEnvironmentVariable("BENCH_JIT_EVENTS") == "1" ? new JitEventLog() : null;
            DiffResult? result = null;
            var first = TimeSpan.Zero;
            for (var round = 0; round < rounds; round++)
            {
                // The last round's result is let go of first: each round's peak is one diff's, not two.
                result = null;
                var allocated = GC.GetTotalAllocatedBytes(false);
                var gen0 = GC.CollectionCount(0);
                var gen1 = GC.CollectionCount(1);
                var gen2 = GC.CollectionCount(2);
                var pause = GC.GetTotalPauseDuration();
                var jit = System.Runtime.JitInfo.GetCompilationTime(currentThread: false);
                var jitMethods = System.Runtime.JitInfo.GetCompiledMethodCount(currentThread: false);
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var faults = MinorFaults();
                var watch = Stopwatch.StartNew();
                // BENCH_NOGC_MIB=200: the round runs in a no-GC region of that many MiB (its start's collection timed
                // with it), to measure what the collections cost against fresh memory for every allocation (round 24:
                // slower, every round).
                var noGc = Environment.GetEnvironmentVariable("BENCH_NOGC_MIB") is { } noGcMib
                    && GC.TryStartNoGCRegion(long.Parse(noGcMib, System.Globalization.CultureInfo.InvariantCulture) << 20, disallowFullBlockingGC: true);
                if (!noGc && Environment.GetEnvironmentVariable("BENCH_NOGC_MIB") is not null)
                {
                    // Said, so that a round measured with collections is not taken for one without.
                    Console.Error.WriteLine($"round {round}: the runtime refused the no-GC region; the round runs with collections");
                }
                var contract = ContractLoader.Load(contractPath);
                var contractAt = watch.Elapsed.TotalSeconds;
                double firstItemAt = 0, targetReadAt = 0;
                long liveAtFirstItem = 0, liveAfterLastItem = 0;
                using (var snapshot = TargetSnapshotReader.Open(snapshotPath))
                {
                    var extractor = new StaffExtractor(contract);
                    result = new DiffEngine(contract).Compute(
                        Timed(live ? LiveAtFirstRecord(extractor.Extract(), mib => liveAtFirstItem = mib) : extractor.Extract(), watch,
                            first: t => firstItemAt = t,
                            last: live ? _ => liveAfterLastItem = GC.GetTotalMemory(forceFullCollection: true) / (1024 * 1024) : null),
                        // Watched record by record (the time of the last), the snapshot still read into the diff's table.
                        TargetRecordStream.Read(_ => snapshot.ReadRecords(), () => targetReadAt = watch.Elapsed.TotalSeconds, CancellationToken.None),
                        new DiffOptions { ReadTargetAlongside = alongside });
                }

                if (noGc)
                {
                    try
                    {
                        GC.EndNoGCRegion();
                    }
                    catch (InvalidOperationException e)
                    {
                        // The round allocated more than the region held: the runtime collected and ended it.
                        Console.Error.WriteLine($"round {round}: the no-GC region ended early ({e.Message})");
                    }
                }

                watch.Stop();
                if (gcLog is not null)
                {
                    // The runtime hands its events to listeners a little late: let the round's last ones arrive.
                    Thread.Sleep(500);
                    Console.Error.WriteLine($"round {round}:");
                    gcLog.Dump();
                }

                if (jitLog is not null)
                {
                    // As above: the round's last compilations are reported a little late.
                    Thread.Sleep(500);
                    Console.Error.WriteLine($"round {round}, compiled:");
                    jitLog.Dump();
                }

                var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
                if (round == 0)
                {
                    first = watch.Elapsed;
                }

                perRound.Add(new
                {
                    seconds = Math.Round(watch.Elapsed.TotalSeconds, 3),
                    cpuSeconds = Math.Round(cpuSeconds, 3),
                    // The contract loaded (read, checked, its tables and rules built): most of it is one-time cost in a
                    // new process (the JSON serializer's metadata, the rules' compilation).
                    contractLoadedAt = Math.Round(contractAt, 3),
                    // When the sources' first item arrived (the exports read) and when the target's last record was read:
                    // read alongside, a target done before the first item cost the diff no wall time.
                    firstSourceItemAt = Math.Round(firstItemAt, 3),
                    targetReadDoneAt = Math.Round(targetReadAt, 3),
                    allocatedMiB = (GC.GetTotalAllocatedBytes(false) - allocated) / (1024 * 1024),
                    gc = $"{GC.CollectionCount(0) - gen0}/{GC.CollectionCount(1) - gen1}/{GC.CollectionCount(2) - gen2}",
                    pausedSeconds = Math.Round((GC.GetTotalPauseDuration() - pause).TotalSeconds, 3),
                    // The JIT's time (every thread) and the methods it compiled this round: the first call's extra cost.
                    jitSeconds = Math.Round((System.Runtime.JitInfo.GetCompilationTime(currentThread: false) - jit).TotalSeconds, 3),
                    jitMethods = System.Runtime.JitInfo.GetCompiledMethodCount(currentThread: false) - jitMethods,
                    // Pages the round touched for the first time (Linux; -1 elsewhere): fresh memory costs ~11 us a page
                    // on the bench host (round 24), so a round's faults are part of its CPU.
                    minorFaults = faults < 0 ? -1 : MinorFaults() - faults,
                    liveMiBAtFirstRecord = live ? liveAtFirstItem : (long?)null,
                    liveMiBAfterLastItem = live ? liveAfterLastItem : (long?)null,
                });
            }

            var s = result!.Summary;
            return Describe(result, s, alongside, first, perRound, rounds);
        }

        /// <summary>The process's minor page faults so far (Linux: /proc/self/stat's tenth field; elsewhere -1).</summary>
        private static long MinorFaults()
        {
            try
            {
                var stat = System.IO.File.ReadAllText("/proc/self/stat");
                var fields = stat.Substring(stat.LastIndexOf(')') + 2).Split(' ');
                return long.Parse(fields[7], System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (System.IO.IOException)
            {
                return -1;
            }
            catch (UnauthorizedAccessException)
            {
                return -1;
            }
        }

        private static IEnumerable<ExtractItem> LiveAtFirstRecord(IEnumerable<ExtractItem> items, Action<long> measured)
        {
            var measuredYet = false;
            foreach (var item in items)
            {
                if (!measuredYet && item.Record is not null)
                {
                    // The first person built: every export read and grouped, the walk just begun.
                    measuredYet = true;
                    measured(GC.GetTotalMemory(forceFullCollection: true) / (1024 * 1024));
                }

                yield return item;
            }
        }

        private static IEnumerable<T> Timed<T>(IEnumerable<T> items, Stopwatch watch, Action<double>? first, Action<double>? last)
        {
            var any = false;
            foreach (var item in items)
            {
                if (!any)
                {
                    any = true;
                    first?.Invoke(watch.Elapsed.TotalSeconds);
                }

                yield return item;
            }

            last?.Invoke(watch.Elapsed.TotalSeconds);
        }

        private static object Describe(DiffResult result, DiffSummary s, bool alongside, TimeSpan first, List<object> perRound, int rounds)
        {
            return new
            {
                benchmark = "diff",
                targetAlongside = alongside,
                targetRecords = s.TargetRecords,
                sourceRecords = s.SourceRecords,
                changes = result.Changes.Count,
                create = s.Create,
                update = s.Update,
                deactivate = s.Deactivate,
                conflict = s.Conflict,
                noChange = s.NoChange,
                blocked = s.Blocked,
                seconds = Math.Round(first.TotalSeconds, 2),
                peoplePerSecond = Math.Round((s.SourceRecords + s.Deactivate) / first.TotalSeconds),
                peakWorkingSetMiB = Memory.PeakWorkingSetMiB(),
                allocatedMiB = GC.GetTotalAllocatedBytes() / (1024 * 1024),
                rounds = rounds > 1 || Environment.GetEnvironmentVariable("BENCH_DIFF_LIVE") == "1" ? perRound : null,
            };
        }
    }
}

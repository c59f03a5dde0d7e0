using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Preview;
using Aether.TitanHst.Target;

namespace Aether.TitanHst.Bench
{
    /// <summary>
    /// Compare-MappingContract's engine (a contract with itself, or with the difference contract given: an edited copy,
    /// tools/bench/New-EditedContract.ps1), against the snapshot, in a fresh process, so the peak working set is the
    /// preview's. BENCH_PREVIEW_SIDE_BY_SIDE=1/0 forces the halves side by side or one after the other; unset, the
    /// comparer decides by the exports' size. BENCH_PREVIEW_DUMP=<file> writes the last round's output as JSON; BENCH_GC_EVENTS=1 prints each collection among the stages' ends and the bytes allocated by type (stderr). Each round's stages (wall seconds) and CPU seconds are printed.
    /// </summary>
    internal static class PreviewBenchmark
    {
        internal static object Run(string contractPath, string snapshotPath, int rounds = 1, string? differencePath = null)
        {
            differencePath = string.IsNullOrEmpty(differencePath) ? contractPath : differencePath;
            var contract = ContractLoader.Load(contractPath);
            var records = ReadSnapshot(snapshotPath);
            var before = Memory.PeakWorkingSetMiB();
            var allocated = GC.GetTotalAllocatedBytes(false);
            // BENCH_GC_EVENTS=1: per round, on stderr, each collection (generation, what it promoted) among the stages'
            // ends, and the bytes allocated by type.
            using var gcLog = Environment.GetEnvironmentVariable("BENCH_GC_EVENTS") == "1" ? new GcEventLog() : null;
            if (gcLog is not null)
            {
                ComparisonStages.Ending = gcLog.Mark;
            }

            if (Environment.GetEnvironmentVariable("BENCH_PREVIEW_LIVE") == "1")
            {
                // What is live as each stage ends (a full collection each time: a diagnostic run, its times are not the preview's).
                ComparisonStages.Ending = stage => Console.Error.WriteLine($"live after '{stage}': {GC.GetTotalMemory(forceFullCollection: true) / (1024 * 1024)} MiB");
            }

            var seconds = new List<double>();
            var cpuSeconds = new List<double>();
            var kernelSeconds = new List<double>();
            var gc = new List<string>();
            var stages = new List<object>();
            ContractComparer? comparer = null;
            ContractComparisonResult? result = null;
            for (var round = 0; round < rounds; round++)
            {
                // The last round's result let go of first, so a round's peak is one preview's.
                result = null;
                comparer = new ContractComparer(contract, ContractLoader.Load(differencePath!))
                {
                    SideBySide = Environment.GetEnvironmentVariable("BENCH_PREVIEW_SIDE_BY_SIDE") switch { "1" => true, "0" => false, _ => null },
                    // BENCH_PREVIEW_DERIVE=0: extract both contracts even when the edit lets the second be derived.
                    DeriveWhenAlike = Environment.GetEnvironmentVariable("BENCH_PREVIEW_DERIVE") != "0",
                    // BENCH_PREVIEW_SETTLE=0: keep every person to the comparison loop (round 20's settling off).
                    SettleAsBuilt = Environment.GetEnvironmentVariable("BENCH_PREVIEW_SETTLE") != "0",
                };
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var kernel = Process.GetCurrentProcess().PrivilegedProcessorTime;
                var (pause, gen0, gen1, gen2) = (GC.GetTotalPauseDuration(), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
                var watch = Stopwatch.StartNew();
                result = comparer.Compare(records);
                watch.Stop();
                seconds.Add(Math.Round(watch.Elapsed.TotalSeconds, 3));
                cpuSeconds.Add(Math.Round((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds, 3));
                kernelSeconds.Add(Math.Round((Process.GetCurrentProcess().PrivilegedProcessorTime - kernel).TotalSeconds, 3));
                gc.Add($"{GC.CollectionCount(0) - gen0}/{GC.CollectionCount(1) - gen1}/{GC.CollectionCount(2) - gen2}, paused {(GC.GetTotalPauseDuration() - pause).TotalSeconds:F2} s");
                stages.Add(comparer.Stages.Seconds.ToDictionary(p => p.Key, p => p.Value));
                if (gcLog is not null)
                {
                    // The runtime hands its events to listeners a little late: let the round's last ones arrive.
                    System.Threading.Thread.Sleep(500);
                    Console.Error.WriteLine($"round {round}:");
                    gcLog.Dump();
                }
            }

            if (Environment.GetEnvironmentVariable("BENCH_PREVIEW_DUMP") is { Length: > 0 } dump)
            {
                // Every difference and the summary as JSON, to check two builds give the same output byte for byte.
                System.IO.File.WriteAllText(dump, System.Text.Json.JsonSerializer.Serialize(new { result!.Summary, result.Differences }));
            }

            return new
            {
                benchmark = "preview",
                selfComparison = string.Equals(System.IO.Path.GetFullPath(differencePath), System.IO.Path.GetFullPath(contractPath), StringComparison.Ordinal),
                sideBySide = comparer!.RanSideBySide,
                sharedSources = comparer.SharedSources,
                sharedRecords = comparer.SharedRecords,
                derivedPeople = comparer.DerivedPeople,
                settledPeople = comparer.SettledPeople,
                peopleCompared = result!.Summary.PeopleCompared,
                differences = result.Differences.Count,
                seconds = seconds[0],
                // Every round's seconds: the first is the first call (JIT); the later ones are warm.
                roundSeconds = seconds,
                roundCpuSeconds = cpuSeconds,
                // Of that CPU, the kernel's: mostly first touches of memory the heap grows into (zeroed pages).
                roundKernelSeconds = kernelSeconds,
                // Collections gen0/1/2 and the time paused, per round.
                roundGc = gc,
                roundStages = stages,
                allocatedMiB = (GC.GetTotalAllocatedBytes(false) - allocated) / (1024 * 1024) / rounds,
                peakWorkingSetBeforeMiB = before,
                peakWorkingSetMiB = Memory.PeakWorkingSetMiB(),
            };
        }

        // As Compare-MappingContract holds it: the diff's compact table, which both contracts' diffs read.
        private static TargetTable ReadSnapshot(string path)
        {
            using var snapshot = TargetSnapshotReader.Open(path);
            return TargetTable.From(snapshot.ReadRecords());
        }
    }
}

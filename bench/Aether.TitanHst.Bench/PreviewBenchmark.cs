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
    /// Compare-MappingContract's engine (a contract with itself, against the snapshot) in a fresh process, so the peak
    /// working set is the preview's. BENCH_PREVIEW_SIDE_BY_SIDE=1/0 forces the halves side by side or one after the
    /// other; unset, the comparer decides by the exports' size.
    /// </summary>
    internal static class PreviewBenchmark
    {
        internal static object Run(string contractPath, string snapshotPath, int rounds = 1)
        {
            var contract = ContractLoader.Load(contractPath);
            var records = ReadSnapshot(snapshotPath);
            var before = Memory.PeakWorkingSetMiB();
            var allocated = GC.GetTotalAllocatedBytes(false);
            var seconds = new List<double>();
            ContractComparer? comparer = null;
            ContractComparisonResult? result = null;
            for (var round = 0; round < rounds; round++)
            {
                // The last round's result let go of first, so a round's peak is one preview's.
                result = null;
                comparer = new ContractComparer(contract, ContractLoader.Load(contractPath))
                {
                    SideBySide = Environment.GetEnvironmentVariable("BENCH_PREVIEW_SIDE_BY_SIDE") switch { "1" => true, "0" => false, _ => null },
                };
                var watch = Stopwatch.StartNew();
                result = comparer.Compare(records);
                watch.Stop();
                seconds.Add(Math.Round(watch.Elapsed.TotalSeconds, 3));
            }

            return new
            {
                benchmark = "preview",
                sideBySide = comparer!.RanSideBySide,
                sharedSources = comparer.SharedSources,
                peopleCompared = result!.Summary.PeopleCompared,
                differences = result.Differences.Count,
                seconds = seconds[0],
                // Every round's seconds: the first is the first call (JIT); the later ones are warm.
                roundSeconds = seconds,
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

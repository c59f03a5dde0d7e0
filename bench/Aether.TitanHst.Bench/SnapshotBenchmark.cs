using System;
using System.Diagnostics;
using Aether.TitanHst.Target;

namespace Aether.TitanHst.Bench
{
    /// <summary>Reading a target snapshot alone: the TitanHST half of an offline diff.</summary>
    internal static class SnapshotBenchmark
    {
        internal static object Run(string snapshotPath)
        {
            var watch = Stopwatch.StartNew();
            using var snapshot = TargetSnapshotReader.Open(snapshotPath);
            long records = 0;
            foreach (var record in snapshot.ReadRecords())
            {
                records += record.Fields.Count > 0 ? 1 : 0;
            }

            watch.Stop();
            return new
            {
                benchmark = "read-snapshot",
                records,
                seconds = Math.Round(watch.Elapsed.TotalSeconds, 2),
                recordsPerSecond = Math.Round(records / watch.Elapsed.TotalSeconds),
                peakWorkingSetMiB = Memory.PeakWorkingSetMiB(),
                allocatedMiB = GC.GetTotalAllocatedBytes() / (1024 * 1024),
            };
        }
    }
}

using System;
using System.Diagnostics;
using Aether.TitanHst.Canonical;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Diff;
using Aether.TitanHst.Target;

namespace Aether.TitanHst.Bench
{
    /// <summary>The full diff: sources and a target snapshot to change objects, as Get-TitanHstDiff -TargetSnapshot does it.</summary>
    internal static class DiffBenchmark
    {
        internal static object Run(string contractPath, string snapshotPath)
        {
            var watch = Stopwatch.StartNew();
            var contract = ContractLoader.Load(contractPath);
            using var snapshot = TargetSnapshotReader.Open(snapshotPath);
            var result = new DiffEngine(contract).Compute(new StaffExtractor(contract).Extract(), snapshot.ReadRecords());
            watch.Stop();
            var s = result.Summary;
            return new
            {
                benchmark = "diff",
                targetRecords = s.TargetRecords,
                sourceRecords = s.SourceRecords,
                changes = result.Changes.Count,
                create = s.Create,
                update = s.Update,
                deactivate = s.Deactivate,
                conflict = s.Conflict,
                noChange = s.NoChange,
                blocked = s.Blocked,
                seconds = Math.Round(watch.Elapsed.TotalSeconds, 2),
                peoplePerSecond = Math.Round((s.SourceRecords + s.Deactivate) / watch.Elapsed.TotalSeconds),
                peakWorkingSetMiB = Memory.PeakWorkingSetMiB(),
                allocatedMiB = GC.GetTotalAllocatedBytes() / (1024 * 1024),
            };
        }
    }
}

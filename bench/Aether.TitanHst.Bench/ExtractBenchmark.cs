using System;
using System.Diagnostics;
using System.Linq;
using Aether.TitanHst.Canonical;
using Aether.TitanHst.Contract;

namespace Aether.TitanHst.Bench
{
    /// <summary>Extract + normalize: sources to canonical records, streamed and counted.</summary>
    internal static class ExtractBenchmark
    {
        internal static object Run(string contractPath)
        {
            var watch = Stopwatch.StartNew();
            var contract = ContractLoader.Load(contractPath);
            var extractor = new StaffExtractor(contract);
            long records = 0, issues = 0;
            foreach (var item in extractor.Extract())
            {
                records += item.Record is not null ? 1 : 0;
                issues += item.Issue is not null ? 1 : 0;
            }

            watch.Stop();
            var rows = extractor.Statistics.RowsRead.Values.Sum();
            return new
            {
                benchmark = "extract",
                people = extractor.Statistics.PeopleSeen,
                sourceRows = rows,
                records,
                issues,
                seconds = Math.Round(watch.Elapsed.TotalSeconds, 2),
                recordsPerSecond = Math.Round(records / watch.Elapsed.TotalSeconds),
                rowsPerSecond = Math.Round(rows / watch.Elapsed.TotalSeconds),
                peakWorkingSetMiB = Memory.PeakWorkingSetMiB(),
                allocatedMiB = GC.GetTotalAllocatedBytes() / (1024 * 1024),
            };
        }
    }
}

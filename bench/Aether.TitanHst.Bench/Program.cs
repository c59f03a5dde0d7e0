using System;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Aether.TitanHst.Canonical;
using Aether.TitanHst.Contract;

namespace Aether.TitanHst.Bench
{
    /// <summary>
    /// One measurement per process: <c>extract &lt;contract&gt;</c> streams every canonical record of a district and
    /// prints one JSON line with the figures.
    /// </summary>
    internal static class Program
    {
        private static int Main(string[] args)
        {
            if (args.Length != 2 || args[0] != "extract")
            {
                Console.Error.WriteLine("usage: Aether.TitanHst.Bench extract <contract path>");
                return 2;
            }

            var watch = Stopwatch.StartNew();
            var contract = ContractLoader.Load(args[1]);
            var extractor = new StaffExtractor(contract);
            long records = 0, issues = 0;
            foreach (var item in extractor.Extract())
            {
                if (item.Record is not null)
                {
                    records++;
                }
                else if (item.Issue is not null)
                {
                    issues++;
                }
            }

            watch.Stop();
            using var process = Process.GetCurrentProcess();
            var rows = 0;
            foreach (var count in extractor.Statistics.RowsRead.Values)
            {
                rows += count;
            }

            var result = new
            {
                benchmark = "extract",
                people = extractor.Statistics.PeopleSeen,
                sourceRows = rows,
                records,
                issues,
                seconds = Math.Round(watch.Elapsed.TotalSeconds, 2),
                recordsPerSecond = Math.Round(records / watch.Elapsed.TotalSeconds),
                rowsPerSecond = Math.Round(rows / watch.Elapsed.TotalSeconds),
                peakWorkingSetMiB = process.PeakWorkingSet64 / (1024 * 1024),
                allocatedMiB = GC.GetTotalAllocatedBytes() / (1024 * 1024),
            };
            Console.WriteLine(JsonSerializer.Serialize(result));
            return 0;
        }
    }
}

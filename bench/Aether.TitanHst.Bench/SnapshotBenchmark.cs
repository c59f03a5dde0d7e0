using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using Aether.TitanHst.Target;

namespace Aether.TitanHst.Bench
{
    /// <summary>
    /// Reading a target snapshot alone: the TitanHST half of an offline diff. BENCH_SNAPSHOT_HOLD=table reads it into
    /// the diff's compact table, =records into a list of records (what the diff held before the table); either way
    /// heldMiB is what stays live once it is read (after a full collection), the snapshot's share of the diff's peak.
    /// BENCH_SNAPSHOT_HOLD=check reads it both ways and counts the records whose row gives back anything else.
    /// </summary>
    internal static class SnapshotBenchmark
    {
        internal static object Run(string snapshotPath)
        {
            var hold = Environment.GetEnvironmentVariable("BENCH_SNAPSHOT_HOLD");
            if (hold == "check")
            {
                return Check(snapshotPath);
            }

            using var sampler = Environment.GetEnvironmentVariable("BENCH_SAMPLE_ALLOCATIONS") == "1" ? new AllocationSampler() : null;
            var before = GC.GetTotalMemory(forceFullCollection: true);
            var allocated = GC.GetTotalAllocatedBytes(true);
            var watch = Stopwatch.StartNew();
            using var snapshot = TargetSnapshotReader.Open(snapshotPath);
            long records = 0;
            object? held = null;
            if (hold == "table")
            {
                var table = TargetTable.From(snapshot.ReadRecords());
                records = table.Count;
                held = table;
            }
            else if (hold == "records")
            {
                var list = snapshot.ReadRecords().ToList();
                records = list.Count;
                held = list;
            }
            else
            {
                foreach (var record in snapshot.ReadRecords())
                {
                    records += record.Fields.Count > 0 ? 1 : 0;
                }
            }

            watch.Stop();
            var readAllocated = GC.GetTotalAllocatedBytes(true) - allocated;
            var heldBytes = GC.GetTotalMemory(forceFullCollection: true) - before;
            var table2 = held as TargetTable;
            var result = new
            {
                benchmark = "read-snapshot",
                hold = hold ?? "nothing",
                records,
                seconds = Math.Round(watch.Elapsed.TotalSeconds, 2),
                recordsPerSecond = Math.Round(records / watch.Elapsed.TotalSeconds),
                peakWorkingSetMiB = Memory.PeakWorkingSetMiB(),
                allocatedMiB = readAllocated / (1024 * 1024),
                heldMiB = heldBytes / (1024 * 1024),
                textChunkMiB = table2 is null ? (long?)null : table2.Texts.ChunkBytes / (1024 * 1024),
                heldStrings = table2?.Texts.HeldStrings,
                allocationsByType = sampler?.Top(12),
            };
            GC.KeepAlive(held);
            return result;
        }

        private static object Check(string snapshotPath)
        {
            List<TargetStaffRecord> records;
            using (var snapshot = TargetSnapshotReader.Open(snapshotPath))
            {
                records = snapshot.ReadRecords().ToList();
            }

            TargetTable table;
            using (var snapshot = TargetSnapshotReader.Open(snapshotPath))
            {
                table = TargetTable.From(snapshot.ReadRecords());
            }

            var different = 0;
            for (var row = 0; row < records.Count; row++)
            {
                different += Describe(records[row]) == Describe(table.Record(row)) ? 0 : 1;
            }

            return new { benchmark = "read-snapshot", hold = "check", records = records.Count, rows = table.Count, different, layouts = table.LayoutCount };
        }

        private static string Describe(TargetStaffRecord r) =>
            string.Join("\u0001", new[] { r.Id, r.ExternalId ?? "\u0002", r.Active ? "1" : "0", r.ETag, r.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
                r.CreatedAt?.ToString("O", System.Globalization.CultureInfo.InvariantCulture) ?? "\u0002", r.UpdatedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture) }
                .Concat(r.Fields.Select(f => f.Key + "=" + (f.Value ?? "\u0002"))));
    }
}

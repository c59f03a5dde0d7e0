using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using Aether.TitanHst.Canonical;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Diff;
using Aether.TitanHst.Target;

namespace Aether.TitanHst.Bench
{
    /// <summary>
    /// The diff's stages one after the other (contract, extract, snapshot read, compare), each timed with its own
    /// allocated bytes and GC collections, repeated so the last rounds are warm. The profile that says where to work:
    /// dotnet-trace and dotnet-counters are not on the bench machine.
    /// </summary>
    internal static class ProfileBenchmark
    {
        internal static object Run(string contractPath, string snapshotPath, int rounds)
        {
            using var sampler = _sampler = Environment.GetEnvironmentVariable("BENCH_SAMPLE_ALLOCATIONS") == "1" ? new AllocationSampler() : null;
            var all = new List<Dictionary<string, object>>();
            for (var round = 0; round < rounds; round++)
            {
                var stages = new Dictionary<string, object>();
                var total = Stopwatch.StartNew();
                var contract = Stage(stages, "contract", () => ContractLoader.Load(contractPath));
                // What the extract holds of the exports until its last person is built: every read's rows.
                stages["live MiB holding the reads"] = ReadEverySource(stages, contract);

                var extractor = new StaffExtractor(contract);
                List<ExtractItem>? items = Stage(stages, "extract", () => extractor.Extract().ToList());
                // The snapshot as the diff holds it: its compact table (no record object per line).
                TargetTable? records = Stage(stages, "snapshot", () =>
                {
                    using var snapshot = TargetSnapshotReader.Open(snapshotPath);
                    return TargetTable.From(snapshot.ReadRecords());
                });
                // What the diff holds between the stages (the extract's people and the target's records): the peak's floor.
                stages["live MiB after extract and snapshot"] = GC.GetTotalMemory(forceFullCollection: true) / (1024 * 1024);
                if (int.TryParse(Environment.GetEnvironmentVariable("BENCH_PAUSE_WHEN_LIVE"), out var pauseSeconds) && pauseSeconds > 0)
                {
                    // Time to take a heap dump of what the diff holds (dotnet-gcdump collect -p <pid>).
                    Console.Error.WriteLine($"live: pid {Environment.ProcessId}, pausing {pauseSeconds} s");
                    System.Threading.Thread.Sleep(pauseSeconds * 1000);
                }

                var result = Stage(stages, "compare", () => new DiffEngine(contract).Compute(items!, records!, new DiffOptions { ReadTargetAlongside = false }));
                total.Stop();
                items = null;
                records = null;

                // The stages above one after the other; this is the diff as the cmdlet runs it: the snapshot read on a
                // worker thread while the exports are read, then the compare (Get-TitanHstDiff's overlapped total).
                Stage(stages, "diff, target read alongside", () =>
                {
                    using var snapshot = TargetSnapshotReader.Open(snapshotPath);
                    return new DiffEngine(contract).Compute(new StaffExtractor(contract).Extract(), snapshot.ReadRecords());
                });
                if (Environment.GetEnvironmentVariable("BENCH_PROFILE_PREVIEW") == "1")
                {
                    // Compare-MappingContract's engine (a contract with itself), and the diff with every unchanged
                    // person built, which the preview needs and the plain diff does not.
                    var extracted = new StaffExtractor(contract).Extract().ToList();
                    List<TargetStaffRecord> read;
                    using (var snapshot = TargetSnapshotReader.Open(snapshotPath))
                    {
                        read = snapshot.ReadRecords().ToList();
                    }

                    Stage(stages, "compare with unchanged built", () => new DiffEngine(contract).Compute(extracted, read, new DiffOptions { IncludeNoChange = true, ReadTargetAlongside = false }));
                    Stage(stages, "preview (Compare-MappingContract)", () => new Preview.ContractComparer(contract, ContractLoader.Load(contractPath)).Compare(read));
                }

                stages["totalSeconds"] = Math.Round(total.Elapsed.TotalSeconds, 3);
                stages["changes"] = result.Changes.Count;
                stages["noChange"] = result.Summary.NoChange;
                all.Add(stages);
            }

            return new { benchmark = "profile", rounds = all, peakWorkingSetMiB = Memory.PeakWorkingSetMiB(), allocationsByType = sampler?.Top(40) };
        }

        private static AllocationSampler? _sampler;

        /// <summary>The read stages; returns the MiB their reads hold together (a method of its own, so nothing else it made is live).</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        private static long ReadEverySource(Dictionary<string, object> stages, MappingContract contract)
        {
            var reads = new List<SourceFileRead>();
            var before = GC.GetTotalMemory(forceFullCollection: true);
            for (var s = 0; s < contract.Sources.Count; s++)
            {
                var source = s;
                reads.Add(Stage(stages, "read " + contract.Sources[s].Name, () => SourceRowReader.Read(contract, source)));
            }

            var held = GC.GetTotalMemory(forceFullCollection: true) - before;
            GC.KeepAlive(reads);
            return held / (1024 * 1024);
        }

        private static T Stage<T>(Dictionary<string, object> stages, string name, Func<T> work)
        {
            var allocated = GC.GetTotalAllocatedBytes(false);
            var gen0 = GC.CollectionCount(0);
            var gen2 = GC.CollectionCount(2);
            var pause = GC.GetTotalPauseDuration();
            var watch = Stopwatch.StartNew();
            var result = work();
            watch.Stop();
            if (_sampler is not null)
            {
                stages[name + " by type"] = string.Join("; ", _sampler.Top(24));
                _sampler.Clear();
            }

            stages[name] = $"{watch.Elapsed.TotalSeconds:0.000} s, {(GC.GetTotalAllocatedBytes(false) - allocated) / (1024 * 1024)} MiB, gc0 {GC.CollectionCount(0) - gen0} gc2 {GC.CollectionCount(2) - gen2}, paused {(GC.GetTotalPauseDuration() - pause).TotalSeconds:0.000} s";
            return result;
        }
    }
}

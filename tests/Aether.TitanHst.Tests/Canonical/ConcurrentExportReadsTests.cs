using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Aether.TitanHst.Canonical;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Errors;
using Aether.TitanHst.Sample;

namespace Aether.TitanHst.Tests.Canonical
{
    /// <summary>The exports read at the same time: the same items in the same order, the same hashes, the same first error.</summary>
    public sealed class ConcurrentExportReadsTests : IDisposable
    {
        private readonly string _root = Path.Combine(Path.GetTempPath(), "titanhst-tests", Guid.NewGuid().ToString("N"));

        public void Dispose()
        {
            if (Directory.Exists(_root))
            {
                Directory.Delete(_root, recursive: true);
            }
        }

        [Theory]
        [InlineData(12)]
        [InlineData(13)]
        public void Concurrent_reads_give_the_same_items_in_the_same_order_and_the_same_hashes(int seed)
        {
            var contract = District(seed);
            var sequential = new StaffExtractor(contract) { ReadExportsConcurrently = false };
            var concurrent = new StaffExtractor(contract) { ReadExportsConcurrently = true };

            var one = sequential.Extract().Select(Describe).ToList();
            var other = concurrent.Extract().Select(Describe).ToList();

            Assert.True(contract.Sources.Count >= 2);
            Assert.Contains(one, d => d.StartsWith("issue", StringComparison.Ordinal));
            Assert.Equal(one, other);
            Assert.Equal(sequential.SourceHashes.OrderBy(p => p.Key), concurrent.SourceHashes.OrderBy(p => p.Key));
            Assert.Equal(sequential.Statistics.RowsRead.OrderBy(p => p.Key), concurrent.Statistics.RowsRead.OrderBy(p => p.Key));
        }

        [Fact]
        public void When_several_exports_fail_the_first_source_s_error_is_reported_as_one_after_the_other()
        {
            var contract = District(14);
            var broken = contract.WithSourcePaths(contract.Sources.ToDictionary(s => s.Name, s => Path.Combine(_root, "missing-" + s.Name + ".csv")));

            var sequential = Assert.Throws<InputFileException>(() => new StaffExtractor(broken) { ReadExportsConcurrently = false }.Extract().ToList());
            var concurrent = Assert.Throws<InputFileException>(() => new StaffExtractor(broken) { ReadExportsConcurrently = true }.Extract().ToList());

            Assert.Equal(Path.Combine(_root, "missing-" + contract.Sources[0].Name + ".csv"), Path.GetFullPath(concurrent.File));
            Assert.Equal((sequential.ErrorId, sequential.File, sequential.Message), (concurrent.ErrorId, concurrent.File, concurrent.Message));
        }

        [Fact]
        public void A_later_export_failing_comes_after_the_earlier_exports_items_as_before()
        {
            var contract = District(15);
            var last = contract.Sources[contract.Sources.Count - 1].Name;
            var broken = contract.WithSourcePaths(new Dictionary<string, string> { [last] = Path.Combine(_root, "missing.csv") });

            List<string> Until(bool concurrently)
            {
                var seen = new List<string>();
                var error = Assert.Throws<InputFileException>(() =>
                {
                    foreach (var item in new StaffExtractor(broken) { ReadExportsConcurrently = concurrently }.Extract())
                    {
                        seen.Add(Describe(item));
                    }
                });
                seen.Add(error.ErrorId + " " + error.File);
                return seen;
            }

            Assert.Equal(Until(false), Until(true));
        }

        private MappingContract District(int seed)
        {
            var folder = Path.Combine(_root, $"district-{seed}");
            var info = SampleDistrictGenerator.Generate(folder, new SampleDistrictOptions { StaffCount = 500, Seed = seed });
            return ContractLoader.Load(info.ContractPath!);
        }

        private static string Describe(ExtractItem item) => item switch
        {
            { Record: { } r } => "record " + r.ExternalId + " " + string.Join(";", r.Fields.Select(f => f.Key + "=" + f.Value)) + " " + string.Join(",", r.Provenance),
            { Issue: { } i } => $"issue {i.Severity} {i.ErrorId} {i.Source} {i.Line} {i.Key} {i.Message} {string.Join(",", i.CandidateKeys)}",
            { Marker: { } m } => $"marker {m.Kind} {m.Key} {m.Reason}",
            _ => "empty",
        };
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Aether.TitanHst.Canonical;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Sample;

namespace Aether.TitanHst.Tests.Canonical
{
    /// <summary>
    /// People built on two threads come out exactly as one thread builds them: every item in the same order with the
    /// same content, and the same counts, whatever the batch size (so whatever the split between the threads).
    /// </summary>
    public sealed class PersonBuildPipelineTests : IDisposable
    {
        private readonly string _root = Path.Combine(Path.GetTempPath(), "titanhst-tests", Guid.NewGuid().ToString("N"));

        [Theory]
        [InlineData(600, 1)]
        [InlineData(900, 7)]
        public void Two_threads_give_the_items_and_counts_of_one(int staff, int seed)
        {
            var contract = MessyDistrict(staff, seed);
            var (expected, expectedCounts) = Extract(contract, alongside: false, batchSize: PersonBuildPipeline.DefaultBatchSize);

            // The district must exercise what the walk decides per person, or the comparison proves little.
            Assert.Contains(expected, line => line.Contains(ExtractErrorIds.JoinKeyDuplicate, StringComparison.Ordinal));
            Assert.Contains(expected, line => line.Contains(ExtractErrorIds.SourceRowUntrusted, StringComparison.Ordinal));
            Assert.Contains(expected, line => line.Contains(ExtractErrorIds.OnlyInOneSource, StringComparison.Ordinal));
            Assert.Contains(expected, line => line.StartsWith("marker|", StringComparison.Ordinal));
            Assert.True(expected.Count(line => line.StartsWith("record|", StringComparison.Ordinal)) > staff / 2);

            foreach (var batchSize in new[] { 1, 2, 7, 64, 250 })
            {
                var (actual, counts) = Extract(contract, alongside: true, batchSize);
                Assert.Equal(expected.Count, actual.Count);
                for (var i = 0; i < expected.Count; i++)
                {
                    Assert.True(expected[i] == actual[i], $"batch size {batchSize}, item {i}: expected {expected[i]}, got {actual[i]}");
                }

                Assert.Equal(expectedCounts, counts);
            }
        }

        [Fact]
        public void Stopping_early_leaves_no_build_running_and_the_extractor_can_run_again()
        {
            var contract = MessyDistrict(600, 3);
            var extractor = new StaffExtractor(contract) { BuildAlongside = true, BuildBatchSize = 16 };
            var firstFew = extractor.Extract().Where(i => i.Record is not null).Take(40).Select(i => i.Record!.ExternalId).ToList();
            Assert.Equal(40, firstFew.Count);

            var again = extractor.Extract().Where(i => i.Record is not null).Select(i => i.Record!.ExternalId).ToList();
            Assert.Equal(firstFew, again.Take(40));
            Assert.Equal(extractor.Statistics.Records, again.Count);
        }

        public void Dispose()
        {
            if (Directory.Exists(_root))
            {
                Directory.Delete(_root, recursive: true);
            }
        }

        private static (List<string> Items, string Counts) Extract(MappingContract contract, bool alongside, int batchSize)
        {
            var extractor = new StaffExtractor(contract) { BuildAlongside = alongside, BuildBatchSize = batchSize, AsOf = new DateTime(2026, 11, 30) };
            var items = extractor.Extract().Select(Describe).ToList();
            var s = extractor.Statistics;
            var counts = $"{s.PeopleSeen}/{s.Records}/{s.OutOfScope}/{s.Conflicts}/{s.Skipped}/{s.Errors}/{s.Warnings}|" +
                string.Join(",", s.OnlyIn.Select(p => $"{p.Key}={p.Value}")) + "|" + string.Join(",", s.RowsRead.Select(p => $"{p.Key}={p.Value}"));
            return (items, counts);
        }

        private static string Describe(ExtractItem item)
        {
            if (item.Issue is { } issue)
            {
                return $"issue|{issue.Severity}|{issue.ErrorId}|{issue.Source}|{issue.Line}|{issue.Column}|{issue.Field}|{issue.Key}|{issue.Message}";
            }

            if (item.Marker is { } marker)
            {
                return $"marker|{marker.Kind}|{marker.Key}|{marker.Reason}|{string.Join(",", marker.Provenance)}";
            }

            var record = item.Record!;
            var assignments = record.AssignmentSources is { } sources
                ? string.Join(";", sources.Select(p => $"{p.Key}:{string.Join(",", p.Value)}"))
                : "-";
            return $"record|{record.ExternalId}|{string.Join("|", record.Fields.Select(f => $"{f.Key}={f.Value}"))}|{string.Join(",", record.Provenance)}|{assignments}";
        }

        /// <summary>The sample district with a duplicated HR key, a row the reader cannot trust, and the sample's own only-in people and markers.</summary>
        private MappingContract MessyDistrict(int staff, int seed)
        {
            var folder = Path.Combine(_root, $"{staff}-{seed}");
            var info = SampleDistrictGenerator.Generate(folder, new SampleDistrictOptions { StaffCount = staff, Seed = seed, WriteTargetSeed = false });
            var hr = Path.Combine(folder, "exports", "hr-employees.csv");
            var text = File.ReadAllText(hr, Encoding.UTF8);
            var newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
            var lines = text.Split(newline);
            var duplicate = lines[10];
            var untrustedKey = lines[20].Split(',')[0];
            File.WriteAllText(hr, text.TrimEnd('\r', '\n') + newline + duplicate + newline + untrustedKey + ",too,few" + newline, new UTF8Encoding(true));
            return ContractLoader.Load(info.ContractPath!);
        }
    }
}

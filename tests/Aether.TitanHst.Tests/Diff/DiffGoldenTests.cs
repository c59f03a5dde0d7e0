using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Aether.TitanHst.Canonical;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Diff;
using Aether.TitanHst.Sample;
using Xunit;

namespace Aether.TitanHst.Tests.Diff
{
    /// <summary>
    /// The diff's output must stay byte-for-byte the same through performance work: the sample district at several
    /// seeds, against its "TitanHST yesterday" seed, compared with summaries committed in tests/data/golden/.
    /// </summary>
    /// <remarks>
    /// The committed file holds counts and a SHA-256 over the sorted change list, never the people themselves.
    /// When the sample district or the diff's intended behaviour changes, regenerate it (docs/benchmarks.md):
    /// <c>AETHER_TITANHST_REGENERATE_GOLDEN=1 dotnet test tests/Aether.TitanHst.Tests -c Release --filter FullyQualifiedName~DiffGoldenTests</c>
    /// and review the diff of the JSON file in the commit.
    /// </remarks>
    public sealed class DiffGoldenTests : IDisposable
    {
        private const string RegenerateVariable = "AETHER_TITANHST_REGENERATE_GOLDEN";
        private static readonly (int Staff, int Seed)[] Districts = { (500, 1), (500, 2), (500, 3), (2000, 4) };
        private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
        private readonly string _root = Path.Combine(Path.GetTempPath(), "titanhst-tests", Guid.NewGuid().ToString("N"));

        public static IEnumerable<object[]> Cases() => Districts.Select(d => new object[] { d.Staff, d.Seed });

        [Theory]
        [MemberData(nameof(Cases))]
        public void Sample_district_change_set_matches_the_committed_summary(int staff, int seed)
        {
            if (Environment.GetEnvironmentVariable(RegenerateVariable) == "1")
            {
                return; // Regenerate_when_asked writes the file this run; compare on the next.
            }

            var actual = Summarize(staff, seed);
            var expected = LoadExpected();
            Assert.True(expected.TryGetValue(Key(staff, seed), out var summary),
                $"tests/data/golden/diff-summaries.json has no entry for {Key(staff, seed)}; regenerate it with {RegenerateVariable}=1.");
            Assert.Equal(JsonSerializer.Serialize(summary), JsonSerializer.Serialize(actual));
        }

        [Fact]
        public void Summary_hash_changes_when_a_single_field_value_changes()
        {
            // The hash must notice what an optimization could get wrong: one value of one person.
            var lines = new List<string> { "Update|123|SiteChange|blocked|siteCode:A>B", "Create|124|None|ok|" };
            var changed = new List<string> { "Update|123|SiteChange|blocked|siteCode:A>C", "Create|124|None|ok|" };
            Assert.NotEqual(Hash(lines), Hash(changed));
        }

        [Fact]
        public void Regenerate_when_asked()
        {
            if (Environment.GetEnvironmentVariable(RegenerateVariable) != "1")
            {
                return;
            }

            var all = new SortedDictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var (staff, seed) in Districts)
            {
                all[Key(staff, seed)] = Summarize(staff, seed);
            }

            File.WriteAllText(SourceFile(), JsonSerializer.Serialize(all, Indented) + "\n");
        }

        public void Dispose()
        {
            if (Directory.Exists(_root))
            {
                Directory.Delete(_root, recursive: true);
            }
        }

        private JsonElement Summarize(int staff, int seed)
        {
            var folder = Path.Combine(_root, $"{staff}-{seed}");
            var info = SampleDistrictGenerator.Generate(folder, new SampleDistrictOptions { StaffCount = staff, Seed = seed });
            var contract = ContractLoader.Load(info.ContractPath!);
            var result = new DiffEngine(contract).Compute(new StaffExtractor(contract).Extract(), SeedTarget.Load(Path.Combine(folder, "titanhst-seed.json")),
                new DiffOptions { IncludeNoChange = true });

            var byAction = result.Changes.GroupBy(c => c.GetAction().ToString()).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count());
            var byRisk = result.Changes.GroupBy(c => c.GetRisk().ToString()).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count());
            var lines = result.Changes.Select(Line).OrderBy(l => l, StringComparer.Ordinal).ToList();
            var summary = new
            {
                changes = lines.Count,
                byAction,
                byRisk,
                blocked = result.Changes.Count(c => c.Blocked),
                sourceRecords = result.Summary.SourceRecords,
                sourceErrors = result.Summary.SourceErrors,
                targetRecords = result.Summary.TargetRecords,
                unmanaged = result.Summary.Unmanaged,
                blockReasons = result.Summary.BlockReasons.Count,
                sha256 = Hash(lines),
            };
            return JsonSerializer.SerializeToElement(summary);
        }

        // One change as text: what it does, to whom, with which risk and verdict, every field change and every
        // desired value (a Create carries no field changes, only desired values).
        private static string Line(StaffChange change)
        {
            var fields = string.Join(";", change.GetFieldChanges().OrderBy(f => f.Field, StringComparer.Ordinal).Select(f => $"{f.Field}:{f.Old}>{f.New}"));
            var desired = string.Join(";", change.GetDesiredFields().OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
            return $"{change.GetAction()}|{change.ExternalId}|{change.GetRisk()}|{(change.Blocked ? "blocked" : "ok")}|{change.TargetId}|{fields}|{desired}";
        }

        private static string Hash(IEnumerable<string> lines)
        {
            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", lines))));
        }

        private static string Key(int staff, int seed) => $"staff{staff}-seed{seed}";

        private static Dictionary<string, JsonElement> LoadExpected()
        {
            var path = SourceFile();
            return File.Exists(path)
                ? JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(File.ReadAllText(path)) ?? new Dictionary<string, JsonElement>()
                : new Dictionary<string, JsonElement>();
        }

        // The committed file in the source tree (not the build output's copy), so regeneration writes where git sees it.
        private static string SourceFile([CallerFilePath] string thisFile = "") =>
            Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", "data", "golden", "diff-summaries.json"));
    }
}

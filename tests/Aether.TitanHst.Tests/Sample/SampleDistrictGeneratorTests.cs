using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Aether.TitanHst.Canonical;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Sample;

namespace Aether.TitanHst.Tests.Sample
{
    public sealed class SampleDistrictGeneratorTests : IDisposable
    {
        private const int FixtureStaff = 60;
        private const int FixtureSeed = 7;

        /// <summary>The committed fixture's "today": its position that ended yesterday ended 2026-06-29.</summary>
        private static readonly DateTime FixtureToday = new(2026, 6, 30);
        private const string UpdateVariable = "AETHER_UPDATE_FIXTURES";

        private readonly string _root = Path.Combine(Path.GetTempPath(), "aether-sample-" + Guid.NewGuid().ToString("N"));

        public void Dispose()
        {
            if (Directory.Exists(_root))
            {
                Directory.Delete(_root, recursive: true);
            }
        }

        [Fact]
        public void Same_seed_gives_the_same_bytes_and_another_seed_does_not()
        {
            var a = Generate("a", 300, 11);
            var b = Generate("b", 300, 11);
            var c = Generate("c", 300, 12);

            foreach (var file in Relative(a))
            {
                Assert.Equal(File.ReadAllBytes(Path.Combine(a.Path, file)), File.ReadAllBytes(Path.Combine(b.Path, file)));
            }

            Assert.NotEqual(File.ReadAllBytes(Path.Combine(a.Path, "exports/hr-employees.csv")), File.ReadAllBytes(Path.Combine(c.Path, "exports/hr-employees.csv")));
            Assert.NotEqual(File.ReadAllBytes(Path.Combine(a.Path, "titanhst-seed.json")), File.ReadAllBytes(Path.Combine(c.Path, "titanhst-seed.json")));
        }

        [Fact]
        public void Leaving_out_the_target_seed_does_not_change_the_exports()
        {
            var full = Generate("full", 200, 3);
            var bare = SampleDistrictGenerator.Generate(Path.Combine(_root, "bare"), new SampleDistrictOptions { StaffCount = 200, Seed = 3, WriteTargetSeed = false });

            Assert.False(File.Exists(Path.Combine(bare.Path, "titanhst-seed.json")));
            Assert.Equal(File.ReadAllBytes(Path.Combine(full.Path, "exports/aeries-staff.csv")), File.ReadAllBytes(Path.Combine(bare.Path, "exports/aeries-staff.csv")));
        }

        [Fact]
        public void Aeries_export_is_windows_1252_without_bom_and_hr_export_is_utf8_with_bom()
        {
            var info = Generate("enc", FixtureStaff, FixtureSeed);
            var aeries = File.ReadAllBytes(Path.Combine(info.Path, "exports/aeries-staff.csv"));
            var hr = File.ReadAllBytes(Path.Combine(info.Path, "exports/hr-employees.csv"));

            Assert.False(aeries.Length >= 3 && aeries[0] == 0xEF && aeries[1] == 0xBB && aeries[2] == 0xBF);
            Assert.Contains((byte)0xF1, aeries); // ñ in Windows-1252
            Assert.Throws<DecoderFallbackException>(() => new UTF8Encoding(false, true).GetString(aeries));
            var text = Aether.TitanHst.Sources.TextEncodings.Resolve("windows-1252").GetString(aeries);
            Assert.Contains("Peña", text, StringComparison.Ordinal);
            Assert.StartsWith("ID,FirstName,LastName,EmailAddress,HumanResourcesSystemID,", text, StringComparison.Ordinal);
            Assert.Contains("\"Smith, Jr.\"", text, StringComparison.Ordinal);
            Assert.Contains("\r\n\r\n", text, StringComparison.Ordinal);

            Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, hr.Take(3).ToArray());
            var hrText = new UTF8Encoding(false, true).GetString(hr, 3, hr.Length - 3);
            Assert.StartsWith("EmpID,NameFirst,NameLast,EmailWork,SiteId,JobClassId,", hrText, StringComparison.Ordinal);
            Assert.Contains("Nguye\u0302\u0303n", hrText, StringComparison.Ordinal); // typed decomposed; the contract's nfc fixes it
        }

        [Fact]
        public void Generated_contract_loads_and_extracts_without_errors()
        {
            var info = Generate("extract", FixtureStaff, FixtureSeed);
            var contract = ContractLoader.Load(info.ContractPath!);
            var extractor = new StaffExtractor(contract);
            var items = extractor.Extract().ToList();

            // The one planted error: a person with two current positions both flagged primary (decision 0011).
            var errors = items.Where(i => i.Issue is { Severity: IssueSeverity.Error } && i.Issue.ErrorId != ExtractErrorIds.PositionPrimaryConflict).Select(i => i.Issue!.ToString()).ToList();
            Assert.Empty(errors);
            Assert.Single(items, i => i.Issue?.ErrorId == ExtractErrorIds.PositionPrimaryConflict);
            var records = items.Where(i => i.Record is not null).Select(i => i.Record!).ToList();
            Assert.Equal(info.Counts["InScope"] - 1, records.Count);
            Assert.Contains(records, r => r["assignments"]!.Split("; ").Length == 4); // the itinerant specialist
            Assert.Contains(records, r => r["assignments"]!.Contains("/TEACHER*@1; ", StringComparison.Ordinal) && r["assignments"]!.EndsWith("/CLASSIFIED@0.2", StringComparison.Ordinal));
            Assert.Equal(records.Count, records.Select(r => r.ExternalId).Distinct().Count());
            Assert.Contains(items, i => i.Issue?.ErrorId == ExtractErrorIds.JoinKeyBlank);
            Assert.Contains(items, i => i.Issue?.ErrorId == ExtractErrorIds.OnlyInOneSource);
            Assert.Contains(records, r => r["lastName"] == "Nguyễn" && r["lastName"]!.IsNormalized(NormalizationForm.FormC));
            Assert.Contains(records, r => r["lastName"] == "McDonald" && r["firstName"] == "Mary-Jo");
            Assert.Contains(records, r => r["lastName"] == "Smith, Jr.");
            Assert.All(records, r => Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", r["hireDate"]!));
            Assert.All(records.Where(r => r["phone"] is not null), r => Assert.Matches(@"^\+1\d{10}$", r["phone"]!));
        }

        [Fact]
        public void Target_seed_agrees_with_what_the_contract_produces()
        {
            var info = Generate("target", 400, 5);
            var records = new StaffExtractor(ContractLoader.Load(info.ContractPath!)).Extract().Where(i => i.Record is not null).Select(i => i.Record!)
                .ToDictionary(r => r.ExternalId, StringComparer.Ordinal);
            using var seed = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(info.Path, "titanhst-seed.json")));
            var owned = new[] { "firstName", "lastName", "email", "username", "title", "roleCode", "siteCode", "hireDate", "phone" };
            string? Held(JsonElement staff) => staff.TryGetProperty("assignments", out var a) ? Aether.TitanHst.Tests.Diff.SeedTarget.Assignments(a) : null;
            int same = 0, differing = 0, deactivate = 0, manual = 0;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var staff in seed.RootElement.GetProperty("staff").EnumerateArray())
            {
                var id = staff.GetProperty("externalId").GetString();
                if (id is null)
                {
                    manual++;
                    continue;
                }

                Assert.True(seen.Add(id), $"externalId {id} twice in the seed");
                if (!records.TryGetValue(id, out var record))
                {
                    deactivate += staff.GetProperty("active").GetBoolean() ? 1 : 0;
                    continue;
                }

                // A site or role drift shows in siteCode/roleCode and in the assignments they mirror: one drift.
                var scalars = owned.Count(f => staff.GetProperty(f).GetString() != record[f]);
                var changed = scalars + (scalars == 0 && Held(staff) != record["assignments"] ? 1 : 0);
                Assert.True(changed <= 1, $"{id}: {changed} owned fields differ; drift changes one at a time");
                if (changed == 0) { same++; } else { differing++; }
            }

            var c = info.Counts;
            Assert.Equal(1, manual);
            Assert.Equal(c["TargetUnchanged"], same);
            Assert.Equal(c["TargetEmailUpdates"] + c["TargetTitleUpdates"] + c["TargetPhoneUpdates"] + c["TargetRoleChanges"] + c["TargetSiteChanges"], differing);
            // A source conflict yields no record either; the diff turns it into a Conflict, not a deactivation.
            Assert.Equal(c["TargetDeactivations"] + c["TargetConflicts"], deactivate);
            Assert.Equal(c["TargetCreates"], records.Keys.Count(k => !seen.Contains(k)));
        }

        [Fact]
        public void Committed_fixture_equals_a_fresh_generation()
        {
            var fixture = Path.Combine(AppContext.BaseDirectory, "fixtures", "sample-district");
            var fresh = Generate("fresh", FixtureStaff, FixtureSeed);
            if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
            {
                SampleDistrictGenerator.Generate(SourceFixtureFolder(), new SampleDistrictOptions { StaffCount = FixtureStaff, Seed = FixtureSeed, Today = FixtureToday });
                return;
            }

            var expected = Relative(fresh).OrderBy(f => f, StringComparer.Ordinal).ToList();
            var actual = Directory.GetFiles(fixture, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(fixture, f).Replace('\\', '/')).OrderBy(f => f, StringComparer.Ordinal).ToList();
            Assert.Equal(expected, actual);
            foreach (var file in expected)
            {
                Assert.True(File.ReadAllBytes(Path.Combine(fixture, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(fresh.Path, file))),
                    $"tests/fixtures/sample-district/{file} differs from the generator's output; regenerate with {UpdateVariable}=1 dotnet test --filter Committed_fixture");
            }
        }

        [Fact]
        public void Every_scenario_appears_in_a_small_district()
        {
            var c = Generate("small", FixtureStaff, FixtureSeed).Counts;
            foreach (var kind in new[] { "InBothSources", "HrOnly", "AeriesOnly", "AeriesBlankHrId", "AeriesStaleHrId", "OnLeave", "Terminated", "Substitutes",
                "AllCapsNames", "TargetCreates", "TargetEmailUpdates", "TargetTitleUpdates", "TargetPhoneUpdates", "TargetRoleChanges", "TargetSiteChanges",
                "TargetDeactivations", "TargetAlreadyInactive", "TargetManualRecords", "GoneFromSources" })
            {
                Assert.True(c.TryGetValue(kind, out var n) && n > 0, $"no {kind} in the district");
            }
        }

        private SampleDistrictInfo Generate(string name, int staff, int seed) =>
            SampleDistrictGenerator.Generate(Path.Combine(_root, name), new SampleDistrictOptions { StaffCount = staff, Seed = seed, Today = name == "fresh" ? FixtureToday : null });

        private static IEnumerable<string> Relative(SampleDistrictInfo info) =>
            info.Files.Select(f => Path.GetRelativePath(info.Path, f).Replace('\\', '/'));

        private static string SourceFixtureFolder([CallerFilePath] string thisFile = "") =>
            Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", "fixtures", "sample-district"));
    }
}

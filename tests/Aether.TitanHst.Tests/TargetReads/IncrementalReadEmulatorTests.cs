using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Aether.TitanHst.Canonical;
using Aether.TitanHst.Client;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Diff;
using Aether.TitanHst.Emulator;
using Aether.TitanHst.Sample;
using Aether.TitanHst.Security;
using Aether.TitanHst.Target;
using Aether.TitanHst.Tests.Client;
using Xunit;

namespace Aether.TitanHst.Tests.TargetReads
{
    /// <summary>
    /// Incremental target reads against the emulator: 1 % churn (edits, deactivations, creations), then a refresh,
    /// compared with a full read taken at the same moment, record by record and through the diff.
    /// </summary>
    public sealed class IncrementalReadEmulatorTests : IDisposable
    {
        private readonly string _folder = Directory.CreateTempSubdirectory("titanhst-incr-").FullName;
        private readonly InstallationKey _key;

        public IncrementalReadEmulatorTests() => _key = InstallationKey.LoadOrCreate(Path.Combine(_folder, "keys"));

        public void Dispose()
        {
            _key.Dispose();
            Directory.Delete(_folder, true);
        }

        [Fact]
        public async Task Refresh_After1PercentChurn_ReadsAtMost2PercentOfThePages_AndEqualsAFullRead()
        {
            // A vendor that indexes updatedAt: a filtered page fills up instead of stopping at a scan window.
            await using var emu = await TestTitanHst.StartAsync(5000, active: i => i % 10 != 0, settings: new EmulatorSettings { ListScanWindow = 1_000_000 });
            using var client = emu.Client();
            var settings = new TargetReadSettings { Mode = TargetReadMode.Incremental, PageSize = 100, Overlap = TimeSpan.Zero };
            var (identity, schema) = await IdentityAsync(client);
            await PastTheLoadSecondAsync();
            var kept = Path.Combine(_folder, "kept.jsonl");

            var first = Refresher(client, settings).Read(kept, identity, "1", schema);
            Assert.Equal(TargetReadMode.Full, first.GetMade());
            Assert.Equal(5000, first.Records);

            // The mark is TitanHST's Date header (docs §4.1), not this machine's clock.
            var page = await client.GetStaffPageAsync(new StaffQuery { PageSize = 1 }, null);
            Assert.NotNull(page.Call.ServerDate);
            Assert.True(first.HighWaterMark <= page.Call.ServerDate);
            Assert.Equal(0, first.HighWaterMark.Millisecond);

            var churned = await ChurnAsync(emu, client, edits: 30, deactivations: 10, creations: 10);
            var refresh = Refresher(client, settings).Read(kept, identity, "1", schema);
            var full = Refresher(client, settings).Read(Path.Combine(_folder, "full.jsonl"), identity, "1", schema, forceFull: true);

            Assert.Equal(TargetReadMode.Incremental, refresh.GetMade());
            Assert.Equal(churned, refresh.Changed);
            Assert.Equal(10, refresh.Added);
            Assert.Equal(5010, refresh.Records);
            Assert.True(refresh.PagesRead * 50 <= full.PagesRead, $"a refresh read {refresh.PagesRead} page(s), a full read {full.PagesRead}");
            AssertSameRecords(full.Path, refresh.Path);

            // The refreshed snapshot is itself sealed and refreshable: a second refresh with no churn reads one page.
            var again = Refresher(client, settings).Read(kept, identity, "1", schema);
            Assert.Equal(TargetReadMode.Incremental, again.GetMade());
            Assert.Equal(1, again.PagesRead);
            AssertSameRecords(full.Path, again.Path);
        }

        [Fact]
        public async Task DiffOfARefreshedSnapshot_IsTheDiffOfAFullRead()
        {
            var district = SampleDistrictGenerator.Generate(Path.Combine(_folder, "district"), new SampleDistrictOptions { StaffCount = 500, Seed = 3 });
            var contract = ContractLoader.Load(district.ContractPath!);
            await using var host = await EmulatorHost.StartAsync(new EmulatorOptions { SeedFile = Path.Combine(district.Path, "titanhst-seed.json") });
            using var client = new TitanHstClient(new TitanHstClientOptions
            {
                BaseUri = host.BaseUri,
                ClientId = EmulatorOptions.DefaultClientId,
                ClientSecretProvider = () => EmulatorOptions.DefaultClientSecret,
                RequestsPerSecond = 0,
            });
            var settings = new TargetReadSettings { Mode = TargetReadMode.Incremental, Overlap = TimeSpan.Zero };
            var (identity, schema) = await IdentityAsync(client);
            await PastTheLoadSecondAsync();
            var kept = Path.Combine(_folder, "kept.jsonl");
            Refresher(client, settings).Read(kept, identity, "1", schema);

            // Churn as TitanHST's own admins would: edits of owned fields, a deactivation, a new record.
            var records = client.EnumerateStaff(StaffQuery.All).Where(r => r.Active && r.ExternalId is not null).Take(6).ToList();
            foreach (var r in records.Take(4))
            {
                await client.PatchStaffAsync(r.Id, r.ETag, new TargetStaffChanges().Set("title", "Edited In TitanHST"));
            }

            await client.DeactivateStaffAsync(records[4].Id, records[4].ETag);
            await client.CreateStaffAsync(new TargetStaffDraft("X-NEW-1", new Dictionary<string, string?> { ["firstName"] = "New", ["lastName"] = "Person", ["roleCode"] = records[5]["roleCode"], ["siteCode"] = records[5]["siteCode"] }));

            var refresh = Refresher(client, settings).Read(kept, identity, "1", schema);
            var full = Refresher(client, settings).Read(Path.Combine(_folder, "full.jsonl"), identity, "1", schema, forceFull: true);
            Assert.Equal(TargetReadMode.Incremental, refresh.GetMade());

            var fromRefresh = Diff(contract, refresh.Path);
            var fromFull = Diff(contract, full.Path);
            Assert.Equal(fromFull, fromRefresh);
            Assert.Contains(fromFull, l => l.Contains("Edited In TitanHST", StringComparison.Ordinal)); // the churn reached the diff
        }

        [Fact]
        public async Task TamperedKeptSnapshot_OrAnotherTarget_ForcesAFullRead()
        {
            await using var emu = await TestTitanHst.StartAsync(300);
            using var client = emu.Client();
            var settings = new TargetReadSettings { Mode = TargetReadMode.Incremental, Overlap = TimeSpan.Zero };
            var (identity, schema) = await IdentityAsync(client);
            var kept = Path.Combine(_folder, "kept.jsonl");
            Refresher(client, settings).Read(kept, identity, "1", schema);

            var text = File.ReadAllText(kept);
            Assert.Contains("First1\"", text, StringComparison.Ordinal);
            File.WriteAllText(kept, text.Replace("First1\"", "Firsx1\"", StringComparison.Ordinal)); // same length: only the MAC can tell
            var tampered = Refresher(client, settings).Read(kept, identity, "1", schema);
            Assert.Equal(TargetReadMode.Full, tampered.GetMade());
            Assert.Contains("seal", tampered.Reason, StringComparison.Ordinal);
            Assert.DoesNotContain("Firsx1\"", File.ReadAllText(kept), StringComparison.Ordinal);

            var otherTenant = new TargetIdentity(identity.BaseUri, "another-tenant");
            var moved = Refresher(client, settings).Read(kept, otherTenant, "1", schema);
            Assert.Equal(TargetReadMode.Full, moved.GetMade());
            Assert.Contains("another TitanHST", moved.Reason, StringComparison.Ordinal);
        }

        private TargetSnapshotRefresher Refresher(TitanHstClient client, TargetReadSettings settings) => new(client, _key, settings);

        private static async Task<(TargetIdentity Identity, string Schema)> IdentityAsync(TitanHstClient client)
        {
            var schema = await client.GetSchemaAsync();
            return (TargetIdentity.Of(client.BaseUri, schema.InstanceId), schema.SchemaVersion);
        }

        // Seeded records carry the load time; the server's Date header has whole seconds, so a read in the same
        // second as the load would (rightly) count them as possibly changed after it.
        private static Task PastTheLoadSecondAsync() => Task.Delay(1100);

        private static async Task<int> ChurnAsync(TestTitanHst emu, TitanHstClient client, int edits, int deactivations, int creations)
        {
            var records = client.EnumerateStaff(StaffQuery.All).Where(r => r.Active).ToList();
            var random = new Random(14);
            var picked = records.OrderBy(_ => random.Next()).Take(edits + deactivations).ToList();
            foreach (var r in picked.Take(edits))
            {
                await client.PatchStaffAsync(r.Id, r.ETag, new TargetStaffChanges().Set("title", "Churned " + r.Id));
            }

            foreach (var r in picked.Skip(edits))
            {
                await client.DeactivateStaffAsync(r.Id, r.ETag);
            }

            for (var i = 0; i < creations; i++)
            {
                await client.CreateStaffAsync(new TargetStaffDraft($"NEW{i:D4}", new Dictionary<string, string?> { ["firstName"] = "New" + i, ["lastName"] = "Hire", ["roleCode"] = "TCH", ["siteCode"] = "HS1" }));
            }

            // An admin edit with no field change still moves updatedAt (the emulator's touch).
            await emu.TouchAsync(picked[0].Id);
            return edits + deactivations + creations;
        }

        private static void AssertSameRecords(string expectedPath, string actualPath)
        {
            var expected = Read(expectedPath);
            var actual = Read(actualPath);
            Assert.Equal(expected.Count, actual.Count);
            for (var i = 0; i < expected.Count; i++)
            {
                Assert.Equal(expected[i].Id, actual[i].Id);
                Assert.Equal(expected[i].ExternalId, actual[i].ExternalId);
                Assert.Equal(expected[i].Active, actual[i].Active);
                Assert.Equal(expected[i].ETag, actual[i].ETag);
                Assert.Equal(expected[i].Version, actual[i].Version);
                Assert.Equal(expected[i].CreatedAt, actual[i].CreatedAt);
                Assert.Equal(expected[i].UpdatedAt, actual[i].UpdatedAt);
                Assert.Equal(expected[i].Fields, actual[i].Fields);
            }
        }

        private static List<TargetStaffRecord> Read(string path)
        {
            using var reader = TargetSnapshotReader.Open(path);
            return reader.ReadRecords().ToList();
        }

        private static List<string> Diff(MappingContract contract, string snapshot)
        {
            var result = new DiffEngine(contract).Compute(new StaffExtractor(contract).Extract(), Read(snapshot), new DiffOptions { IncludeNoChange = true });
            return result.Changes.Select(c =>
                {
                    var fields = string.Join(";", c.GetFieldChanges().OrderBy(f => f.Field, StringComparer.Ordinal).Select(f => $"{f.Field}:{f.Old}>{f.New}"));
                    var desired = string.Join(";", c.GetDesiredFields().OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
                    return $"{c.Action}|{c.ExternalId}|{c.Risk}|{c.Blocked}|{c.TargetId}|{c.ETag}|{fields}|{desired}";
                })
                .OrderBy(l => l, StringComparer.Ordinal)
                .ToList();
        }
    }
}

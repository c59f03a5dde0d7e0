using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Aether.TitanHst.Audit;
using Aether.TitanHst.Client;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Emulator;
using Aether.TitanHst.Sample;
using Aether.TitanHst.Sync;
using Aether.TitanHst.Target;
using Xunit;

namespace Aether.TitanHst.Tests.Sync
{
    /// <summary>
    /// An HR export cut at a row boundary is a valid CSV: the people it lost look like departures, and below the
    /// deactivation threshold nothing held them back in an unattended run. The sync compares the exports' people with
    /// the last accepted run's and stops for review when they fell sharply and the diff would remove anyone.
    /// </summary>
    public sealed class SourceShrinkSyncTests : IAsyncLifetime
    {
        private readonly string _root = Path.Combine(Path.GetTempPath(), "titanhst-tests", "shrink-sync-" + Guid.NewGuid().ToString("N"));
        private EmulatorHost _host = null!;
        private string _district = null!;

        public async Task InitializeAsync()
        {
            _district = SampleDistrictGenerator.Generate(Path.Combine(_root, "district"), new SampleDistrictOptions { StaffCount = 60, Seed = 5 }).Path;
            // Thresholds out of the way: what is tested is the check that holds below them.
            var contract = Path.Combine(_district, "contract.jsonc");
            File.WriteAllText(contract, File.ReadAllText(contract)
                .Replace("\"deactivate\": { \"maxCount\": 50, \"maxPercent\": 10 }", "\"deactivate\": { \"maxCount\": 1000, \"maxPercent\": 100 }", StringComparison.Ordinal)
                .Replace("\"roleChange\": { \"maxCount\": 0 }", "\"roleChange\": { \"maxCount\": 1000 }", StringComparison.Ordinal));
            // The sample plants one person with two current primary positions (a source error that stops any run
            // first); the second is made a secondary.
            var positions = Path.Combine(_district, "exports", "hr-positions.csv");
            var primaries = new System.Collections.Generic.HashSet<string>(StringComparer.Ordinal);
            File.WriteAllLines(positions, File.ReadAllLines(positions).Select((line, i) =>
            {
                var cells = line.Split(',');
                return i > 0 && cells[5] == "Y" && cells[7].Length == 0 && !primaries.Add(cells[0]) ? string.Join(",", cells.Take(5).Append("N").Concat(cells.Skip(6))) : line;
            }));
            _host = await EmulatorHost.StartAsync(new EmulatorOptions { SeedFile = Path.Combine(_district, "titanhst-seed.json") });
        }

        public async Task DisposeAsync()
        {
            await _host.DisposeAsync();
            try
            {
                Directory.Delete(_root, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }

        [Fact]
        public void A_sharp_drop_in_people_with_removals_stops_for_review_and_a_steady_count_does_not()
        {
            var config = Config();
            var whole = Run(config);
            Assert.NotNull(whole.Diff);
            Assert.False(whole.Diff!.Blocked, string.Join(" | ", whole.Messages));
            var record = SourcePeopleRecord.PathFor(config.SnapshotFolder, SyncRunner.KeptSnapshotName(TargetIdentity.Of(_host.BaseUri, Schema().InstanceId)));

            // The last accepted run held as many people as today's exports: the plan-only run goes as far as it should.
            SourcePeopleRecord.Write(record, whole.Diff.SourceRecords, DateTimeOffset.UtcNow.AddDays(-1));
            Assert.Contains("(-PlanOnly)", Run(config).Messages[^1], StringComparison.Ordinal);

            // HR's export cut at a row boundary (its positions with it): a fifth of HR's people gone, a valid CSV.
            var cut = CutHr(0.2);
            var shrunk = Run(config);
            Assert.True(shrunk.Diff!.Deactivate > 0, "the cut makes departures");
            Assert.Equal(SyncStatus.NeedsReview, shrunk.GetStatus());
            Assert.Contains("fewer than the", shrunk.Messages[^1], StringComparison.Ordinal);
            Assert.Contains("Invoke-TitanHstApply -PlanPath", shrunk.Messages[^1], StringComparison.Ordinal);
            Assert.DoesNotContain(cut, shrunk.Messages[^1], StringComparison.Ordinal);
            Assert.Equal(whole.Diff.SourceRecords, SourcePeopleRecord.Read(record)!.Value.People);
        }

        // Drops the last share of HR's employees and their positions; returns one dropped EmpID (never in a message).
        private string CutHr(double share)
        {
            var employees = Path.Combine(_district, "exports", "hr-employees.csv");
            var positions = Path.Combine(_district, "exports", "hr-positions.csv");
            var lines = File.ReadAllLines(employees);
            var keep = lines.Length - (int)((lines.Length - 1) * share);
            var dropped = lines.Skip(keep).Select(l => l.Split(',')[0]).ToHashSet(StringComparer.Ordinal);
            File.WriteAllLines(employees, lines.Take(keep));
            File.WriteAllLines(positions, File.ReadAllLines(positions).Where((l, i) => i == 0 || !dropped.Contains(l.Split(',')[0])));
            return dropped.First();
        }

        private TargetSchemaInfo Schema()
        {
            using var client = Client();
            return client.GetSchemaAsync().GetAwaiter().GetResult();
        }

        private SyncRunResult Run(ConnectorConfig config)
        {
            using var client = Client();
            using var audit = new AuditLogWriter(new AuditLogOptions(Path.Combine(_root, "audit")) { KeyFolder = Path.Combine(_root, "keys"), Anchor = AuditAnchorSettings.None });
            return new SyncRunner(config, ContractLoader.Load(config.ContractPath), client, audit).Run(planOnly: true, "test");
        }

        private TitanHstClient Client() => new(new TitanHstClientOptions
        {
            BaseUri = _host.BaseUri,
            ClientId = EmulatorOptions.DefaultClientId,
            ClientSecretProvider = () => EmulatorOptions.DefaultClientSecret,
            RequestsPerSecond = 0,
        });

        private ConnectorConfig Config()
        {
            var path = Path.Combine(_district, "titanhst.config.jsonc");
            File.WriteAllText(path, $$"""
                { "configFormat": 1, "version": "1.0.0", "contract": "./contract.jsonc",
                  "titanHst": { "baseUri": "{{_host.BaseUri}}", "clientId": "{{EmulatorOptions.DefaultClientId}}" },
                  "runs": { "folder": "./runs" }, "reports": { "folder": "./reports" } }
                """);
            return ConnectorConfigLoader.Load(path);
        }
    }
}

using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Aether.TitanHst.Audit;
using Aether.TitanHst.Client;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Emulator;
using Aether.TitanHst.Errors;
using Aether.TitanHst.Sample;
using Aether.TitanHst.Sync;
using Aether.TitanHst.Target;
using Xunit;

namespace Aether.TitanHst.Tests.TargetReads
{
    /// <summary>The scheduled path with targetReads.mode "incremental": a full read first, refreshes after, the same diff.</summary>
    public sealed class IncrementalSyncTests : IAsyncLifetime
    {
        private readonly string _root = Path.Combine(Path.GetTempPath(), "titanhst-tests", "incr-sync-" + Guid.NewGuid().ToString("N"));
        private EmulatorHost _host = null!;
        private string _district = null!;

        public async Task InitializeAsync()
        {
            _district = SampleDistrictGenerator.Generate(Path.Combine(_root, "district"), new SampleDistrictOptions { StaffCount = 60, Seed = 5 }).Path;
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
        public async Task PlanOnlyRuns_ReadInFullThenRefresh_AndDiffAlike()
        {
            var config = Config("""{ "mode": "incremental", "overlap": "00:00:00", "snapshotFolder": "./kept" }""");
            Assert.Equal(TargetReadMode.Incremental, config.TargetReads.Mode);
            Assert.Equal(Path.Combine(_district, "kept"), config.SnapshotFolder);
            await Task.Delay(1100); // past the second the seed was loaded in (see IncrementalReadEmulatorTests)

            var first = Run(config);
            var second = Run(config);

            Assert.Equal(TargetReadMode.Full, first.TargetRead!.GetMade());
            Assert.Contains("no kept snapshot", first.TargetRead.Reason, StringComparison.Ordinal);
            Assert.Equal(TargetReadMode.Incremental, second.TargetRead!.GetMade());
            Assert.Equal(0, second.TargetRead.Changed);
            Assert.Equal(first.Diff!.TargetRecords, second.Diff!.TargetRecords);
            Assert.Equal((first.Diff.Create, first.Diff.Update, first.Diff.Deactivate, first.Diff.Conflict), (second.Diff.Create, second.Diff.Update, second.Diff.Deactivate, second.Diff.Conflict));
            Assert.Contains(second.Messages, m => m.StartsWith("TitanHST read incremental", StringComparison.Ordinal));
            Assert.True(File.Exists(Path.Combine(config.SnapshotFolder, SyncRunner.KeptSnapshotName(TargetIdentity.Of(_host.BaseUri, Schema().InstanceId)))));
        }

        [Fact]
        public void WithoutTheSection_TheDiffReadsLive()
        {
            var result = Run(Config(null));
            Assert.Null(result.TargetRead);
            Assert.NotNull(result.Diff);
        }

        [Theory]
        [InlineData("""{ "mode": "sometimes" }""", "targetReads.mode")]
        [InlineData("""{ "mode": "incremental", "fullReadEvery": "7 days" }""", "targetReads.fullReadEvery")]
        [InlineData("""{ "mode": "incremental", "maxSnapshotAge": "00:00:01" }""", "targetReads.maxSnapshotAge")]
        [InlineData("""{ "mode": "incremental", "overlap": "-00:05:00" }""", "targetReads.overlap")]
        public void BadSettings_NameTheProperty(string section, string property)
        {
            var e = Assert.Throws<InputFileException>(() => Config(section));
            Assert.Equal(property, e.Field);
            Assert.True(e.Line > 0);
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

        private ConnectorConfig Config(string? targetReads)
        {
            var path = Path.Combine(_district, "titanhst.config.jsonc");
            File.WriteAllText(path, $$"""
                { "configFormat": 1, "version": "1.0.0", "contract": "./contract.jsonc",
                  "titanHst": { "baseUri": "{{_host.BaseUri}}", "clientId": "{{EmulatorOptions.DefaultClientId}}" },
                  "runs": { "folder": "./runs" }, "reports": { "folder": "./reports" }{{(targetReads is null ? string.Empty : ",\n  \"targetReads\": " + targetReads)}} }
                """);
            return ConnectorConfigLoader.Load(path);
        }
    }
}

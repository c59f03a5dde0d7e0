using System;
using System.IO;
using System.Threading.Tasks;
using Aether.TitanHst.Audit;
using Aether.TitanHst.Client;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Emulator;
using Aether.TitanHst.Sample;
using Aether.TitanHst.Sync;
using Aether.TitanHst.Target;

namespace Aether.TitanHst.Tests.Sync
{
    /// <summary>A sample district with its own emulator, a connector configuration and plan-only runs of the scheduled sync.</summary>
    internal sealed class SyncTestDistrict : IAsyncDisposable
    {
        private readonly string _root;

        private SyncTestDistrict(string root, string district, EmulatorHost host)
        {
            _root = root;
            Path = district;
            Host = host;
        }

        /// <summary>The district's folder (contract, exports, the TitanHST seed).</summary>
        public string Path { get; }

        public EmulatorHost Host { get; }

        /// <param name="prepare">Edits the district (its contract, exports) before the emulator is seeded from it.</param>
        public static async Task<SyncTestDistrict> StartAsync(string name, int staffCount, int seed, Action<string>? prepare = null)
        {
            var root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "titanhst-tests", name + "-" + Guid.NewGuid().ToString("N"));
            var district = SampleDistrictGenerator.Generate(System.IO.Path.Combine(root, "district"), new SampleDistrictOptions { StaffCount = staffCount, Seed = seed }).Path;
            prepare?.Invoke(district);
            var host = await EmulatorHost.StartAsync(new EmulatorOptions { SeedFile = System.IO.Path.Combine(district, "titanhst-seed.json") });
            return new SyncTestDistrict(root, district, host);
        }

        public async ValueTask DisposeAsync()
        {
            await Host.DisposeAsync();
            try
            {
                Directory.Delete(_root, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }

        public TargetSchemaInfo Schema()
        {
            using var client = Client();
            return client.GetSchemaAsync().GetAwaiter().GetResult();
        }

        /// <summary>The target identity the sync keeps its state under.</summary>
        public TargetIdentity Target() => TargetIdentity.Of(Host.BaseUri, Schema().InstanceId);

        /// <summary>One run of the scheduled sync; plan-only unless <paramref name="planOnly"/> is false, when it applies.</summary>
        public SyncRunResult Run(ConnectorConfig config, bool planOnly = true)
        {
            using var client = Client();
            using var audit = new AuditLogWriter(new AuditLogOptions(System.IO.Path.Combine(_root, "audit")) { KeyFolder = System.IO.Path.Combine(_root, "keys"), Anchor = AuditAnchorSettings.None });
            return new SyncRunner(config, ContractLoader.Load(config.ContractPath), client, audit).Run(planOnly, "test");
        }

        /// <summary>The district's connector configuration, with <paramref name="targetReads"/> and <paramref name="apply"/> as those sections when given.</summary>
        public ConnectorConfig Config(string? targetReads = null, string? apply = null)
        {
            var path = System.IO.Path.Combine(Path, "titanhst.config.jsonc");
            File.WriteAllText(path, $$"""
                { "configFormat": 1, "version": "1.0.0", "contract": "./contract.jsonc",
                  "titanHst": { "baseUri": "{{Host.BaseUri}}", "clientId": "{{EmulatorOptions.DefaultClientId}}" },
                  "runs": { "folder": "./runs" }, "reports": { "folder": "./reports" }{{(targetReads is null ? string.Empty : ",\n  \"targetReads\": " + targetReads)}}{{(apply is null ? string.Empty : ",\n  \"apply\": " + apply)}} }
                """);
            return ConnectorConfigLoader.Load(path);
        }

        private TitanHstClient Client() => new(new TitanHstClientOptions
        {
            BaseUri = Host.BaseUri,
            ClientId = EmulatorOptions.DefaultClientId,
            ClientSecretProvider = () => EmulatorOptions.DefaultClientSecret,
            RequestsPerSecond = 0,
        });
    }
}

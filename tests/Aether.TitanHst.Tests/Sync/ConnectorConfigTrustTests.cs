using System;
using System.IO;
using Aether.TitanHst.Errors;
using Aether.TitanHst.Sync;

namespace Aether.TitanHst.Tests.Sync
{
    /// <summary>The connector config's least-privilege and audit-anchor settings.</summary>
    public sealed class ConnectorConfigTrustTests : IDisposable
    {
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "titanhst-tests", "config-" + Guid.NewGuid().ToString("N"));

        public ConnectorConfigTrustTests() => Directory.CreateDirectory(_folder);

        public void Dispose() => Directory.Delete(_folder, recursive: true);

        [Fact]
        public void A_read_and_a_write_client_and_an_anchor_are_read()
        {
            var config = Load("""
                "titanHst": { "baseUri": "https://x.example", "clientId": "reader", "writeClientId": "writer", "secretName": "R", "writeSecretName": "W" },
                "audit": { "anchor": "syslog" }
                """);

            Assert.Equal(("reader", "writer", "R", "W", false, "syslog"), (config.ClientId, config.WriteClientId, config.SecretName, config.WriteSecretName, config.ReadOnly, config.AuditAnchor));
        }

        [Fact]
        public void A_read_only_connector_with_a_write_client_is_refused()
        {
            var e = Assert.Throws<InputFileException>(() => Load("""
                "titanHst": { "baseUri": "https://x.example", "clientId": "reader", "readOnly": true, "writeClientId": "writer" }
                """));

            Assert.Equal("titanHst.readOnly", e.Field);
        }

        [Fact]
        public void An_unknown_anchor_is_refused()
        {
            var e = Assert.Throws<InputFileException>(() => Load("""
                "titanHst": { "baseUri": "https://x.example" }, "audit": { "anchor": "carrier-pigeon" }
                """));

            Assert.Equal("audit.anchor", e.Field);
        }

        private ConnectorConfig Load(string members)
        {
            var path = Path.Combine(_folder, "titanhst.config.jsonc");
            File.WriteAllText(path, "{ \"configFormat\": 1, \"version\": \"1.0.0\", \"contract\": \"./contract.jsonc\",\n" + members + "\n}");
            return ConnectorConfigLoader.Load(path);
        }
    }
}

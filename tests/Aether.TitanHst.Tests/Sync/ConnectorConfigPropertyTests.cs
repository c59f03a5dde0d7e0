using System;
using System.IO;
using System.Text;
using Aether.TitanHst.Errors;
using Aether.TitanHst.Sync;
using Aether.TitanHst.Tests.BadInput;
using CsCheck;

namespace Aether.TitanHst.Tests.Sync
{
    /// <summary>
    /// Any edit of the unattended sync's connector configuration (every section filled, comments included) ends in
    /// a configuration or an error naming the file and a line: never a runtime exception that names neither.
    /// </summary>
    public sealed class ConnectorConfigPropertyTests : IDisposable
    {
        private const string Config = """
            {
              "$schema": "./titanhst.config.schema.json",
              "configFormat": 1,
              "version": "1.0.0",
              "description": "Sample USD: nightly HR + Aeries to TitanHST",
              "contract": "./contract.jsonc",
              "titanHst": {
                "baseUri": "https://sampleusd.titanhst.example",
                "tokenUri": "https://sampleusd.titanhst.example/oauth/token",
                "clientId": "sampleusd-connector",       // not a secret
                "writeClientId": "sampleusd-connector-write",
                "secretName": "TitanHst", "writeSecretName": "TitanHstWrite",
                "requestsPerSecond": 10,
                "expectedSchemaVersion": "2026-02"
              },
              "apply": { "throttleLimit": 4, "allowDelete": false, "allowRoleChange": false },
              /* audit checkpoints go to a file too */
              "audit": { "folder": "./audit", "anchor": "file:./anchor.log" },
              "runs": { "folder": "./runs" },
              "reports": { "folder": "./reports" },
              "validation": { "sampleSize": 25 },
              "notify": {
                "on": ["Applied", "NeedsReview", "Failed"],
                "email": { "smtpHost": "smtp.sampleusd.example", "smtpPort": 587, "security": "starttls", "from": "sync@sampleusd.example",
                           "to": ["hr@sampleusd.example"], "userName": "sync", "password": "env:SMTP_PASSWORD", "attachReport": true },
                "webhook": { "url": "secret:TeamsHook" }
              },
              "targetReads": { "mode": "incremental", "fullReadEvery": "7.00:00:00", "maxSnapshotAge": "2.00:00:00", "overlap": "00:10:00", "snapshotFolder": "./snapshots" },
            }
            """;

        private readonly string _folder = Path.Combine(Path.GetTempPath(), "titanhst-tests", "config-property-" + Guid.NewGuid().ToString("N"));

        public ConnectorConfigPropertyTests() => Directory.CreateDirectory(_folder);

        public void Dispose() => Directory.Delete(_folder, recursive: true);

        [Fact]
        public void Any_edit_of_a_connector_config_loads_or_is_refused_by_file_and_line()
        {
            var path = Path.Combine(_folder, "titanhst.config.jsonc");
            var original = Encoding.UTF8.GetBytes(Config);
            File.WriteAllBytes(path, original);
            Assert.NotNull(ConnectorConfigLoader.Load(path).Notify?.Email);

            var (tried, refused) = FileEdit.SampleEdits(FileEdit.OfJson(original.Length), path, original, iter: 2000, "loading", (edit, edited) =>
            {
                try
                {
                    ConnectorConfigLoader.Load(path);
                    return false;
                }
                catch (InputFileException e)
                {
                    Assert.True(e.Line > 0 && e.File == Path.GetFullPath(path), $"refused without a line ({e.Message}) for {edit.Describe(edited)}");
                    return true;
                }
            });

            // Most edits land in values and punctuation: the test says something only if many are refused.
            Assert.True(refused > tried / 3, $"only {refused} of {tried} edits were refused");
        }
    }
}

using System;
using System.IO;
using System.Text;
using Aether.TitanHst.Errors;
using Aether.TitanHst.Sync;

namespace Aether.TitanHst.Tests.BadInput.Handlers
{
    /// <summary>
    /// "connectorConfig": the unattended sync's connector configuration (docs/scheduling.md's example, every path
    /// set), edited as case.json says, then loaded. The load must fail with the expected error id on a line of the
    /// file (and name expect.field when the case gives it); the unedited file is first checked to load.
    /// </summary>
    /// <remarks>Members: "configEdits": [{ "find", "replace" }] on the file's text.</remarks>
    public sealed class ConnectorConfigHandler : IBadInputHandler
    {
        private const string Config = """
            {
              "configFormat": 1,
              "version": "1.0.0",
              "contract": "./contract.jsonc",
              "titanHst": { "baseUri": "https://sampleusd.titanhst.example", "clientId": "sampleusd-connector" },
              "apply": { "throttleLimit": 4 },
              "audit": { "folder": "./audit" },
              "runs": { "folder": "./runs" },
              "reports": { "folder": "./reports" },
              "targetReads": { "mode": "incremental", "snapshotFolder": "./snapshots" }
            }
            """;

        public string Kind => "connectorConfig";

        public void Run(BadInputCase badCase)
        {
            var folder = Path.Combine(Path.GetTempPath(), "titanhst-tests", "config-case-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            try
            {
                var path = Path.Combine(folder, "titanhst.config.jsonc");
                File.WriteAllText(path, Config, new UTF8Encoding(false));
                ConnectorConfigLoader.Load(path);

                var text = Config;
                foreach (var edit in badCase.Definition.GetProperty("configEdits").EnumerateArray())
                {
                    var find = edit.GetProperty("find").GetString()!;
                    Assert.True(text.Contains(find, StringComparison.Ordinal), $"{badCase.Name}: the configuration holds no '{find}'");
                    text = text.Replace(find, edit.GetProperty("replace").GetString()!, StringComparison.Ordinal);
                }

                File.WriteAllText(path, text, new UTF8Encoding(false));
                var error = Assert.Throws<InputFileException>(() => ConnectorConfigLoader.Load(path));
                Assert.Equal(badCase.ExpectedErrorId, error.ErrorId);
                Assert.True(error.Line > 0, $"{badCase.Name}: no line in '{error.Message}'");
                if (badCase.Expect.TryGetProperty("field", out var field))
                {
                    Assert.Equal(field.GetString(), error.Field);
                }

                if (badCase.Expect.TryGetProperty("line", out var line))
                {
                    Assert.Equal(line.GetInt32(), error.Line);
                }
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}

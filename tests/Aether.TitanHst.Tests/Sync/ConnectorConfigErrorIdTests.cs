using System;
using System.IO;
using Aether.TitanHst.Errors;
using Aether.TitanHst.Sync;

namespace Aether.TitanHst.Tests.Sync
{
    /// <summary>A bad connector config is reported with a config error id, never one that sends people to the contract.</summary>
    public sealed class ConnectorConfigErrorIdTests : IDisposable
    {
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "titanhst-tests", "config-ids-" + Guid.NewGuid().ToString("N"));

        public ConnectorConfigErrorIdTests() => Directory.CreateDirectory(_folder);

        public void Dispose() => Directory.Delete(_folder, recursive: true);

        [Theory]
        [InlineData("{ \"configFormat\": 1, \"version\": \"1.0.0\", \"contract\": \"./contract.jsonc\", \"titanHst\": { \"baseUri\": \"https://x.example\" }", InputErrorIds.ConfigJsonInvalid)]
        [InlineData("{ \"configFormat\": 1, \"version\": \"1.0.0\", \"contract\": \"./contract.jsonc\", \"titanHst\": { \"baseUri\": \"https://x.example\" }, \"clientSecret\": \"s\" }", InputErrorIds.ConfigJsonInvalid)]
        [InlineData("{ \"configFormat\": 2, \"version\": \"1.0.0\", \"contract\": \"./contract.jsonc\", \"titanHst\": { \"baseUri\": \"https://x.example\" } }", InputErrorIds.ConfigPropertyInvalid)]
        [InlineData("{ \"configFormat\": 1, \"version\": \"one\", \"contract\": \"./contract.jsonc\", \"titanHst\": { \"baseUri\": \"https://x.example\" } }", InputErrorIds.ConfigPropertyInvalid)]
        public void Config_problems_carry_a_config_error_id(string json, string expected)
        {
            var path = Path.Combine(_folder, "titanhst.config.jsonc");
            File.WriteAllText(path, json);

            var e = Assert.Throws<InputFileException>(() => ConnectorConfigLoader.Load(path));

            Assert.Equal(expected, e.ErrorId);
            Assert.DoesNotContain("Contract", e.ErrorId, StringComparison.Ordinal);
        }
    }
}

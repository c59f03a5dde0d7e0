using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Errors;
using Aether.TitanHst.Sample;
using Json.Schema;

namespace Aether.TitanHst.Tests.Contract
{
    /// <summary>The JSON Schema shipped with the module describes what the loader accepts.</summary>
    public sealed class ContractSchemaTests : IDisposable
    {
        private static readonly JsonSchema Schema = JsonSchema.FromText(Encoding.UTF8.GetString(SampleResources.MappingContractSchema()));
        private static readonly JsonDocumentOptions Jsonc = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

        private readonly string _root = Path.Combine(Path.GetTempPath(), "aether-schema-" + Guid.NewGuid().ToString("N"));
        private readonly SampleDistrictInfo _district;

        public ContractSchemaTests()
        {
            _district = SampleDistrictGenerator.Generate(_root, new SampleDistrictOptions { StaffCount = 30, Seed = 1, WriteExports = false, WriteTargetSeed = false });
        }

        public void Dispose() => Directory.Delete(_root, recursive: true);

        [Fact]
        public void Schema_beside_the_sample_contract_is_the_module_schema()
        {
            var moduleSchema = Path.Combine(RepositoryRoot(), "module", "Aether.TitanHst", "schemas", "mapping-contract.schema.json");
            Assert.Equal(File.ReadAllBytes(moduleSchema), File.ReadAllBytes(Path.Combine(_root, SampleDistrictGenerator.SchemaFileName)));
        }

        [Fact]
        public void Sample_contract_is_valid()
        {
            var results = Evaluate(SampleContract());
            Assert.True(results.IsValid, Describe(results));
        }

        [Theory]
        [InlineData("unknown top-level property", "$.colour", "\"blue\"")]
        [InlineData("misspelled field property", "$.fields.email.normalise", "[\"trim\"]")]
        [InlineData("unknown rule name", "$.fields.email.normalize", "[\"titlecase\"]")]
        [InlineData("rule object with two properties", "$.fields.email.normalize", "[{\"email\": true, \"lower\": true}]")]
        [InlineData("date rule without formats", "$.fields.hireDate.normalize", "[{\"date\": {\"output\": \"yyyy-MM-dd\"}}]")]
        [InlineData("misspelled rule setting", "$.fields.email.normalize", "[{\"email\": {\"domain\": [\"sampleusd.org\"]}}]")]
        [InlineData("bad onlyIn action", "$.join.onlyIn.aeries", "\"ignore\"")]
        [InlineData("bad invalid policy", "$.fields.phone.invalid", "\"drop\"")]
        [InlineData("keep is not a table policy", "$.mappingTables.jobClassToRole.unmapped", "\"keep\"")]
        [InlineData("scope condition without a test", "$.scope.include", "[{\"field\": \"jobClass\"}]")]
        [InlineData("version that is not semver", "$.version", "\"1.0\"")]
        [InlineData("contract format 2", "$.contractFormat", "2")]
        [InlineData("unknown encoding", "$.sources.hr.encoding", "\"ebcdic\"")]
        [InlineData("maxLength zero", "$.fields.firstName.normalize", "[{\"maxLength\": 0}]")]
        [InlineData("empty threshold object", "$.safety", "{\"thresholds\": {\"deactivate\": {}}}")]
        [InlineData("unknown unsafeCharacters mode", "$.inputSafety", "{\"unsafeCharacters\": \"ignore\"}")]
        [InlineData("misspelled inputSafety setting", "$.inputSafety", "{\"allowFormulaKey\": true}")]
        public void Broken_contracts_fail_the_schema_and_the_loader(string what, string path, string json)
        {
            var contract = SampleContract();
            Set(contract, path, JsonNode.Parse(json));

            var results = Evaluate(contract);
            Assert.False(results.IsValid, $"the schema accepted a contract with {what}");

            var file = Path.Combine(_root, "broken.jsonc");
            File.WriteAllText(file, contract.ToJsonString());
            Assert.Throws<InputFileException>(() => ContractLoader.Load(file));
        }

        [Fact]
        public void Missing_required_properties_fail()
        {
            foreach (var name in new[] { "contractFormat", "id", "version", "sources", "join", "matchKeyField", "fields", "ownedFields" })
            {
                var contract = SampleContract();
                contract.Remove(name);
                Assert.False(Evaluate(contract).IsValid, $"the schema accepted a contract without {name}");
            }
        }

        [Fact]
        public void Every_rule_form_the_loader_accepts_is_valid()
        {
            var contract = SampleContract();
            Set(contract, "$.fields.title.normalize", JsonNode.Parse("""
                ["trim", "collapseWhitespace", "nfc", "upper", "lower", "nameCase", "stripLeadingZeros",
                 {"default": "Staff"}, {"maxLength": 80}, {"maxLength": {"length": 80, "truncate": true}},
                 {"replace": {"pattern": "\\s*\\(Sub\\)$", "with": ""}}, {"replace": {"pattern": "x"}},
                 {"map": {"values": {"TCHR": "Teacher"}, "ignoreCase": false, "unmapped": "keep"}},
                 {"map": {"values": {"A": "B"}, "unmapped": {"default": "C"}}}]
                """));
            Set(contract, "$.fields.email.normalize", JsonNode.Parse("[\"email\", {\"email\": true}, {\"email\": {}}]"));
            Set(contract, "$.fields.phone.normalize", JsonNode.Parse("[\"phone\", {\"phone\": true}, {\"phone\": {\"format\": \"national\"}}]"));
            Set(contract, "$.mappingTables.jobClassToRole.unmapped", JsonNode.Parse("{\"default\": \"CLASSIFIED\"}"));
            Set(contract, "$.scope.include", JsonNode.Parse("[{\"field\": \"jobClass\", \"blank\": false}, {\"field\": \"employmentStatus\", \"in\": [\"active\"], \"notIn\": [\"leave\"]}]"));
            Set(contract, "$.inputSafety", JsonNode.Parse("{\"description\": \"d\", \"unsafeCharacters\": \"reject\", \"allowFormulaKeys\": false, \"allowPathsOutsideContractFolder\": false}"));

            var results = Evaluate(contract);
            Assert.True(results.IsValid, Describe(results));
            var file = Path.Combine(_root, "forms.jsonc");
            File.WriteAllText(file, contract.ToJsonString());
            Assert.NotNull(ContractLoader.Load(file));
        }

        private JsonObject SampleContract() =>
            JsonNode.Parse(File.ReadAllText(_district.ContractPath!), documentOptions: Jsonc)!.AsObject();

        private static EvaluationResults Evaluate(JsonNode contract) =>
            Schema.Evaluate(contract, new EvaluationOptions { OutputFormat = OutputFormat.List });

        private static string Describe(EvaluationResults results) =>
            string.Join(Environment.NewLine, (results.Details ?? Array.Empty<EvaluationResults>())
                .Where(d => d.HasErrors).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}")));

        private static void Set(JsonObject root, string path, JsonNode? value)
        {
            var parts = path.TrimStart('$', '.').Split('.');
            var node = root;
            foreach (var part in parts.Take(parts.Length - 1))
            {
                node = node[part]!.AsObject();
            }

            node[parts[^1]] = value;
        }

        private static string RepositoryRoot()
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Aether.TitanHst.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new InvalidOperationException("repository root not found");
        }
    }
}

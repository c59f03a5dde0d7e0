using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aether.TitanHst.Sample;
using Json.Schema;

namespace Aether.TitanHst.Tests.Positions
{
    /// <summary>The module's JSON Schema describes the positions part of a contract (rows, positionKey, positions, fromAssignments).</summary>
    public sealed class PositionsSchemaTests
    {
        private static readonly JsonSchema Schema = JsonSchema.FromText(Encoding.UTF8.GetString(SampleResources.MappingContractSchema()));
        private static readonly JsonDocumentOptions Jsonc = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

        private static JsonObject Contract()
        {
            using var district = new TempDistrict("positions-district");
            return JsonNode.Parse(File.ReadAllText(district.ContractPath), documentOptions: Jsonc)!.AsObject();
        }

        [Fact]
        public void The_positions_fixture_contract_is_valid()
        {
            var results = Schema.Evaluate(Contract(), new EvaluationOptions { OutputFormat = OutputFormat.List });
            Assert.True(results.IsValid, string.Join("; ", (results.Details ?? new System.Collections.Generic.List<EvaluationResults>()).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
        }

        [Fact]
        public void A_positionKey_without_onePerPosition_an_unknown_primary_step_and_from_beside_positions_fail()
        {
            var noRows = Contract();
            noRows["sources"]!["positions"]!.AsObject().Remove("rows");
            Assert.False(Schema.Evaluate(noRows).IsValid);

            var badStep = Contract();
            badStep["fields"]!["assignments"]!["positions"]!["primary"] = JsonNode.Parse("[{ \"lowest\": \"salary\" }]");
            Assert.False(Schema.Evaluate(badStep).IsValid);

            var both = Contract();
            both["fields"]!["siteCode"]!["from"] = JsonNode.Parse("[{ \"source\": \"hr\", \"column\": \"JobClassId\" }]");
            Assert.False(Schema.Evaluate(both).IsValid);
        }
    }
}

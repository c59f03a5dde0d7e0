using System.IO;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Errors;

namespace Aether.TitanHst.Tests.Contract
{
    public class ContractLoaderTests
    {
        [Fact]
        public void Loads_the_mini_district_contract()
        {
            using var d = new TempDistrict();
            var c = ContractLoader.Load(d.ContractPath);
            Assert.Equal("mini-district", c.Id);
            Assert.Equal("1.0.0", c.Version);
            Assert.StartsWith("sha256:", c.Hash);
            Assert.Equal(new[] { "hr", "aeries" }, new[] { c.Sources[0].Name, c.Sources[1].Name });
            Assert.Equal("EmpID", c.Sources[0].KeyColumn);
            Assert.Equal(Path.Combine(d.Root, "exports", "hr.csv"), c.Sources[0].Path);
            Assert.Equal(new[] { "firstName", "lastName", "email", "title", "roleCode", "siteCode", "hireDate", "phone" }, c.OwnedFields);
            Assert.False(c.Fields[8].Owned); // employmentStatus: used for scope only
            Assert.Equal(3, c.MappingTables.Count);
            Assert.Equal("role", c.MappingTables["roles"].Reference);
        }

        [Fact]
        public void Malformed_json_names_file_and_line()
        {
            using var d = new TempDistrict();
            d.EditContract("\"version\": \"1.0.0\",", "\"version\": \"1.0.0\"");
            var ex = Assert.Throws<InputFileException>(() => ContractLoader.Load(d.ContractPath));
            Assert.Equal(InputErrorIds.ContractJsonInvalid, ex.ErrorId);
            Assert.Equal(d.ContractPath, ex.File);
            Assert.Equal(6, ex.Line);
            Assert.Contains("contract.jsonc:6", ex.Message);
        }

        [Fact]
        public void Unknown_property_is_named_with_its_path_and_line()
        {
            using var d = new TempDistrict();
            d.EditContract("\"encoding\": \"utf-8\",", "\"encodng\": \"utf-8\",");
            var ex = Assert.Throws<InputFileException>(() => ContractLoader.Load(d.ContractPath));
            Assert.Equal(InputErrorIds.ContractPropertyUnknown, ex.ErrorId);
            Assert.Equal("sources.hr.encodng", ex.Field);
            Assert.Equal(d.LineOf("encodng"), ex.Line);
        }

        [Fact]
        public void Missing_required_property_is_reported()
        {
            using var d = new TempDistrict();
            d.EditContract("\"matchKeyField\": \"externalId\",", string.Empty);
            var ex = Assert.Throws<InputFileException>(() => ContractLoader.Load(d.ContractPath));
            Assert.Equal(InputErrorIds.ContractPropertyMissing, ex.ErrorId);
            Assert.Equal("matchKeyField", ex.Field);
        }

        [Fact]
        public void Column_not_listed_in_source_points_at_the_field()
        {
            using var d = new TempDistrict();
            d.EditContract("\"column\": \"PhoneWork\"", "\"column\": \"PhoneCell\"");
            var ex = Assert.Throws<InputFileException>(() => ContractLoader.Load(d.ContractPath));
            Assert.Equal("fields.phone.from[0].column", ex.Field);
            Assert.Equal(d.LineOf("PhoneCell"), ex.Line);
            Assert.Contains("not listed in sources.hr.columns", ex.Problem);
        }

        [Fact]
        public void Unknown_rule_and_unknown_table_are_reported_at_their_path()
        {
            using var d = new TempDistrict();
            d.EditContract("\"normalize\": [\"phone\"]", "\"normalize\": [\"telephone\"]");
            var ex = Assert.Throws<InputFileException>(() => ContractLoader.Load(d.ContractPath));
            Assert.Equal("fields.phone.normalize[0]", ex.Field);
            Assert.Contains("unknown rule 'telephone'", ex.Problem);

            using var d2 = new TempDistrict();
            d2.EditContract("{ \"lookup\": \"roles\" }", "{ \"lookup\": \"jobs\" }");
            var ex2 = Assert.Throws<InputFileException>(() => ContractLoader.Load(d2.ContractPath));
            Assert.Equal("fields.roleCode.normalize[2].lookup", ex2.Field);
            Assert.Contains("no mapping table named 'jobs'", ex2.Problem);
        }

        [Theory]
        [InlineData("\"version\": \"1.0.0\"", "\"version\": \"1.0\"", "version")]
        [InlineData("\"version\": \"1.0.0\"", "\"version\": \"1.0.0\\n\"", "version")]
        [InlineData("\"id\": \"mini-district\"", "\"id\": \"mini-district\\n\"", "id")]
        [InlineData("\"contractFormat\": 1", "\"contractFormat\": 2", "contractFormat")]
        [InlineData("\"blankKey\": \"skip\"", "\"blankKey\": \"ignore\"", "join.blankKey")]
        [InlineData("\"hr\": \"include\"", "\"hr\": \"maybe\"", "join.onlyIn.hr")]
        [InlineData("\"invalid\": \"blank\"", "\"invalid\": \"drop\"", "fields.phone.invalid")]
        [InlineData("{ \"default\": \"DO\" }", "{ \"fallback\": \"DO\" }", "mappingTables.aeriesSites.unmapped")]
        [InlineData("\"ownedFields\": [\"firstName\"", "\"ownedFields\": [\"givenName\"", "ownedFields[0]")]
        [InlineData("{ \"field\": \"jobClass\", \"notIn\": [\"SUB01\"] }", "{ \"field\": \"job\", \"notIn\": [\"SUB01\"] }", "scope.include[1].field")]
        [InlineData("\"formats\": [\"yyyy-MM-dd\"]", "\"formats\": \"yyyy-MM-dd\"", "fields.hireDate.from[0].normalize[0].date.formats")]
        public void Invalid_values_name_the_property(string find, string replace, string property)
        {
            using var d = new TempDistrict();
            d.EditContract(find, replace);
            var ex = Assert.Throws<InputFileException>(() => ContractLoader.Load(d.ContractPath));
            Assert.Equal(property, ex.Field);
            Assert.Equal(d.LineOf(replace.Split('\n')[0]), ex.Line);
        }

        [Fact]
        public void Empty_and_missing_files_are_clear()
        {
            using var d = new TempDistrict();
            d.WriteContract("  \n");
            Assert.Equal(InputErrorIds.ContractJsonInvalid, Assert.Throws<InputFileException>(() => ContractLoader.Load(d.ContractPath)).ErrorId);
            var missing = Assert.Throws<InputFileException>(() => ContractLoader.Load(d.PathOf("nope.jsonc")));
            Assert.Equal(InputErrorIds.FileNotFound, missing.ErrorId);
        }

        [Fact]
        public void Mapping_table_with_a_code_mapped_two_ways_names_the_line()
        {
            using var d = new TempDistrict();
            File.AppendAllText(d.PathOf("mappings/roles.csv"), "TCH01,COUNSELOR,oops\n");
            var ex = Assert.Throws<InputFileException>(() => ContractLoader.Load(d.ContractPath));
            Assert.Equal(InputErrorIds.MappingTableConflict, ex.ErrorId);
            Assert.Equal(d.PathOf("mappings/roles.csv"), ex.File);
            Assert.Equal(6, ex.Line);
            Assert.Contains("line 2", ex.Problem);
        }

        [Fact]
        public void Hash_ignores_comments_and_layout_but_not_content_or_tables()
        {
            using var d = new TempDistrict();
            var original = ContractLoader.Load(d.ContractPath).Hash;

            d.WriteContract("// another comment\n" + d.ReadContract().Replace("\n", "\n   "));
            Assert.Equal(original, ContractLoader.Load(d.ContractPath).Hash);

            d.EditContract("\"SUB01\"", "\"SUB02\"");
            var changed = ContractLoader.Load(d.ContractPath).Hash;
            Assert.NotEqual(original, changed);

            File.AppendAllText(d.PathOf("mappings/hr-sites.csv"), "0303,ES1\n");
            Assert.NotEqual(changed, ContractLoader.Load(d.ContractPath).Hash);
        }
    }
}

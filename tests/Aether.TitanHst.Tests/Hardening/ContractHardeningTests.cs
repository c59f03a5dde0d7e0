using System;
using System.IO;
using System.Linq;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Errors;
using Aether.TitanHst.Safety;

namespace Aether.TitanHst.Tests.Hardening
{
    /// <summary>Contract JSON and contract paths that used to be accepted silently or fail with a raw exception.</summary>
    public class ContractHardeningTests
    {
        [Fact]
        public void A_duplicate_property_is_refused_naming_both_lines()
        {
            using var d = new TempDistrict();
            d.EditContract("\"ownedFields\"", "\"safety\": { \"thresholds\": { \"deactivate\": { \"maxCount\": 2 } } },\n  \"safety\": { \"thresholds\": { \"deactivate\": { \"maxCount\": 5000 } } },\n  \"ownedFields\"");
            var first = d.LineOf("\"maxCount\": 2 ");
            var ex = Assert.Throws<InputFileException>(() => ContractLoader.Load(d.ContractPath));
            Assert.Equal(InputErrorIds.ContractPropertyDuplicate, ex.ErrorId);
            Assert.Equal("safety", ex.Field);
            Assert.Equal(first + 1, ex.Line);
            Assert.Contains($"lines {first} and {first + 1}", ex.Problem, StringComparison.Ordinal);
        }

        [Fact]
        public void A_duplicate_nested_property_is_refused_too()
        {
            using var d = new TempDistrict();
            d.EditContract("\"id\": \"mini-district\",", "\"id\": \"mini-district\",\n  \"version\": \"9.0.0\",");
            var ex = Assert.Throws<InputFileException>(() => ContractLoader.Load(d.ContractPath));
            Assert.Equal(InputErrorIds.ContractPropertyDuplicate, ex.ErrorId);
            Assert.Equal("version", ex.Field);
        }

        [Fact]
        public void The_same_name_in_different_objects_is_not_a_duplicate()
        {
            using var d = new TempDistrict();
            Assert.NotNull(ContractLoader.Load(d.ContractPath)); // "path", "columns", "description" repeat across objects
        }

        [Fact]
        public void An_empty_threshold_object_is_refused_rather_than_removing_the_default_limit()
        {
            using var d = new TempDistrict();
            d.EditContract("\"ownedFields\"", "\"safety\": { \"thresholds\": { \"deactivate\": {} } },\n  \"ownedFields\"");
            var ex = Assert.Throws<InputFileException>(() => ContractLoader.Load(d.ContractPath));
            Assert.Equal(InputErrorIds.ContractPropertyInvalid, ex.ErrorId);
            Assert.Equal("safety.thresholds.deactivate", ex.Field);
        }

        [Fact]
        public void Leaving_a_threshold_out_keeps_the_default()
        {
            using var d = new TempDistrict();
            d.EditContract("\"ownedFields\"", "\"safety\": { \"thresholds\": { \"roleChange\": { \"maxCount\": 3 } } },\n  \"ownedFields\"");
            var contract = ContractLoader.Load(d.ContractPath);
            var expected = SafetyPolicy.Default.Thresholds.Single(t => t.Kind == RiskFlags.Deactivate);
            var actual = contract.Policies.Safety.Thresholds.Single(t => t.Kind == RiskFlags.Deactivate);
            Assert.Equal((expected.MaxCount, expected.MaxPercent), (actual.MaxCount, actual.MaxPercent));
        }

        [Fact]
        public void A_nul_in_a_source_path_is_a_contract_error_not_an_argument_exception()
        {
            using var d = new TempDistrict();
            d.EditContract("\"path\": \"exports/hr.csv\"", "\"path\": \"exports/hr\\u0000.csv\"");
            var ex = Assert.Throws<InputFileException>(() => ContractLoader.Load(d.ContractPath));
            Assert.Equal(InputErrorIds.ContractPathInvalid, ex.ErrorId);
            Assert.Equal("sources.hr.path", ex.Field);
            Assert.Equal(d.LineOf("hr\\u0000"), ex.Line);
        }

        [Fact]
        public void A_nul_in_the_contract_path_itself_is_a_clear_error()
        {
            var ex = Assert.Throws<InputFileException>(() => ContractLoader.Load("contract\0.jsonc"));
            Assert.Equal(InputErrorIds.ContractPathInvalid, ex.ErrorId);
            Assert.DoesNotContain("\0", ex.Message, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("../../../../../../etc/os-release")]
        [InlineData("/etc/os-release")]
        public void A_path_outside_the_contract_folder_is_refused_unless_the_contract_opts_out(string path)
        {
            using var d = new TempDistrict();
            d.EditContract("\"path\": \"mappings/roles.csv\"", $"\"path\": \"{path}\"");
            var ex = Assert.Throws<InputFileException>(() => ContractLoader.Load(d.ContractPath));
            Assert.Equal(InputErrorIds.ContractPathOutsideFolder, ex.ErrorId);
            Assert.Equal("mappingTables.roles.path", ex.Field);

            // With the opt-out the file is read, and being no mapping table it fails without echoing its content.
            d.EditContract("\"ownedFields\"", "\"inputSafety\": { \"allowPathsOutsideContractFolder\": true },\n  \"ownedFields\"");
            if (File.Exists("/etc/os-release"))
            {
                var read = Assert.Throws<InputFileException>(() => ContractLoader.Load(d.ContractPath));
                Assert.Equal(InputErrorIds.SourceColumnMissing, read.ErrorId);
                Assert.DoesNotContain("NAME=", read.Message, StringComparison.Ordinal);
            }
        }

        [Fact]
        public void An_unknown_unsafe_characters_mode_is_refused()
        {
            using var d = new TempDistrict();
            d.EditContract("\"ownedFields\"", "\"inputSafety\": { \"unsafeCharacters\": \"ignore\" },\n  \"ownedFields\"");
            var ex = Assert.Throws<InputFileException>(() => ContractLoader.Load(d.ContractPath));
            Assert.Equal("inputSafety.unsafeCharacters", ex.Field);
        }
    }
}

using System.IO;
using System.Linq;
using Aether.TitanHst.Canonical;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Errors;

namespace Aether.TitanHst.Tests.Canonical
{
    /// <summary>
    /// An export with a header and no rows is what a failed export job leaves: refused like an empty file unless the
    /// contract says the export may be empty. And a person whom no source of a required field describes is told
    /// about at a row they have, never at line 0 of another file.
    /// </summary>
    public sealed class HeaderOnlyExportTests
    {
        [Fact]
        public void An_export_with_a_header_and_no_rows_is_refused_naming_the_file_and_the_setting()
        {
            using var d = new TempDistrict();
            File.WriteAllText(d.PathOf("exports/hr.csv"), File.ReadLines(d.PathOf("exports/hr.csv")).First() + "\r\n");

            var ex = Assert.Throws<InputFileException>(() => new StaffExtractor(ContractLoader.Load(d.ContractPath)).Extract().ToList());

            Assert.Equal(InputErrorIds.SourceFileEmpty, ex.ErrorId);
            Assert.Equal(d.PathOf("exports/hr.csv"), ex.File);
            Assert.Equal(1, ex.Line);
            Assert.Contains("sources.hr.allowEmpty", ex.Message, System.StringComparison.Ordinal);
        }

        [Fact]
        public void An_export_the_contract_allows_to_be_empty_is_read_as_no_rows()
        {
            using var d = new TempDistrict();
            d.EditContract("\"path\": \"exports/aeries.csv\",", "\"path\": \"exports/aeries.csv\", \"allowEmpty\": true,");
            File.WriteAllText(d.PathOf("exports/aeries.csv"), File.ReadLines(d.PathOf("exports/aeries.csv")).First() + "\r\n");
            var contract = ContractLoader.Load(d.ContractPath);
            Assert.True(contract.GetSource("aeries").AllowEmpty);
            Assert.False(contract.GetSource("hr").AllowEmpty);

            var items = new StaffExtractor(contract).Extract().ToList();

            Assert.Contains(items, i => i.Record is not null);
        }

        [Fact]
        public void A_required_field_no_source_of_the_person_holds_is_cited_at_a_row_the_person_has()
        {
            using var d = new TempDistrict();
            // Eve (999) is only in Aeries; roleCode is read from HR alone.
            d.EditContract("\"onlyIn\": { \"hr\": \"include\", \"aeries\": \"skip\" }", "\"onlyIn\": { \"hr\": \"include\", \"aeries\": \"include\" }");
            d.EditContract("{ \"field\": \"employmentStatus\", \"in\": [\"active\", \"leave\"] },\n      { \"field\": \"jobClass\", \"notIn\": [\"SUB01\"] }", string.Empty);

            var issues = new StaffExtractor(ContractLoader.Load(d.ContractPath)).Extract().Where(i => i.Issue is { Key: "999" }).Select(i => i.Issue!).ToList();

            var missing = Assert.Single(issues, i => i.ErrorId == ExtractErrorIds.RequiredFieldMissing && i.Field == "roleCode");
            Assert.Equal(d.PathOf("exports/aeries.csv"), missing.File);
            Assert.Equal(7, missing.Line);
        }
    }
}

using System.IO;
using System.Linq;
using Aether.TitanHst.Canonical;
using Aether.TitanHst.Contract;

namespace Aether.TitanHst.Tests.Canonical
{
    public class StaffExtractorTests
    {
        [Fact]
        public void Builds_in_scope_people_with_precedence_fill_in_and_provenance()
        {
            using var d = new TempDistrict();
            var (records, issues) = Extract(d);

            Assert.Equal(new[] { "123", "800", "801", "456" }, records.Select(r => r.ExternalId));
            var ana = records[0];
            Assert.Equal("Ana", ana["firstName"]);
            Assert.Equal("Peña", ana["lastName"]);
            Assert.Equal("ana.pena@district.org", ana["email"]); // Aeries wins for email, lower-cased
            Assert.Equal("Teacher of Math", ana["title"]);
            Assert.Equal("TEACHER", ana["roleCode"]);
            Assert.Equal("LHS", ana["siteCode"]);
            Assert.Equal("2019-08-15", ana["hireDate"]);
            Assert.Equal("+15595551234", ana["phone"]);
            Assert.Equal(new[] { "hr:2", "aeries:2" }, ana.Provenance.Select(p => p.ToString()).OrderByDescending(p => p));

            var di = records[2];
            Assert.Equal("di@district.org", di["email"]); // Aeries blank: HR fills in
            Assert.Null(di["phone"]);                      // invalid phone blanked by policy

            var bo = records[3];
            Assert.Equal("O'Brien", bo["lastName"]);
            Assert.Equal("Bo", bo["firstName"]);
            Assert.Null(bo["title"]);                      // only in HR: no Aeries title
            Assert.Equal(new[] { "hr:3" }, bo.Provenance.Select(p => p.ToString()));

            Assert.Equal("Smith, Jr.", records[1]["lastName"]);
            Assert.Equal("leave", records[1]["employmentStatus"]);

            Assert.DoesNotContain(issues, i => i.Severity == IssueSeverity.Error);
            Assert.Contains(issues, i => i.ErrorId == ExtractErrorIds.JoinKeyBlank && i.Line == 4 && i.Source == "aeries");
            Assert.Contains(issues, i => i.ErrorId == ExtractErrorIds.OnlyInOneSource && i.Key == "999" && i.Line == 7);
            Assert.Contains(issues, i => i.ErrorId == ExtractErrorIds.FieldValueInvalid && i.Field == "phone" && i.Line == 7 && i.Column == "PhoneWork");
        }

        [Fact]
        public void Out_of_scope_people_are_counted_not_emitted()
        {
            using var d = new TempDistrict();
            var extractor = new StaffExtractor(ContractLoader.Load(d.ContractPath));
            var all = extractor.Extract().ToList();
            Assert.DoesNotContain(all, i => i.Record?.ExternalId is "789" or "790");
            Assert.Equal(2, extractor.Statistics.OutOfScope);
            Assert.Equal(4, extractor.Statistics.Records);
            Assert.Equal(6, extractor.Statistics.RowsRead["hr"]);
            Assert.Equal(5, extractor.Statistics.RowsRead["aeries"]);
        }

        [Fact]
        public void Unmapped_code_is_an_error_naming_code_file_line_and_column_and_no_record()
        {
            using var d = new TempDistrict();
            var hr = File.ReadAllText(d.PathOf("exports/hr.csv")).Replace("456,BO,O'BRIEN,bo@district.org,0202,CLS01", "456,BO,O'BRIEN,bo@district.org,0202,LIB09");
            File.WriteAllText(d.PathOf("exports/hr.csv"), hr, new System.Text.UTF8Encoding(true));
            var (records, issues) = Extract(d);
            Assert.DoesNotContain(records, r => r.ExternalId == "456");
            var issue = Assert.Single(issues, i => i.ErrorId == ExtractErrorIds.CodeUnmapped);
            Assert.Equal(IssueSeverity.Error, issue.Severity);
            Assert.Equal("LIB09", issue.Code);
            Assert.Equal(3, issue.Line);
            Assert.Equal("JobClassId", issue.Column);
            Assert.Equal(d.PathOf("exports/hr.csv"), issue.File);
        }

        [Fact]
        public void Unmapped_code_of_an_out_of_scope_person_is_not_an_error()
        {
            using var d = new TempDistrict();
            var hr = File.ReadAllText(d.PathOf("exports/hr.csv")).Replace("0101,SUB01", "9999,SUB01");
            File.WriteAllText(d.PathOf("exports/hr.csv"), hr, new System.Text.UTF8Encoding(true));
            var (_, issues) = Extract(d);
            Assert.DoesNotContain(issues, i => i.Severity == IssueSeverity.Error);
        }

        [Fact]
        public void Duplicate_key_in_either_source_blocks_that_person_only_and_names_both_lines()
        {
            using var d = new TempDistrict();
            File.AppendAllText(d.PathOf("exports/hr.csv"), "0456,Bob,Other,bob@district.org,0202,CLS01,A,2020-01-06,\n");
            File.AppendAllText(d.PathOf("exports/aeries.csv"), "15,Di,Again,,801,1,3/3/2018,Teacher\n", System.Text.Encoding.Latin1);
            var (records, issues) = Extract(d);
            Assert.Equal(new[] { "123", "800" }, records.Select(r => r.ExternalId));
            var hrDup = Assert.Single(issues, i => i.ErrorId == ExtractErrorIds.JoinKeyDuplicate && i.Key == "456");
            Assert.Contains("hr line 3, hr line 8", hrDup.Message);
            var aeriesDup = Assert.Single(issues, i => i.ErrorId == ExtractErrorIds.JoinKeyDuplicate && i.Key == "801");
            Assert.Contains("aeries line 6, aeries line 8", aeriesDup.Message);
        }

        [Fact]
        public void Required_field_blank_everywhere_is_an_error_and_pii_values_stay_out_of_messages()
        {
            using var d = new TempDistrict();
            var hr = File.ReadAllText(d.PathOf("exports/hr.csv")).Replace("456,BO,O'BRIEN", "456,BO,").Replace("di@district.org", "di@@bad");
            File.WriteAllText(d.PathOf("exports/hr.csv"), hr, new System.Text.UTF8Encoding(true));
            var (records, issues) = Extract(d);
            var missing = Assert.Single(issues, i => i.ErrorId == ExtractErrorIds.RequiredFieldMissing);
            Assert.Equal("lastName", missing.Field);
            Assert.Equal(3, missing.Line);
            Assert.DoesNotContain(records, r => r.ExternalId == "456");
            var invalid = Assert.Single(issues, i => i.ErrorId == ExtractErrorIds.FieldValueInvalid && i.Field == "email");
            Assert.DoesNotContain("di@@bad", invalid.Message);
        }

        [Fact]
        public void A_required_field_cannot_be_blanked_by_the_blank_policy()
        {
            using var d = new TempDistrict();
            d.EditContract("\"phone\": { \"from\"", "\"phone\": { \"required\": true, \"from\"");
            var (records, issues) = Extract(d);
            Assert.DoesNotContain(records, r => r.ExternalId == "801");
            var issue = Assert.Single(issues, i => i.Field == "phone");
            Assert.Equal(IssueSeverity.Error, issue.Severity);
            Assert.Contains("cannot be left blank", issue.Message);
        }

        [Fact]
        public void Malformed_row_blocks_the_person_in_every_source()
        {
            using var d = new TempDistrict();
            var hr = File.ReadAllText(d.PathOf("exports/hr.csv")).Replace("800,CY,\"SMITH, JR.\"", "800,CY,SMITH, JR.");
            File.WriteAllText(d.PathOf("exports/hr.csv"), hr, new System.Text.UTF8Encoding(true));
            var (records, issues) = Extract(d);
            Assert.DoesNotContain(records, r => r.ExternalId == "800"); // not rebuilt from Aeries alone
            Assert.Contains(issues, i => i.ErrorId == ExtractErrorIds.SourceRowMalformed && i.Line == 6);
        }

        [Fact]
        public void Source_paths_can_be_overridden_for_a_run()
        {
            using var d = new TempDistrict();
            File.Copy(d.PathOf("exports/hr.csv"), d.PathOf("hr-today.csv"));
            File.WriteAllText(d.PathOf("exports/hr.csv"), "garbage");
            var contract = ContractLoader.Load(d.ContractPath).WithSourcePaths(new System.Collections.Generic.Dictionary<string, string> { ["hr"] = d.PathOf("hr-today.csv") });
            Assert.Equal(4, new StaffExtractor(contract).Extract().Count(i => i.Record is not null));
        }

        private static (System.Collections.Generic.List<CanonicalStaffRecord> Records, System.Collections.Generic.List<ExtractIssue> Issues) Extract(TempDistrict d)
        {
            var items = new StaffExtractor(ContractLoader.Load(d.ContractPath)).Extract().ToList();
            return (items.Where(i => i.Record is not null).Select(i => i.Record!).ToList(), items.Where(i => i.Issue is not null).Select(i => i.Issue!).ToList());
        }
    }
}

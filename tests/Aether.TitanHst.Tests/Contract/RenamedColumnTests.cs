using System.IO;
using System.Linq;
using System.Text;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Contract.Checks;

namespace Aether.TitanHst.Tests.Contract
{
    public class RenamedColumnTests
    {
        [Theory]
        [InlineData("EmailWork", "WorkEmail")]
        [InlineData("JobClassId", "JobClassID2")]
        [InlineData("DateHire", "Date_Hire")]
        public void Suggests_the_likely_new_name(string missing, string renamed)
        {
            var header = new[] { "EmpID", "NameFirst", "NameLast", renamed, "SiteId", "PhoneWork" };
            Assert.Equal(renamed, ColumnSuggestion.Closest(missing, header));
        }

        [Fact]
        public void Suggests_nothing_when_no_column_is_close()
        {
            Assert.Null(ColumnSuggestion.Closest("EmailWork", new[] { "EmpID", "SiteId", "Title" }));
        }

        [Fact]
        public void A_renamed_column_names_every_missing_column_with_a_suggestion_and_says_which_checks_did_not_run()
        {
            using var district = new TempDistrict();
            var hr = district.PathOf("exports/hr.csv");
            var text = File.ReadAllText(hr, Encoding.UTF8);
            File.WriteAllText(hr, text.Replace("EmailWork", "WorkEmail").Replace("PhoneWork", "WorkPhone"), new UTF8Encoding(true));
            var results = new MappingContractChecker(ContractLoader.Load(district.ContractPath)).Run().ToList();

            var missing = results.Where(r => r.Rule == CheckRules.SourceReadable && r.GetSeverity() == CheckSeverity.Error).ToList();
            Assert.Contains(missing, r => r.Message.Contains("'EmailWork'") && r.Message.Contains("did you mean WorkEmail?"));
            Assert.Contains(missing, r => r.Message.Contains("'PhoneWork'") && r.Message.Contains("did you mean WorkPhone?"));
            // Every other check still ran: the row checks read the sources without the missing columns, and say so.
            Assert.Contains(results, r => r.Rule == CheckRules.ContractValid);
            Assert.Contains(results, r => r.Rule == CheckRules.MappingTableUnique);
            Assert.DoesNotContain(results, r => r.Message.StartsWith("not run", System.StringComparison.Ordinal));
            Assert.Contains(results, r => r.Rule == CheckRules.SourceReadable && r.GetSeverity() == CheckSeverity.Warning
                && r.Message.Contains("ran without hr.EmailWork, hr.PhoneWork") && r.Items.Contains("email"));
            foreach (var rule in new[] { CheckRules.CodesMapped, CheckRules.RequiredFieldsFilled, CheckRules.FieldValuesValid, CheckRules.MatchKeysUnique, CheckRules.JoinCoverage })
            {
                Assert.Contains(results, r => r.Rule == rule);
            }

            // A blank e-mail (the column read as blank) is not reported as a missing required field.
            Assert.DoesNotContain(results, r => r.Rule == CheckRules.RequiredFieldsFilled && r.GetSeverity() == CheckSeverity.Error);
        }

        [Fact]
        public void A_code_problem_is_still_found_while_a_column_is_renamed()
        {
            using var district = new TempDistrict();
            var hr = district.PathOf("exports/hr.csv");
            var lines = File.ReadAllLines(hr, Encoding.UTF8);
            lines[0] = lines[0].Replace("EmailWork", "WorkEmail");
            var header = lines[0].Split(',');
            var site = System.Array.IndexOf(header, "SiteId");
            var row = lines[1].Split(',');
            row[site] = "999";
            lines[1] = string.Join(",", row);
            File.WriteAllLines(hr, lines, new UTF8Encoding(true));

            var results = new MappingContractChecker(ContractLoader.Load(district.ContractPath)).Run().ToList();

            Assert.Contains(results, r => r.Rule == CheckRules.SourceReadable && r.Message.Contains("did you mean WorkEmail?"));
            Assert.Contains(results, r => r.Rule == CheckRules.CodesMapped && r.GetSeverity() == CheckSeverity.Error && r.Items.Any(i => i.Contains("999")));
        }

        [Fact]
        public void A_renamed_join_key_column_leaves_the_row_checks_not_run()
        {
            using var district = new TempDistrict();
            var hr = district.PathOf("exports/hr.csv");
            var text = File.ReadAllText(hr, Encoding.UTF8);
            File.WriteAllText(hr, text.Replace("EmpID", "EmployeeID"), new UTF8Encoding(true));

            var results = new MappingContractChecker(ContractLoader.Load(district.ContractPath)).Run().ToList();

            Assert.Contains(results, r => r.Rule == CheckRules.SourceReadable && r.Message.Contains("'EmpID'"));
            Assert.Contains(results, r => r.Rule == CheckRules.CodesMapped && r.Message.StartsWith("not run", System.StringComparison.Ordinal));
        }
    }
}

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
            // The checks that do not need the sources still ran; the row checks say they did not.
            Assert.Contains(results, r => r.Rule == CheckRules.ContractValid);
            Assert.Contains(results, r => r.Rule == CheckRules.MappingTableUnique);
            Assert.Contains(results, r => r.Rule == CheckRules.CodesMapped && r.Message.StartsWith("not run", System.StringComparison.Ordinal));
        }
    }
}

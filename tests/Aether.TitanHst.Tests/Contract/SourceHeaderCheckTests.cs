using System;
using System.IO;
using System.Linq;
using System.Text;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Contract.Checks;

namespace Aether.TitanHst.Tests.Contract
{
    /// <summary>
    /// One mistake in an export, one error: Test-MappingContract's checks (the header drift check included, against
    /// a recorded header) report an export that cannot be read, or whose header is split by another delimiter, once.
    /// </summary>
    public sealed class SourceHeaderCheckTests
    {
        [Fact]
        public void An_export_resaved_as_windows_1252_is_one_error_naming_file_and_line()
        {
            using var d = RecordedDistrict();
            var text = File.ReadAllText(d.PathOf("exports/hr.csv"), Encoding.UTF8);
            File.WriteAllBytes(d.PathOf("exports/hr.csv"), Encoding.Latin1.GetBytes(text.Replace("Peña", "Peñó", StringComparison.Ordinal)));

            var error = Assert.Single(Check(d), r => r.GetSeverity() == CheckSeverity.Error);
            Assert.Equal(CheckRules.SourceReadable, error.Rule);
            Assert.Contains("byte 0xF1 is not valid utf-8", error.Message, StringComparison.Ordinal);
            Assert.Equal($"{d.PathOf("exports/hr.csv")}:2", Assert.Single(error.Items));
        }

        [Fact]
        public void An_empty_export_is_one_error_not_a_removed_column_each()
        {
            using var d = RecordedDistrict();
            d.WriteBytes("exports/hr.csv", Array.Empty<byte>());

            var results = Check(d);
            var error = Assert.Single(results, r => r.GetSeverity() == CheckSeverity.Error);
            Assert.Contains("the file is empty", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(results, r => r.Rule == CheckRules.SourceHeaderDrift && r.GetSeverity() != CheckSeverity.Information);
        }

        [Fact]
        public void A_semicolon_delimited_export_is_one_error_naming_the_delimiter_found_and_declared()
        {
            using var d = RecordedDistrict();
            var lines = File.ReadAllLines(d.PathOf("exports/hr.csv"), Encoding.UTF8);
            File.WriteAllLines(d.PathOf("exports/hr.csv"), lines.Select(l => l.Replace(",", ";", StringComparison.Ordinal)), new UTF8Encoding(true));

            var results = Check(d);
            var error = Assert.Single(results, r => r.GetSeverity() == CheckSeverity.Error);
            Assert.Equal(CheckRules.SourceReadable, error.Rule);
            Assert.Contains("separated by ';'", error.Message, StringComparison.Ordinal);
            Assert.Contains("declares ','", error.Message, StringComparison.Ordinal);
            Assert.Equal($"{d.PathOf("exports/hr.csv")}:1", Assert.Single(error.Items));
            Assert.DoesNotContain(results, r => r.Message.Contains("renamed", StringComparison.Ordinal) || r.Message.Contains("removed", StringComparison.Ordinal));
        }

        private static TempDistrict RecordedDistrict()
        {
            var d = new TempDistrict();
            Assert.Contains(new SourceHeaderDriftCheck(ContractLoader.Load(d.ContractPath)).Run(), r => r.Message.StartsWith("recorded", StringComparison.Ordinal));
            return d;
        }

        private static System.Collections.Generic.List<ContractCheckResult> Check(TempDistrict d)
        {
            var contract = ContractLoader.Load(d.ContractPath);
            return new MappingContractChecker(contract) { HeaderDrift = new SourceHeaderDriftCheck(contract) }.Run().ToList();
        }
    }
}

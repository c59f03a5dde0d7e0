using System;
using System.IO;
using System.Linq;
using System.Text;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Contract.Checks;

namespace Aether.TitanHst.Tests.Preview
{
    /// <summary>Source schema drift: the first read records each export's header; later changes are named.</summary>
    public sealed class SourceHeaderDriftTests
    {
        [Fact]
        public void The_first_run_records_the_headers_and_unchanged_headers_report_nothing()
        {
            using var d = new TempDistrict();
            var first = Run(d);
            var recorded = Assert.Single(first);
            Assert.Equal(CheckSeverity.Information, recorded.GetSeverity());
            Assert.Contains("recorded", recorded.Message, StringComparison.Ordinal);
            Assert.True(File.Exists(d.PathOf("contract.headers.json")));

            var second = Assert.Single(Run(d));
            Assert.Equal(CheckSeverity.Information, second.GetSeverity());
            Assert.Equal("every export header matches the one recorded", second.Message);
        }

        [Fact]
        public void A_renamed_column_the_contract_reads_is_an_error_naming_the_likely_new_name()
        {
            using var d = new TempDistrict();
            Run(d);
            ReplaceHeader(d, "exports/hr.csv", "EmailWork", "WorkEmail");

            var result = Assert.Single(Run(d), r => r.GetSeverity() != CheckSeverity.Information);
            Assert.Equal(CheckSeverity.Error, result.GetSeverity());
            Assert.Contains("'EmailWork'", result.Message, StringComparison.Ordinal);
            Assert.Contains("renamed to 'WorkEmail'", result.Message, StringComparison.Ordinal);
            Assert.Equal("EmailWork -> WorkEmail", Assert.Single(result.Items));
        }

        [Fact]
        public void An_added_column_is_a_warning_naming_it()
        {
            using var d = new TempDistrict();
            Run(d);
            ReplaceHeader(d, "exports/hr.csv", "PhoneWork", "PhoneWork,BadgeColor");

            var result = Assert.Single(Run(d));
            Assert.Equal(CheckSeverity.Warning, result.GetSeverity());
            Assert.Contains("added to the export: BadgeColor", result.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void A_reordered_header_is_a_warning_naming_the_moved_columns()
        {
            using var d = new TempDistrict();
            Run(d);
            ReplaceHeader(d, "exports/hr.csv", "NameFirst,NameLast", "NameLast,NameFirst");

            var result = Assert.Single(Run(d));
            Assert.Equal(CheckSeverity.Warning, result.GetSeverity());
            Assert.Contains("reordered", result.Message, StringComparison.Ordinal);
            Assert.Contains("NameFirst", result.Items);
        }

        [Fact]
        public void A_removed_column_the_contract_reads_is_an_error()
        {
            using var d = new TempDistrict();
            Run(d);
            ReplaceHeader(d, "exports/hr.csv", ",PhoneWork", string.Empty);

            var result = Assert.Single(Run(d));
            Assert.Equal(CheckSeverity.Error, result.GetSeverity());
            Assert.Contains("'PhoneWork', which the contract reads, was removed", result.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void A_changed_encoding_is_a_warning_naming_old_and_new()
        {
            using var d = new TempDistrict();
            Run(d);
            // The HR export arrives without its byte order mark.
            var bytes = File.ReadAllBytes(d.PathOf("exports/hr.csv"));
            Assert.True(bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF);
            d.WriteBytes("exports/hr.csv", bytes.Skip(3).ToArray());

            var result = Assert.Single(Run(d));
            Assert.Equal(CheckSeverity.Warning, result.GetSeverity());
            Assert.Contains("encoding changed from utf-8 with BOM to utf-8", result.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Accepting_makes_the_new_header_the_baseline()
        {
            using var d = new TempDistrict();
            Run(d);
            ReplaceHeader(d, "exports/hr.csv", "PhoneWork", "PhoneWork,BadgeColor");
            var contract = ContractLoader.Load(d.ContractPath);
            var accepted = new SourceHeaderDriftCheck(contract) { Accept = true }.Run().ToList();
            Assert.Contains(accepted, r => r.Message.StartsWith("accepted", StringComparison.Ordinal));

            Assert.Equal("every export header matches the one recorded", Assert.Single(Run(d)).Message);
        }

        [Fact]
        public void A_one_off_read_compares_but_never_records()
        {
            using var d = new TempDistrict();
            var contract = ContractLoader.Load(d.ContractPath);
            var results = new SourceHeaderDriftCheck(contract) { Record = false }.Run().ToList();
            Assert.Contains("nothing to compare", Assert.Single(results).Message, StringComparison.Ordinal);
            Assert.False(File.Exists(d.PathOf("contract.headers.json")));
        }

        [Fact]
        public void A_corrupt_baseline_is_an_error_naming_the_file()
        {
            using var d = new TempDistrict();
            Run(d);
            d.WriteText("contract.headers.json", "{ \"sources\": { \"hr\": { \"columns\": null } } }", new UTF8Encoding(false));
            var result = Assert.Single(Run(d));
            Assert.Equal(CheckSeverity.Error, result.GetSeverity());
            Assert.Contains("contract.headers.json", Assert.Single(result.Items), StringComparison.Ordinal);
        }

        [Theory]
        [InlineData(false)] // re-saved as Windows-1252 (no byte order mark) while the contract declares utf-8
        [InlineData(true)] // a byte order mark says utf-8, and a byte in it is not
        public void An_export_that_does_not_decode_is_one_error_naming_its_line_not_an_exception(bool keepBom)
        {
            using var d = new TempDistrict();
            Run(d);
            var bytes = File.ReadAllBytes(d.PathOf("exports/hr.csv")).ToList();
            bytes.Insert(bytes.IndexOf((byte)'\n') + 4, 0xF3);
            d.WriteBytes("exports/hr.csv", bytes.Skip(keepBom ? 0 : 3).ToArray());

            var result = Assert.Single(Run(d));
            Assert.Equal(CheckSeverity.Error, result.GetSeverity());
            Assert.Equal(CheckRules.SourceReadable, result.Rule);
            Assert.Contains("byte 0xF3 is not valid utf-8", result.Message, StringComparison.Ordinal);
            Assert.Equal($"{d.PathOf("exports/hr.csv")}:2", Assert.Single(result.Items));
        }

        [Fact]
        public void An_empty_export_is_one_error_and_its_header_is_not_compared()
        {
            using var d = new TempDistrict();
            Run(d);
            d.WriteBytes("exports/hr.csv", Array.Empty<byte>());

            var result = Assert.Single(Run(d));
            Assert.Equal(CheckSeverity.Error, result.GetSeverity());
            Assert.Equal(CheckRules.SourceReadable, result.Rule);
            Assert.Contains("the file is empty", result.Message, StringComparison.Ordinal);
            Assert.Equal($"{d.PathOf("exports/hr.csv")}:1", Assert.Single(result.Items));
            // Not recorded either: the next run still compares with the header the export had.
            Assert.Contains("EmailWork", File.ReadAllText(d.PathOf("contract.headers.json")), StringComparison.Ordinal);
        }

        [Theory]
        [InlineData(";", "';'")]
        [InlineData("\t", "tab")]
        [InlineData("|", "'|'")]
        public void A_header_split_by_another_delimiter_is_one_error_naming_both_not_a_removed_column_each(string delimiter, string shown)
        {
            using var d = new TempDistrict();
            Run(d);
            ReplaceHeader(d, "exports/hr.csv", ",", delimiter);

            var result = Assert.Single(Run(d));
            Assert.Equal(CheckSeverity.Error, result.GetSeverity());
            Assert.Contains($"separated by {shown}", result.Message, StringComparison.Ordinal);
            Assert.Contains("declares ','", result.Message, StringComparison.Ordinal);
            Assert.Equal($"{d.PathOf("exports/hr.csv")}:1", Assert.Single(result.Items));
        }

        private static System.Collections.Generic.List<ContractCheckResult> Run(TempDistrict d) =>
            new SourceHeaderDriftCheck(ContractLoader.Load(d.ContractPath)).Run().ToList();

        private static void ReplaceHeader(TempDistrict d, string file, string find, string replace)
        {
            var bytes = File.ReadAllBytes(d.PathOf(file));
            var bom = bytes.Length >= 3 && bytes[0] == 0xEF ? 3 : 0;
            var text = Encoding.UTF8.GetString(bytes, bom, bytes.Length - bom);
            var end = text.IndexOf('\n', StringComparison.Ordinal);
            var header = text[..end];
            Assert.Contains(find, header, StringComparison.Ordinal);
            var edited = string.Concat(header.Replace(find, replace, StringComparison.Ordinal), text.AsSpan(end));
            d.WriteBytes(file, bytes.Take(bom).Concat(Encoding.UTF8.GetBytes(edited)).ToArray());
        }
    }
}

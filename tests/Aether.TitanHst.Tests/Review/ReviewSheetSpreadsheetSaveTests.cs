using System;
using System.IO;
using System.Linq;
using System.Text;
using Aether.TitanHst.Canonical;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Diff;
using Aether.TitanHst.Errors;
using Aether.TitanHst.Review;
using Aether.TitanHst.Sample;
using Aether.TitanHst.Tests.Diff;

namespace Aether.TitanHst.Tests.Review
{
    /// <summary>
    /// A review sheet saved again by a spreadsheet: in another encoding, or with values rewritten in another form. Each
    /// is still refused (nothing changes what the review takes), with a message that names the real cause and the
    /// save option that avoids it, instead of a contract setting or "the sources changed".
    /// </summary>
    public sealed class ReviewSheetSpreadsheetSaveTests : IDisposable
    {
        private readonly string _root = Path.Combine(Path.GetTempPath(), "titanhst-tests", Guid.NewGuid().ToString("N"));

        public void Dispose()
        {
            if (Directory.Exists(_root))
            {
                Directory.Delete(_root, recursive: true);
            }
        }

        [Fact]
        public void A_sheet_saved_as_windows_1252_is_refused_with_the_save_option_not_a_contract_setting()
        {
            var (diff, sheet) = ApprovedSheet();
            var text = File.ReadAllText(sheet, Encoding.UTF8).Replace("\"yes\"", "\"sí\"" + string.Empty, StringComparison.Ordinal);
            File.WriteAllBytes(sheet, CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes(text));

            var ex = Assert.Throws<InputFileException>(() => ReviewSheetReader.Read(sheet, diff));

            Assert.Equal(ReviewErrorIds.ReviewSheetNotUtf8, ex.ErrorId);
            Assert.Equal(sheet, ex.File);
            Assert.True(ex.Line > 1, ex.Message);
            Assert.Contains("byte 0xED", ex.Message, StringComparison.Ordinal);
            Assert.Contains("CSV UTF-8", ex.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("source's encoding", ex.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Dates_rewritten_by_a_spreadsheet_are_refused_as_a_rewrite_not_as_a_newer_diff()
        {
            var (diff, sheet) = ApprovedSheet();
            var iso = new System.Text.RegularExpressions.Regex("\"(\\d{4})-(\\d{2})-(\\d{2})\"");
            var lines = File.ReadAllLines(sheet, Encoding.UTF8);
            var rewritten = lines.Select((l, i) => i == 0 ? l : iso.Replace(l, m => $"\"{int.Parse(m.Groups[2].Value)}/{int.Parse(m.Groups[3].Value)}/{m.Groups[1].Value}\"")).ToArray();
            Assert.NotEqual(lines, rewritten);
            File.WriteAllLines(sheet, rewritten, new UTF8Encoding(true));

            var result = ReviewSheetReader.Read(sheet, diff);

            Assert.NotEmpty(result.Problems);
            Assert.All(result.Problems, p => Assert.Contains("a date in another format", p.Message, StringComparison.Ordinal));
            Assert.DoesNotContain(result.Problems, p => p.Message.Contains("changed since", StringComparison.Ordinal));
        }

        [Theory]
        [InlineData("2019-08-15", "8/15/2019", "a date in another format")]
        [InlineData("2019-08-15", "15/08/2019", "a date in another format")]
        [InlineData("000123", "123", "its leading zeros dropped")]
        [InlineData("+15595551234", "15595551234", "its leading '+' dropped")]
        [InlineData("+15595551234", "1.55956E+10", "a long number in scientific notation")]
        [InlineData("Ana", " Ana", "spaces around it added or removed")]
        [InlineData("Ana", "Anna", null)]
        [InlineData("2019-08-15", "8/16/2019", null)]
        [InlineData("000123", "124", null)]
        [InlineData("", "x", null)]
        public void A_rewrite_is_told_from_an_edit(string expected, string written, string? kind) =>
            Assert.Equal(kind, SpreadsheetReformat.Describe(expected, written));

        // A sheet of the sample district's diff with every applicable row approved.
        private (System.Collections.Generic.IReadOnlyList<StaffChange> Diff, string Sheet) ApprovedSheet()
        {
            var info = SampleDistrictGenerator.Generate(_root, new SampleDistrictOptions { StaffCount = 80, Seed = 7 });
            var contract = ContractLoader.Load(info.ContractPath!);
            var diff = new DiffEngine(contract).Compute(new StaffExtractor(contract).Extract(), SeedTarget.Load(Path.Combine(_root, "titanhst-seed.json"))).Changes;
            var sheet = Path.Combine(_root, "review.csv");
            ReviewSheetWriter.Write(sheet, diff);
            var lines = File.ReadAllLines(sheet, Encoding.UTF8);
            var approved = lines.Select((l, i) => i == 0 || l.Contains("\"Conflict\"", StringComparison.Ordinal) || l.Contains("\"NoChange\"", StringComparison.Ordinal)
                ? l : string.Concat("\"yes\"", l.AsSpan(2))).ToArray();
            File.WriteAllLines(sheet, approved, new UTF8Encoding(true));
            Assert.Empty(ReviewSheetReader.Read(sheet, diff).Problems);
            return (diff, sheet);
        }
    }
}

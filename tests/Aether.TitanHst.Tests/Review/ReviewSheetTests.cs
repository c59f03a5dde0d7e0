using System;
using System.IO;
using System.Linq;
using System.Text;
using Aether.TitanHst.Canonical;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Diff;
using Aether.TitanHst.Review;
using Aether.TitanHst.Sample;
using Aether.TitanHst.Tests.Diff;

namespace Aether.TitanHst.Tests.Review
{
    public class ReviewSheetTests
    {
        [Theory]
        [InlineData("=1+1", "'=1+1")]
        [InlineData("+15595551234", "'+15595551234")]
        [InlineData("-x", "'-x")]
        [InlineData("@SUM(A1)", "'@SUM(A1)")]
        [InlineData("'quoted", "''quoted")]
        [InlineData("plain", "plain")]
        [InlineData("", "")]
        public void Cells_are_formula_safe_and_decode_to_the_value_itself(string value, string cell)
        {
            Assert.Equal(cell, ReviewSheetLayout.EncodeCell(value));
            Assert.Equal(value, ReviewSheetLayout.DecodeCell(ReviewSheetLayout.EncodeCell(value)));
        }

        [Fact]
        public void An_id_whose_leading_zeros_the_spreadsheet_dropped_is_named_as_a_spreadsheet_rewrite()
        {
            // Join keys kept as written: Ana's HR key stays 00123, and Excel, reading the sheet, writes 123.
            using var d = new TempDistrict();
            d.EditContract("\"normalize\": [\"trim\", \"stripLeadingZeros\", \"upper\"]", "\"normalize\": [\"trim\", \"upper\"]");
            var contract = ContractLoader.Load(d.ContractPath);
            var diff = new DiffEngine(contract).Compute(new StaffExtractor(contract).Extract(), Array.Empty<Aether.TitanHst.Target.TargetStaffRecord>()).Changes;
            Assert.Contains(diff, c => c.ExternalId == "00123");
            var sheet = d.PathOf("review.csv");
            ReviewSheetWriter.Write(sheet, diff);
            var lines = File.ReadAllLines(sheet, Encoding.UTF8);
            var at = Array.FindIndex(lines, l => l.Contains("\"00123\"", StringComparison.Ordinal));
            lines[at] = string.Concat("\"yes\"", lines[at].AsSpan(2)).Replace("\"00123\"", "\"123\"", StringComparison.Ordinal);
            File.WriteAllLines(sheet, lines, new UTF8Encoding(true));

            var problem = Assert.Single(ReviewSheetReader.Read(sheet, diff).Problems);
            Assert.Equal(at + 1, problem.Line);
            Assert.Equal(ReviewSheetLayout.ExternalId, problem.Field);
            Assert.Contains("leading zeros dropped", problem.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Every_applicable_row_approved_gives_back_exactly_the_diffs_applicable_changes()
        {
            var root = Path.Combine(Path.GetTempPath(), "titanhst-tests", Guid.NewGuid().ToString("N"));
            try
            {
                var info = SampleDistrictGenerator.Generate(root, new SampleDistrictOptions { StaffCount = 80, Seed = 7 });
                var contract = ContractLoader.Load(info.ContractPath!);
                var diff = new DiffEngine(contract).Compute(new StaffExtractor(contract).Extract(), SeedTarget.Load(Path.Combine(root, "titanhst-seed.json"))).Changes;
                var sheet = Path.Combine(root, "sub", "review.csv");
                var written = ReviewSheetWriter.Write(sheet, diff);
                Assert.Equal(diff.Count(c => c.GetAction() != ChangeAction.NoChange), written);
                Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, File.ReadAllBytes(sheet).Take(3).ToArray());
                if (!OperatingSystem.IsWindows())
                {
                    // Names, e-mails and phones: owner-only like the plans (it was written with the umask's 0644).
                    Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(sheet));
                }

                // Approve every row but the conflicts, as a reviewer in Excel would (phone numbers start with '+').
                var lines = File.ReadAllLines(sheet, Encoding.UTF8);
                var approved = lines.Select((l, i) => i == 0 || l.Contains("\"Conflict\"", StringComparison.Ordinal) || l.Contains("\"NoChange\"", StringComparison.Ordinal)
                    ? l : string.Concat("\"yes\"", l.AsSpan(2))).ToArray();
                File.WriteAllLines(sheet, approved, new UTF8Encoding(true));

                var result = ReviewSheetReader.Read(sheet, diff);
                Assert.Empty(result.Problems);
                Assert.Equal(diff.Where(c => c.GetAction() is not (ChangeAction.Conflict or ChangeAction.NoChange)), result.Approved);
                Assert.Contains(lines, l => l.Contains("\"'+", StringComparison.Ordinal));
            }
            finally
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }
}

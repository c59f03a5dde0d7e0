using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Aether.TitanHst.Canonical;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Diff;
using Aether.TitanHst.Errors;
using Aether.TitanHst.Review;
using Aether.TitanHst.Sample;
using Aether.TitanHst.Tests.BadInput;
using Aether.TitanHst.Tests.Diff;
using CsCheck;

namespace Aether.TitanHst.Tests.Review
{
    /// <summary>
    /// Any edit of a reviewed sheet (delimiters, quotes, line breaks, approve words, bytes that are not UTF-8 put
    /// in, bytes cut) imported against its diff ends in an error naming the file and a line, or in an import whose
    /// every problem names them: never another exception. And an import without problems approves only changes
    /// whose rows said "yes": rows that said "no" (which no single edit turns into a yes) never come out approved.
    /// </summary>
    public sealed class ReviewSheetPropertyTests : IDisposable
    {
        private readonly string _root = Path.Combine(Path.GetTempPath(), "titanhst-tests", "review-property-" + Guid.NewGuid().ToString("N"));

        public void Dispose()
        {
            try
            {
                Directory.Delete(_root, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        [Fact]
        public void Any_edit_of_a_review_sheet_is_refused_by_file_and_line_or_approves_only_rows_that_said_yes()
        {
            var info = SampleDistrictGenerator.Generate(_root, new SampleDistrictOptions { StaffCount = 30, Seed = 7 });
            var contract = ContractLoader.Load(info.ContractPath!);
            var diff = new DiffEngine(contract).Compute(new StaffExtractor(contract).Extract(), SeedTarget.Load(Path.Combine(_root, "titanhst-seed.json"))).Changes;
            var sheet = Path.Combine(_root, "review.csv");
            ReviewSheetWriter.Write(sheet, diff);

            // Three applicable rows in four say "yes"; the rest (and every conflict) say "no".
            var lines = File.ReadAllLines(sheet, Encoding.UTF8);
            var yes = new List<int>();
            for (var i = 1; i < lines.Length; i++)
            {
                var applicable = !lines[i].Contains("\"Conflict\"", StringComparison.Ordinal) && !lines[i].Contains("\"NoChange\"", StringComparison.Ordinal);
                Assert.StartsWith("\"\",", lines[i], StringComparison.Ordinal);
                var approve = applicable && i % 4 != 0;
                lines[i] = string.Concat(approve ? "\"yes\"" : "\"no\"", lines[i].AsSpan(2));
                if (approve)
                {
                    yes.Add(i);
                }
            }

            File.WriteAllText(sheet, string.Join("\r\n", lines) + "\r\n", new UTF8Encoding(true));
            var original = File.ReadAllBytes(sheet);
            var first = ReviewSheetReader.Read(sheet, diff);
            Assert.Empty(first.Problems);
            Assert.Equal(yes.Count, first.Approved.Count);
            Assert.Contains(lines, l => l.Contains("\"Conflict\"", StringComparison.Ordinal));
            var approvedByYes = new HashSet<StaffChange>(first.Approved);

            var (tried, refused) = FileEdit.SampleEdits(FileEdit.OfCsv(original.Length), sheet, original, iter: 1500, "the import", (edit, edited) =>
            {
                ReviewImport result;
                try
                {
                    result = ReviewSheetReader.Read(sheet, diff);
                }
                catch (InputFileException e)
                {
                    Assert.True(e.Line > 0 && e.File == sheet, $"refused without the file and a line ({e.Message}) for {edit.Describe(edited)}");
                    return true;
                }

                foreach (var problem in result.Problems)
                {
                    Assert.True(problem.Line > 0 && problem.File == sheet, $"a problem without the file and a line ({problem.Message}) for {edit.Describe(edited)}");
                }

                var notSaidYes = result.Approved.FirstOrDefault(c => !approvedByYes.Contains(c));
                Assert.True(result.Problems.Count > 0 || notSaidYes is null,
                    $"{notSaidYes?.GetAction()} {notSaidYes?.ExternalId} approved although its row said no, for {edit.Describe(edited)}");
                return result.Problems.Count > 0;
            });

            Assert.True(refused > tried / 4, $"only {refused} of {tried} edits were refused");
        }
    }
}

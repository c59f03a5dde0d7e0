using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Aether.TitanHst.Canonical;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Diff;
using Aether.TitanHst.Review;
using Aether.TitanHst.Sample;
using Aether.TitanHst.Tests.Diff;

namespace Aether.TitanHst.Tests.BadInput.Handlers
{
    /// <summary>
    /// Kind "review": a review sheet exported from a sample district's diff, one row approved and tampered with as
    /// case.json says, read back against the same diff. The expected error id must name that row's CSV line.
    /// </summary>
    /// <remarks>
    /// case.json members: "action" (the kind of change whose first row is used), "approve" (the Approve cell,
    /// default "yes"), "column"/"value" (a cell to overwrite), "duplicate" (true: the row appears twice),
    /// "appendToRow" (raw text appended to the row's line, e.g. an unquoted extra field), "approveLast" (true: the
    /// Approve column moved to the end of every row, as a reviewer may in a text editor), "dropLastField" (true: the
    /// tampered row loses its last field).
    /// </remarks>
    public sealed class ReviewHandler : IBadInputHandler
    {
        public string Kind => "review";

        public void Run(BadInputCase badCase)
        {
            var root = Path.Combine(Path.GetTempPath(), "titanhst-tests", Guid.NewGuid().ToString("N"));
            try
            {
                var info = SampleDistrictGenerator.Generate(root, new SampleDistrictOptions { StaffCount = 80, Seed = 7 });
                var contract = ContractLoader.Load(info.ContractPath!);
                var diff = new DiffEngine(contract).Compute(new StaffExtractor(contract).Extract(), SeedTarget.Load(Path.Combine(root, "titanhst-seed.json"))).Changes;
                var sheet = Path.Combine(root, "review.csv");
                ReviewSheetWriter.Write(sheet, diff);

                var lines = File.ReadAllLines(sheet, Encoding.UTF8).ToList();
                var header = Split(lines[0]);
                var action = badCase.Member("action") ?? "Update";
                var index = lines.FindIndex(1, l => Split(l)[header.IndexOf(ReviewSheetLayout.Action)] == action);
                Assert.True(index > 0, $"{badCase.Name}: the sample diff has no {action}");

                var cells = Split(lines[index]);
                cells[header.IndexOf(ReviewSheetLayout.Approve)] = badCase.Member("approve") ?? "yes";
                var column = badCase.Member("column");
                if (column is not null)
                {
                    var at = header.IndexOf(column);
                    Assert.True(at >= 0, $"{badCase.Name}: the sheet has no column '{column}'");
                    cells[at] = badCase.Member("value") ?? string.Empty;
                }

                if (Flag(badCase, "dropLastField"))
                {
                    cells.RemoveAt(cells.Count - 1);
                }

                lines[index] = Join(cells) + (badCase.Member("appendToRow") ?? string.Empty);
                if (Flag(badCase, "approveLast"))
                {
                    // Every row's Approve cell moved to the end; the tampered row was built with it first, so its
                    // moved cell is the one just set (and, with dropLastField, the row is one field short).
                    var approveAt = header.IndexOf(ReviewSheetLayout.Approve);
                    for (var i = 0; i < lines.Count; i++)
                    {
                        var row = Split(lines[i]);
                        var approveCell = row[approveAt];
                        row.RemoveAt(approveAt);
                        row.Add(approveCell);
                        lines[i] = Join(row);
                    }
                }

                if (badCase.Definition.TryGetProperty("duplicate", out var dup) && dup.GetBoolean())
                {
                    lines.Insert(index + 1, lines[index]);
                }

                File.WriteAllText(sheet, string.Join("\r\n", lines) + "\r\n", new UTF8Encoding(true));
                var result = ReviewSheetReader.Read(sheet, diff);

                var problem = result.Problems.FirstOrDefault(p => p.ErrorId == badCase.ExpectedErrorId);
                Assert.True(problem is not null,
                    $"{badCase.Name}: expected {badCase.ExpectedErrorId}, got [{string.Join(", ", result.Problems.Select(p => p.ErrorId))}] with {result.Approved.Count} approved");
                var expectedLine = badCase.Definition.TryGetProperty("duplicate", out _) ? index + 2 : index + 1;
                Assert.Equal(expectedLine, problem!.Line);
                Assert.Contains($"review.csv:{expectedLine}", problem.Message, StringComparison.Ordinal);
            }
            finally
            {
                try
                {
                    Directory.Delete(root, recursive: true);
                }
                catch (IOException)
                {
                }
            }
        }

        private static bool Flag(BadInputCase badCase, string name) =>
            badCase.Definition.TryGetProperty(name, out var flag) && flag.ValueKind == System.Text.Json.JsonValueKind.True;

        // The writer quotes every cell, so a row splits on the quote-comma-quote between cells.
        private static List<string> Split(string line) =>
            line.Substring(1, line.Length - 2).Split(new[] { "\",\"" }, StringSplitOptions.None).Select(c => c.Replace("\"\"", "\"")).ToList();

        private static string Join(IEnumerable<string> cells) => string.Join(",", cells.Select(c => "\"" + c.Replace("\"", "\"\"") + "\""));
    }
}

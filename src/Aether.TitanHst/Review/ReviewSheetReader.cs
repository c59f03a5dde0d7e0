using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Aether.TitanHst.Diff;
using Aether.TitanHst.Errors;
using Aether.TitanHst.Sources;

namespace Aether.TitanHst.Review
{
    /// <summary>
    /// Reads a reviewed sheet back against a diff: the approved rows become that diff's own changes, and an
    /// approved row that was edited, or whose change the diff no longer holds the same, is refused by its line.
    /// </summary>
    /// <remarks>
    /// The sheet is untrusted: nothing in it is written anywhere. It only selects changes of the diff passed in,
    /// and only when every compared cell (action, person, blocked/held back, each owned field's old and new
    /// value) still equals that change.
    /// </remarks>
    public static class ReviewSheetReader
    {
        // Export-TitanHstReview writes UTF-8; a sheet that is not was saved again by a spreadsheet in another encoding
        // (Excel's "CSV (Comma delimited)" uses the computer's code page, "Unicode Text" UTF-16): a save option fixes it.
        private const string SaveAsUtf8 = "the sheet was saved in another encoding (Excel's 'CSV (Comma delimited)' or 'Unicode Text'); save it as 'CSV UTF-8 (Comma delimited)', or export a new sheet";

        /// <summary>Reads <paramref name="path"/> against <paramref name="diff"/>.</summary>
        /// <exception cref="InputFileException">The file is missing, not UTF-8, or lacks a column the review needs.</exception>
        public static ReviewImport Read(string path, IReadOnlyList<StaffChange> diff)
        {
            try
            {
                return ReadSheet(path, diff);
            }
            catch (InputFileException ex) when (ex.ErrorId == InputErrorIds.SourceEncodingInvalid)
            {
                // The reader's own finding (byte, line) and SaveAsUtf8's advice, under the review's id: no source to set.
                throw new InputFileException(ReviewErrorIds.ReviewSheetNotUtf8, ex.File, ex.Line, ex.Field, ex.Problem, ex);
            }
        }

        private static ReviewImport ReadSheet(string path, IReadOnlyList<StaffChange> diff)
        {
            var delimiter = SniffDelimiter(path);
            var header = ReadHeader(path, delimiter);
            var layout = ReviewSheetLayout.FromHeader(header);
            foreach (var required in new[] { ReviewSheetLayout.Approve, ReviewSheetLayout.Action, ReviewSheetLayout.ExternalId })
            {
                if (!header.Contains(required, StringComparer.OrdinalIgnoreCase))
                {
                    throw new InputFileException(ReviewErrorIds.ReviewColumnMissing, path, 1, required,
                        $"the review sheet has no '{required}' column; export a new one with Export-TitanHstReview");
                }
            }

            var columns = header.ToList();
            var names = header.Select(h => layout.Header.FirstOrDefault(k => string.Equals(k, h, StringComparison.OrdinalIgnoreCase)) ?? h).ToList();
            var byKey = diff.GroupBy(c => c.ExternalId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
            var diffIds = new HashSet<string>(diff.Select(c => c.DiffId), KeyHash.Comparer);
            var approved = new List<StaffChange>();
            var problems = new List<InputFileException>();
            var taken = new HashSet<StaffChange>();
            var rows = 0;

            using var reader = CsvFileReader.Open(path, new CsvFileOptions(TextEncodings.Utf8, delimiter, encodingAdvice: SaveAsUtf8), columns);
            while (reader.Read())
            {
                rows++;
                var cells = new Dictionary<string, string>(StringComparer.Ordinal);
                for (var i = 0; i < columns.Count; i++)
                {
                    cells[names[i]] = reader[i];
                }

                var line = reader.Line;

                // A row whose fields do not line up with the header (one lost or added), or that swallowed the rows
                // after it, cannot say whether it was approved either: with Approve moved to the last column, a row one
                // field short read as blank and an approval vanished unnoticed. Only a row with nothing in it is passed over.
                if ((reader.RowsSwallowed || reader.FieldCount != reader.Header.Count) && reader.RowProblem is not null && cells.Values.Any(v => v.Trim().Length > 0))
                {
                    problems.Add(Problem(ReviewErrorIds.ReviewRowEdited, path, line, string.Empty, reader.RowProblem));
                    continue;
                }

                var approve = ReviewSheetLayout.ParseApprove(cells[ReviewSheetLayout.Approve]);
                if (approve is null)
                {
                    problems.Add(Problem(ReviewErrorIds.ReviewApproveInvalid, path, line, ReviewSheetLayout.Approve,
                        $"'{Shorten(cells[ReviewSheetLayout.Approve])}' is neither yes nor no; write yes (or x) to approve, leave it blank or write no otherwise"));
                    continue;
                }

                if (approve == false)
                {
                    continue;
                }

                if (reader.RowProblem is not null)
                {
                    problems.Add(Problem(ReviewErrorIds.ReviewRowEdited, path, line, string.Empty, reader.RowProblem));
                    continue;
                }

                var externalId = cells[ReviewSheetLayout.ExternalId];
                var action = cells[ReviewSheetLayout.Action];
                var fromThisDiff = cells.TryGetValue(ReviewSheetLayout.DiffId, out var sheetDiff) && diffIds.Contains(sheetDiff);
                var candidates = byKey.TryGetValue(externalId, out var list) ? list : new List<StaffChange>();
                var change = candidates.FirstOrDefault(c => string.Equals(c.GetAction().ToString(), action, StringComparison.OrdinalIgnoreCase));
                if (change is null && candidates.Count == 0 && fromThisDiff && ReformattedKey(byKey.Keys, externalId) is { } rewrite)
                {
                    // The spreadsheet rewrote the id's form (0010028 -> 10028): the person is in the diff, the row is not edited.
                    problems.Add(Problem(ReviewErrorIds.ReviewRowEdited, path, line, ReviewSheetLayout.ExternalId, Reformatted(rewrite)));
                    continue;
                }

                if (change is null)
                {
                    problems.Add(fromThisDiff
                        ? Problem(ReviewErrorIds.ReviewRowEdited, path, line, candidates.Count == 0 ? ReviewSheetLayout.ExternalId : ReviewSheetLayout.Action,
                            "the diff this sheet was exported from holds no such change; the action or the person's id was edited")
                        : Problem(ReviewErrorIds.ReviewRowStale, path, line, ReviewSheetLayout.Action,
                            candidates.Count == 0
                                ? "the diff no longer holds a change for this person; export a new review sheet"
                                : $"the diff now holds a {candidates[0].GetAction()} for this person, not a {Shorten(action)}; export a new review sheet"));
                    continue;
                }

                var mismatch = FirstMismatch(layout, change, cells, out var want, out var written);
                if (mismatch is not null && SpreadsheetReformat.Describe(want, written) is { } reformatted)
                {
                    // Not an edit of what the row says, and not a newer diff: the spreadsheet rewrote the value's form.
                    problems.Add(Problem(fromThisDiff ? ReviewErrorIds.ReviewRowEdited : ReviewErrorIds.ReviewRowStale, path, line, mismatch, Reformatted(reformatted)));
                    continue;
                }

                if (mismatch is not null)
                {
                    problems.Add(fromThisDiff
                        ? Problem(ReviewErrorIds.ReviewRowEdited, path, line, mismatch,
                            "the value was edited in the sheet; a review approves or not, it never changes what is written (fix the sources, or TitanHST, and run a new diff)")
                        : Problem(ReviewErrorIds.ReviewRowStale, path, line, mismatch,
                            "the change no longer matches the diff (the sources or TitanHST changed since the sheet was exported); export a new review sheet"));
                    continue;
                }

                if (change.GetAction() is ChangeAction.Conflict or ChangeAction.NoChange)
                {
                    problems.Add(Problem(ReviewErrorIds.ReviewRowNotApplicable, path, line, ReviewSheetLayout.Approve,
                        $"a {change.GetAction()} is never applied; clear its Approve cell (a conflict is fixed in the sources)"));
                    continue;
                }

                if (!taken.Add(change))
                {
                    problems.Add(Problem(ReviewErrorIds.ReviewRowDuplicate, path, line, ReviewSheetLayout.ExternalId,
                        "this change is approved on an earlier row too; keep one row per change"));
                    continue;
                }

                approved.Add(change);
            }

            return new ReviewImport(path, rows, approved, problems);
        }

        /// <summary>The first compared column whose cell differs from the change (or is missing from the sheet), or null.</summary>
        private static string? FirstMismatch(ReviewSheetLayout sheetLayout, StaffChange change, Dictionary<string, string> cells, out string want, out string written)
        {
            written = string.Empty;
            // Compare in the layout the diff gives this change too, so a column deleted from the sheet is caught.
            var expected = ReviewSheetLayout.For(new[] { change }).Compared(change);
            var sheetValues = sheetLayout.Compared(change);
            foreach (var column in expected.Keys.Union(sheetValues.Keys))
            {
                want = expected.TryGetValue(column, out var e) ? e : sheetValues[column];
                if (!cells.TryGetValue(column, out var cell))
                {
                    if (want.Length == 0)
                    {
                        continue;
                    }

                    written = string.Empty;
                    return column;
                }

                var value = written = ReviewSheetLayout.DecodeCell(cell);
                var same = column is ReviewSheetLayout.Blocked or ReviewSheetLayout.HeldBack or ReviewSheetLayout.Action or ReviewSheetLayout.Risk
                    ? string.Equals(value.Trim(), want, StringComparison.OrdinalIgnoreCase)
                    : string.Equals(value, want, StringComparison.Ordinal);
                if (!same)
                {
                    return column;
                }
            }

            want = string.Empty;
            return null;
        }

        private static InputFileException Problem(string id, string path, int line, string field, string problem) =>
            new(id, path, line, field, problem);

        private static string Reformatted(string rewrite) =>
            $"the spreadsheet changed how this value is written ({rewrite}), and the review compares values exactly; open the exported sheet with Data > From Text/CSV and every column as Text (or approve in a text editor), then save it as 'CSV UTF-8'";

        // The rewrite that turned one of the diff's ids into the one written, or null; read only for a row whose id the diff does not hold.
        private static string? ReformattedKey(IEnumerable<string> keys, string written)
        {
            foreach (var key in keys)
            {
                if (SpreadsheetReformat.Describe(key, written) is { } rewrite)
                {
                    return rewrite;
                }
            }

            return null;
        }

        private static string Shorten(string value) => value.Length <= 20 ? value : value.Substring(0, 20) + "…";

        /// <summary>Excel in some regions saves CSV with semicolons; the header line says which.</summary>
        private static string SniffDelimiter(string path)
        {
            InputFiles.RequireFile(path, "file not found", InputPathOrigin.CommandLine);

            using var stream = File.OpenRead(path);
            using var text = new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
            var first = text.ReadLine() ?? string.Empty;
            return first.Contains(ReviewSheetLayout.Approve + ";") || (first.Count(c => c == ';') > first.Count(c => c == ',')) ? ";" : ",";
        }

        private static IReadOnlyList<string> ReadHeader(string path, string delimiter)
        {
            using var probe = CsvFileReader.Open(path, new CsvFileOptions(TextEncodings.Utf8, delimiter, encodingAdvice: SaveAsUtf8), Array.Empty<string>());
            return probe.Header;
        }
    }
}

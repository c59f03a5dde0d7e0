using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Aether.TitanHst.Diff;
using Aether.TitanHst.Reporting;

namespace Aether.TitanHst.Review
{
    /// <summary>
    /// The columns of a review sheet and how one change becomes one row: the columns the import compares (action,
    /// person, every owned field's old and new value, blocked/held back) and the ones that only explain.
    /// </summary>
    /// <remarks>
    /// Field values are written neutralized against spreadsheet formulas with an apostrophe that is always added
    /// to a value starting with a formula character or an apostrophe, so it can be taken off again without
    /// guessing: the import compares the values the diff holds, not their spreadsheet-safe form.
    /// </remarks>
    public sealed class ReviewSheetLayout
    {
        public const string Approve = "Approve";
        public const string Action = "Action";
        public const string ExternalId = "ExternalId";
        public const string DisplayName = "DisplayName";
        public const string Site = "Site";
        public const string Role = "Role";
        public const string Risk = "Risk";
        public const string Blocked = "Blocked";
        public const string HeldBack = "HeldBack";
        public const string BlockReason = "BlockReason";
        public const string Explanation = "Explanation";
        public const string Sources = "Sources";
        public const string DiffId = "DiffId";

        private ReviewSheetLayout(IReadOnlyList<string> fields)
        {
            Fields = fields;
            var header = new List<string> { Approve, Action, ExternalId, DisplayName, Site, Role, Risk, Blocked, HeldBack, BlockReason };
            foreach (var field in fields)
            {
                header.Add(OldColumn(field));
                header.Add(NewColumn(field));
            }

            header.AddRange(new[] { Explanation, Sources, DiffId });
            Header = header;
        }

        /// <summary>The owned fields that have columns, in the order they first appear in the changes.</summary>
        public IReadOnlyList<string> Fields { get; }

        public IReadOnlyList<string> Header { get; }

        /// <summary>The layout for these changes: one old/new column pair per owned field any of them touches.</summary>
        public static ReviewSheetLayout For(IEnumerable<StaffChange> changes)
        {
            var fields = new List<string>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var change in changes)
            {
                foreach (var name in change.GetDesiredFields().Keys.Concat(change.GetFieldChanges().Select(f => f.Field)))
                {
                    if (seen.Add(name))
                    {
                        fields.Add(name);
                    }
                }
            }

            return new ReviewSheetLayout(fields);
        }

        /// <summary>The layout a sheet's header describes (its field columns are the "X (old)"/"X (new)" pairs).</summary>
        public static ReviewSheetLayout FromHeader(IReadOnlyList<string> header)
        {
            var fields = header
                .Where(h => h.EndsWith(" (old)", StringComparison.Ordinal))
                .Select(h => h.Substring(0, h.Length - " (old)".Length))
                .ToList();
            return new ReviewSheetLayout(fields);
        }

        public static string OldColumn(string field) => field + " (old)";

        public static string NewColumn(string field) => field + " (new)";

        /// <summary>The cells of one change, in <see cref="Header"/> order; the Approve cell is empty.</summary>
        public IReadOnlyList<string> Row(StaffChange change)
        {
            var compared = Compared(change);
            var row = new List<string>(Header.Count);
            foreach (var column in Header)
            {
                row.Add(column switch
                {
                    Approve => string.Empty,
                    Explanation => change.Explanation,
                    Sources => SpreadsheetSafe.Text(change.Sources) ?? string.Empty,
                    DiffId => change.DiffId,
                    BlockReason => SpreadsheetSafe.Text(change.BlockReason) ?? string.Empty,
                    _ => EncodeCell(compared[column]),
                });
            }

            return row;
        }

        /// <summary>
        /// The values the import compares, by column, as the diff holds them (not spreadsheet-safe): a field a change
        /// does not touch has empty old and new values; a Create has only new values.
        /// </summary>
        public IReadOnlyDictionary<string, string> Compared(StaffChange change)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [Action] = change.GetAction().ToString(),
                [ExternalId] = change.ExternalId,
                [DisplayName] = DecodeCell(change.DisplayName ?? string.Empty),
                [Site] = DecodeCell(change.Site ?? string.Empty),
                [Role] = DecodeCell(change.Role ?? string.Empty),
                [Risk] = change.GetRisk().ToString(),
                [Blocked] = change.Blocked ? "True" : "False",
                [HeldBack] = change.HeldBack ? "True" : "False",
            };
            foreach (var field in Fields)
            {
                values[OldColumn(field)] = string.Empty;
                values[NewColumn(field)] = string.Empty;
            }

            var changed = change.GetFieldChanges();
            if (changed.Count > 0)
            {
                foreach (var f in changed)
                {
                    values[OldColumn(f.Field)] = f.Old ?? string.Empty;
                    values[NewColumn(f.Field)] = f.New ?? string.Empty;
                }
            }
            else
            {
                foreach (var pair in change.GetDesiredFields())
                {
                    values[NewColumn(pair.Key)] = pair.Value ?? string.Empty;
                }
            }

            return values;
        }

        /// <summary>The columns the import compares, in header order.</summary>
        public IEnumerable<string> ComparedColumns =>
            Header.Where(h => h is not (Approve or Explanation or Sources or DiffId or BlockReason));

        /// <summary>Spreadsheet-safe form of a value: an apostrophe before a formula character or an apostrophe.</summary>
        public static string EncodeCell(string value) =>
            value.Length > 0 && (value[0] == '\'' || SpreadsheetSafe.Text(value) != value) ? "'" + value : value;

        /// <summary>The value behind <see cref="EncodeCell"/>'s form (one leading apostrophe taken off).</summary>
        public static string DecodeCell(string cell) => cell.Length > 0 && cell[0] == '\'' ? cell.Substring(1) : cell;

        /// <summary>Reads an Approve cell: true for yes, false for no or blank, null when it is neither.</summary>
        public static bool? ParseApprove(string cell)
        {
            var text = cell.Trim().ToLowerInvariant();
            return text switch
            {
                "" or "no" or "n" or "false" or "0" or "-" => false,
                "yes" or "y" or "true" or "1" or "x" or "approve" or "approved" or "ok" => true,
                _ => null,
            };
        }

        internal static string Count(int n, string noun) => n.ToString(CultureInfo.InvariantCulture) + " " + noun + (n == 1 ? string.Empty : "s");
    }
}

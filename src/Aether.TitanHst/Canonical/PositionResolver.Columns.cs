using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Normalization;
using Aether.TitanHst.Positions;

namespace Aether.TitanHst.Canonical
{
    /// <summary>Reading one position row's columns (current flag, FTE, dates, site and role codes) through the contract's rules and the shared-value memos, with an issue naming the row and column for what cannot be read.</summary>
    internal sealed partial class PositionResolver
    {
        /// <summary>Reads one row; false (with an issue) when something in it cannot be read.</summary>
        [MethodImpl(Hot.Path)]
        private bool Read(PositionRow p, PositionColumnMemos memos, string key, DateTime asOf, List<ExtractIssue> issues)
        {
            var from = p.Source;
            var row = p.Row;
            if (from.Status is { } status)
            {
                p.Current = IsOneOf(status, memos.Status, row, from.CurrentStatuses);
            }

            var ok = true;
            p.Start = Date(from.Start, memos.Start, p, key, issues, ref ok);
            var end = Date(from.End, memos.End, p, key, issues, ref ok);
            if (!ok)
            {
                return false;
            }

            if (p.Start > asOf.Date || end < asOf.Date)
            {
                // Not begun yet, or ended (the end date is the last day worked): not an assignment today.
                p.Current = false;
            }

            if (!p.Current)
            {
                // An ended position is not read further: its old codes or FTE must not stop anyone.
                return true;
            }

            if (from.Fte is { } fteColumn && !Fte(fteColumn, memos.Fte, p, key, issues))
            {
                return false;
            }

            if (from.PrimaryFlag is { } flag)
            {
                p.Flagged = IsOneOf(flag, memos.Flag, row, from.PrimaryValues);
            }

            var site = Code(from.Site, memos.Site, p, key, issues);
            var role = Code(from.Role, memos.Role, p, key, issues);
            if (site is null || role is null)
            {
                return false;
            }

            p.SetCodes(site, role, _texts.SlotOf(site, role));
            return true;
        }

        /// <summary>Whether the row's value of <paramref name="column"/>, its rules run and trimmed, is one of <paramref name="values"/> (case ignored).</summary>
        [MethodImpl(Hot.Path)]
        private bool IsOneOf(PositionColumn column, SharedValueMemo<bool> memo, SourceRow row, IReadOnlyCollection<string> values)
        {
            if (!memo.TryGet(row, column.Ordinal, out var entry, out var known))
            {
                var value = Apply(column, row[column.Ordinal], entry, out _)?.Trim() ?? string.Empty;
                known = values.Contains(value, StringComparer.OrdinalIgnoreCase);
                memo.Remember(entry, known);
            }

            return known;
        }

        /// <summary>Sets the position's FTE (none when blank); false, with an issue, when it is not a number in (0, 1].</summary>
        [MethodImpl(Hot.Path)]
        private bool Fte(PositionColumn column, SharedValueMemo<decimal?> memo, PositionRow p, string key, List<ExtractIssue> issues)
        {
            if (memo.TryGet(p.Row, column.Ordinal, out var entry, out var known))
            {
                p.Fte = known;
                return true;
            }

            var raw = p.Row[column.Ordinal];
            if (!string.IsNullOrWhiteSpace(raw))
            {
                var text = Apply(column, raw, entry, out var outcome);
                if (outcome != RuleOutcomeKind.Value || !decimal.TryParse(text?.Trim(), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out var fte))
                {
                    issues.Add(Issue(ExtractErrorIds.PositionFteInvalid, p, column.Column, key, $"{_field.Name}: the FTE '{Clip(raw)}' is not a number such as 0.5"));
                    return false;
                }

                if (fte <= 0m || fte > 1m)
                {
                    issues.Add(Issue(ExtractErrorIds.PositionFteInvalid, p, column.Column, key, $"{_field.Name}: the FTE {Assignment.FormatFte(fte)} is not between 0 (excluded) and 1"));
                    return false;
                }

                p.Fte = fte;
            }

            memo.Remember(entry, p.Fte);
            return true;
        }

        [MethodImpl(Hot.Path)]
        private DateTime? Date(PositionColumn? column, SharedValueMemo<DateTime?> memo, PositionRow p, string key, List<ExtractIssue> issues, ref bool ok)
        {
            if (column is null)
            {
                return null;
            }

            if (memo.TryGet(p.Row, column.Ordinal, out var entry, out var known))
            {
                return known;
            }

            // Read once: a value the row store keeps as bytes becomes a new string at every read.
            var raw = p.Row[column.Ordinal];
            if (string.IsNullOrWhiteSpace(raw))
            {
                memo.Remember(entry, null);
                return null;
            }

            var text = Apply(column, raw, entry, out var outcome);
            if (outcome == RuleOutcomeKind.Value && IsoDate.TryParse(text, DateTimeStyles.None, out var date))
            {
                memo.Remember(entry, date);
                return date;
            }

            ok = false;
            issues.Add(Issue(ExtractErrorIds.PositionDateInvalid, p, column.Column, key,
                $"{_field.Name}: the date '{Clip(raw)}' cannot be read (rules: {column.Rules}), so it is unknown whether the position is current"));
            return null;
        }

        [MethodImpl(Hot.Path)]
        private string? Code(PositionColumn column, SharedValueMemo<string> memo, PositionRow p, string key, List<ExtractIssue> issues)
        {
            if (memo.TryGet(p.Row, column.Ordinal, out var entry, out var known))
            {
                return known;
            }

            var raw = p.Row[column.Ordinal];
            if (string.IsNullOrWhiteSpace(raw))
            {
                issues.Add(Issue(ExtractErrorIds.PositionCodeInvalid, p, column.Column, key, $"{_field.Name}: the position has no {column.Column}"));
                return null;
            }

            var outcome = _memo.Apply(column.Rules, UnsafeCharacters.Strip(raw), remember: entry < 0);
            if (outcome.Kind != RuleOutcomeKind.Value || outcome.Value.Length == 0)
            {
                var issue = Issue(outcome.IsUnmappedCode ? ExtractErrorIds.CodeUnmapped : ExtractErrorIds.PositionCodeInvalid, p, column.Column, key,
                    $"{_field.Name}: {(outcome.IsUnmappedCode ? outcome.Reason : $"'{Clip(raw)}' {outcome.Reason}")}");
                if (outcome.IsUnmappedCode)
                {
                    issue.Code = outcome.Value;
                }

                issues.Add(issue);
                return null;
            }

            if (!AssignmentSet.IsValidCode(outcome.Value))
            {
                issues.Add(Issue(ExtractErrorIds.PositionCodeInvalid, p, column.Column, key,
                    $"{_field.Name}: the code '{Clip(outcome.Value)}' holds white space or one of / ; * @, which no TitanHST code may"));
                return null;
            }

            memo.Remember(entry, outcome.Value);
            return outcome.Value;
        }

        /// <summary>
        /// The column's rules run on <paramref name="raw"/>; the rule memo is skipped for a shared value
        /// (<paramref name="entry"/> of 0 and above), whose outcome the caller's <see cref="SharedValueMemo{T}"/> keeps.
        /// </summary>
        [MethodImpl(Hot.Path)]
        private string? Apply(PositionColumn column, string raw, int entry, out RuleOutcomeKind kind)
        {
            var outcome = _memo.Apply(column.Rules, UnsafeCharacters.Strip(raw), remember: entry < 0);
            kind = outcome.Kind;
            return outcome.Value;
        }

        private static string Clip(string value) => value.Length > 40 ? value.Substring(0, 40) + "…" : value;

        [MethodImpl(Hot.Path)]
        private ExtractIssue Issue(string id, PositionRow p, string column, string key, string message)
        {
            var source = _contract.Sources[p.Row.SourceIndex];
            return new ExtractIssue(IssueSeverity.Error, id, source.Name, source.Path, p.Row.Line, column, _field.Name, key, message);
        }
    }
}

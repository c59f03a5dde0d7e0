using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Normalization;
using Aether.TitanHst.Positions;

namespace Aether.TitanHst.Canonical
{
    /// <summary>What a person's position rows give: the assignments, which row of each source is the primary's, and where each came from.</summary>
    internal sealed class PositionOutcome
    {
        internal PositionOutcome(AssignmentSet? assignments, SourceRow?[] scalarRows, IReadOnlyDictionary<string, IReadOnlyList<SourceRowReference>> sources)
        {
            Assignments = assignments;
            ScalarRows = scalarRows;
            Sources = sources;
        }

        /// <summary>Null when a position row could not be read with confidence (the issues say why).</summary>
        internal AssignmentSet? Assignments { get; }

        /// <summary>Per source index: the row other fields are read from (the primary position's row when the source has it); null when the source has no row.</summary>
        internal SourceRow?[] ScalarRows { get; }

        /// <summary>Per assignment slot (SITE/ROLE): the source rows it was built from.</summary>
        internal IReadOnlyDictionary<string, IReadOnlyList<SourceRowReference>> Sources { get; }
    }

    /// <summary>
    /// Turns a person's position rows into assignments (decision 0011): each current row's site and role through the
    /// contract's rules, rows with the same site and role merged, the primary chosen by the contract's primary rule.
    /// A row that cannot be read (a bad FTE, a date that does not parse, an unmapped code, two primaries) fails the
    /// whole person: a guess at someone's jobs is worse than none.
    /// </summary>
    internal sealed class PositionResolver
    {
        /// <summary>What a position date must read as once its rules ran.</summary>
        private static readonly DateFormats IsoDate = new(new[] { "yyyy-MM-dd" });

        private readonly MappingContract _contract;
        private readonly FieldDefinition _field;
        private readonly PositionsDefinition _positions;
        private readonly RuleMemo _memo;
        private readonly PrimaryRank _rank;
        private readonly int[] _positionKeyOrdinals;

        // Scratch lists, cleared per person: one extraction builds one person at a time, and these were most of
        // the resolver's allocations (and the collections they triggered) at 100k staff.
        private readonly List<Position> _all = new();
        private readonly List<Position> _current = new();
        private readonly List<Position> _ranked = new();
        private readonly List<string> _slots = new();
        private readonly List<Position> _members = new();

        internal PositionResolver(MappingContract contract, FieldDefinition field, RuleMemo memo)
        {
            _contract = contract;
            _field = field;
            _positions = field.Positions!;
            _memo = memo;
            _rank = new PrimaryRank(_positions.Primary);
            _positionKeyOrdinals = _positions.From.Select(from => contract.Sources[from.SourceIndex].PositionKeyColumn is { } column
                ? SourceRowReader.IndexOf(contract.Sources[from.SourceIndex].Columns, column)
                : -1).ToArray();
        }

        private sealed class Position
        {
            internal Position(PositionSource source, SourceRow row, string? positionKey)
            {
                Source = source;
                Row = row;
                PositionKey = positionKey;
            }

            internal PositionSource Source { get; }

            internal SourceRow Row { get; }

            internal string? PositionKey { get; }

            internal bool Current { get; set; } = true;

            internal string Site { get; private set; } = string.Empty;

            internal string Role { get; private set; } = string.Empty;

            /// <summary>"SITE/ROLE", made once when the codes are known.</summary>
            internal string Slot { get; private set; } = "/";

            internal decimal? Fte { get; set; }

            internal bool Flagged { get; set; }

            internal DateTime? Start { get; set; }

            internal void SetCodes(string site, string role)
            {
                Site = site;
                Role = role;
                Slot = site + "/" + role;
            }
        }

        internal PositionOutcome Resolve(string key, IReadOnlyList<SourceRow>[] rowsBySource, DateTime asOf, List<ExtractIssue> issues)
        {
            var failed = false;
            var positions = _all;
            positions.Clear();
            for (var f = 0; f < _positions.From.Count; f++)
            {
                var from = _positions.From[f];
                var keyOrdinal = _positionKeyOrdinals[f];
                var rows = rowsBySource[from.SourceIndex];
                for (var r = 0; r < rows.Count; r++)
                {
                    var row = rows[r];
                    var position = new Position(from, row, keyOrdinal < 0 ? null : row.Values[keyOrdinal].Trim());
                    failed |= !Read(position, key, asOf, issues);
                    positions.Add(position);
                }
            }

            var current = _current;
            current.Clear();
            foreach (var p in positions)
            {
                if (p.Current)
                {
                    current.Add(p);
                }
            }

            // The comparer ends in source and line, a total order, so an unstable sort ranks as OrderBy did.
            var ranked = _ranked;
            ranked.Clear();
            ranked.AddRange(current);
            ranked.Sort(_rank);
            var scalarRows = new SourceRow?[rowsBySource.Length];
            for (var s = 0; s < rowsBySource.Length; s++)
            {
                SourceRow? best = null;
                foreach (var p in ranked)
                {
                    if (p.Row.SourceIndex == s)
                    {
                        best = p.Row;
                        break;
                    }
                }

                scalarRows[s] = best ?? (rowsBySource[s].Count > 0 ? rowsBySource[s][0] : null);
            }

            var sources = new Dictionary<string, IReadOnlyList<SourceRowReference>>(StringComparer.Ordinal);
            if (failed)
            {
                return new PositionOutcome(null, scalarRows, sources);
            }

            if (_positions.Primary.Contains(PrimaryStepKind.Flag))
            {
                string? flaggedSlot = null;
                var twoPrimaries = false;
                foreach (var p in current)
                {
                    if (p.Flagged)
                    {
                        twoPrimaries |= flaggedSlot is not null && !string.Equals(flaggedSlot, p.Slot, StringComparison.Ordinal);
                        flaggedSlot ??= p.Slot;
                    }
                }

                if (twoPrimaries)
                {
                    var flagged = current.Where(p => p.Flagged).ToList();
                    var first = flagged[0];
                    var lines = string.Join(", ", flagged.Select(p => $"{p.Source.Source} line {p.Row.Line}"));
                    issues.Add(Issue(ExtractErrorIds.PositionPrimaryConflict, first, first.Source.PrimaryFlag!.Column, key,
                        $"{_field.Name}: {flagged.Count} current positions are flagged primary ({lines}) for different assignments; the district must say which job is the main one"));
                    return new PositionOutcome(null, scalarRows, sources);
                }
            }

            var primarySlot = ranked.Count == 0 ? null : ranked[0].Slot;
            var assignments = new List<Assignment>(current.Count);
            // Groups by slot in the order each slot first appears, as GroupBy did.
            var slots = _slots;
            slots.Clear();
            foreach (var p in current)
            {
                if (!slots.Contains(p.Slot))
                {
                    slots.Add(p.Slot);
                }
            }

            foreach (var slot in slots)
            {
                var members = _members;
                members.Clear();
                foreach (var p in current)
                {
                    if (string.Equals(p.Slot, slot, StringComparison.Ordinal))
                    {
                        members.Add(p);
                    }
                }

                decimal? fte = null;
                foreach (var p in members)
                {
                    if (p.Fte is { } one)
                    {
                        fte = (fte ?? 0m) + one;
                    }
                }

                if (fte > 1m)
                {
                    var first = members[0];
                    issues.Add(Issue(ExtractErrorIds.PositionFteInvalid, first, first.Source.Fte!.Column, key,
                        $"{_field.Name}: the positions for {slot} ({string.Join(", ", members.Select(p => $"line {p.Row.Line}"))}) add up to an FTE of {Assignment.FormatFte(fte.Value)}, more than 1"));
                    return new PositionOutcome(null, scalarRows, sources);
                }

                assignments.Add(new Assignment(members[0].Site, members[0].Role, slot == primarySlot, fte));
                var references = new SourceRowReference[members.Count];
                for (var m = 0; m < members.Count; m++)
                {
                    references[m] = Reference(members[m].Row);
                }

                sources[slot] = references;
            }

            return new PositionOutcome(AssignmentSet.OfOwned(assignments), scalarRows, sources);
        }

        /// <summary>Reads one row; false (with an issue) when something in it cannot be read.</summary>
        private bool Read(Position p, string key, DateTime asOf, List<ExtractIssue> issues)
        {
            var from = p.Source;
            var row = p.Row;
            if (from.Status is { } status)
            {
                var value = Apply(status, row, out _)?.Trim() ?? string.Empty;
                p.Current = from.CurrentStatuses.Contains(value, StringComparer.OrdinalIgnoreCase);
            }

            var ok = true;
            p.Start = Date(from.Start, p, key, issues, ref ok);
            var end = Date(from.End, p, key, issues, ref ok);
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

            if (from.Fte is { } fteColumn)
            {
                var raw = row.Values[fteColumn.Ordinal];
                if (!string.IsNullOrWhiteSpace(raw))
                {
                    var text = Apply(fteColumn, row, out var outcome);
                    if (outcome != RuleOutcomeKind.Value || !decimal.TryParse(text?.Trim(), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out var fte))
                    {
                        issues.Add(Issue(ExtractErrorIds.PositionFteInvalid, p, fteColumn.Column, key, $"{_field.Name}: the FTE '{Clip(raw)}' is not a number such as 0.5"));
                        return false;
                    }

                    if (fte <= 0m || fte > 1m)
                    {
                        issues.Add(Issue(ExtractErrorIds.PositionFteInvalid, p, fteColumn.Column, key, $"{_field.Name}: the FTE {Assignment.FormatFte(fte)} is not between 0 (excluded) and 1"));
                        return false;
                    }

                    p.Fte = fte;
                }
            }

            if (from.PrimaryFlag is { } flag)
            {
                var value = Apply(flag, row, out _)?.Trim() ?? string.Empty;
                p.Flagged = from.PrimaryValues.Contains(value, StringComparer.OrdinalIgnoreCase);
            }

            var site = Code(from.Site, p, key, issues);
            var role = Code(from.Role, p, key, issues);
            if (site is null || role is null)
            {
                return false;
            }

            p.SetCodes(site, role);
            return true;
        }

        private DateTime? Date(PositionColumn? column, Position p, string key, List<ExtractIssue> issues, ref bool ok)
        {
            if (column is null || string.IsNullOrWhiteSpace(p.Row.Values[column.Ordinal]))
            {
                return null;
            }

            var raw = p.Row.Values[column.Ordinal];
            var text = Apply(column, p.Row, out var outcome);
            if (outcome == RuleOutcomeKind.Value && IsoDate.TryParse(text, DateTimeStyles.None, out var date))
            {
                return date;
            }

            ok = false;
            issues.Add(Issue(ExtractErrorIds.PositionDateInvalid, p, column.Column, key,
                $"{_field.Name}: the date '{Clip(raw)}' cannot be read (rules: {column.Rules}), so it is unknown whether the position is current"));
            return null;
        }

        private string? Code(PositionColumn column, Position p, string key, List<ExtractIssue> issues)
        {
            var raw = p.Row.Values[column.Ordinal];
            if (string.IsNullOrWhiteSpace(raw))
            {
                issues.Add(Issue(ExtractErrorIds.PositionCodeInvalid, p, column.Column, key, $"{_field.Name}: the position has no {column.Column}"));
                return null;
            }

            var outcome = _memo.Apply(column.Rules, UnsafeCharacters.Strip(raw));
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

            return outcome.Value;
        }

        private string? Apply(PositionColumn column, SourceRow row, out RuleOutcomeKind kind)
        {
            var outcome = _memo.Apply(column.Rules, UnsafeCharacters.Strip(row.Values[column.Ordinal]));
            kind = outcome.Kind;
            return outcome.Value;
        }

        private static string Clip(string value) => value.Length > 40 ? value.Substring(0, 40) + "…" : value;

        private SourceRowReference Reference(SourceRow row)
        {
            var source = _contract.Sources[row.SourceIndex];
            return new SourceRowReference(source.Name, source.Path, row.Line);
        }

        private ExtractIssue Issue(string id, Position p, string column, string key, string message)
        {
            var source = _contract.Sources[p.Row.SourceIndex];
            return new ExtractIssue(IssueSeverity.Error, id, source.Name, source.Path, p.Row.Line, column, _field.Name, key, message);
        }

        /// <summary>The primary rule as an order: the first position is the primary (file order settles a full tie).</summary>
        private sealed class PrimaryRank : IComparer<Position>
        {
            private readonly IReadOnlyList<PrimaryStepKind> _steps;

            internal PrimaryRank(IReadOnlyList<PrimaryStepKind> steps) => _steps = steps;

            public int Compare(Position? x, Position? y)
            {
                foreach (var step in _steps)
                {
                    var c = step switch
                    {
                        PrimaryStepKind.Flag => y!.Flagged.CompareTo(x!.Flagged),
                        PrimaryStepKind.HighestFte => Nulls(x!.Fte, y!.Fte, (a, b) => b.CompareTo(a)),
                        PrimaryStepKind.EarliestStart => Nulls(x!.Start, y!.Start, (a, b) => a.CompareTo(b)),
                        _ => Nulls(x!.PositionKey, y!.PositionKey, ComparePositionKeys),
                    };
                    if (c != 0)
                    {
                        return c;
                    }
                }

                var bySource = x!.Row.SourceIndex.CompareTo(y!.Row.SourceIndex);
                return bySource != 0 ? bySource : x.Row.Line.CompareTo(y.Row.Line);
            }

            // A position that does not say (no FTE, no start) ranks after one that does.
            private static int Nulls(string? a, string? b, Func<string, string, int> compare) =>
                a is null || b is null ? (a is null ? (b is null ? 0 : 1) : -1) : compare(a, b);

            private static int Nulls(decimal? a, decimal? b, Func<decimal, decimal, int> compare) =>
                a is null || b is null ? (a is null ? (b is null ? 0 : 1) : -1) : compare(a.Value, b.Value);

            private static int Nulls(DateTime? a, DateTime? b, Func<DateTime, DateTime, int> compare) =>
                a is null || b is null ? (a is null ? (b is null ? 0 : 1) : -1) : compare(a.Value, b.Value);

            private static int ComparePositionKeys(string a, string b) =>
                long.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out var x) && long.TryParse(b, NumberStyles.None, CultureInfo.InvariantCulture, out var y)
                    ? x.CompareTo(y)
                    : string.CompareOrdinal(a, b);
        }
    }
}

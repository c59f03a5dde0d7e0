using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Normalization;
using Aether.TitanHst.Positions;

namespace Aether.TitanHst.Canonical
{
    /// <summary>
    /// Turns a person's position rows into assignments (decision 0011): each current row's site and role through the
    /// contract's rules, rows with the same site and role merged, the primary chosen by the contract's primary rule.
    /// A row that cannot be read (a bad FTE, a date that does not parse, an unmapped code, two primaries) fails the
    /// whole person: a guess at someone's jobs is worse than none.
    /// </summary>
    internal sealed partial class PositionResolver
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
        private readonly List<PositionRow> _all = new();
        private readonly List<PositionRow> _current = new();
        private readonly List<PositionRow> _ranked = new();
        private readonly List<string> _slots = new();
        private readonly List<PositionRow> _members = new();
        private readonly List<PositionRow> _pool = new();
        private readonly List<AssignmentEntry> _entries = new();
        private readonly List<int> _slotRows = new();
        private readonly PositionOutcome _outcome = new();
        private readonly AssignmentTexts _texts = new();

        // Per position source, what its columns' repeated values read as (most positions share a handful of sites,
        // job classes, FTEs and dates): each is parsed and mapped once per extraction, not once per row.
        private readonly PositionColumnMemos[] _memos;

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
            _memos = _positions.From.Select(_ => new PositionColumnMemos()).ToArray();
        }

        [MethodImpl(Hot.Path)]
        internal PositionOutcome Resolve(string key, IReadOnlyList<SourceRow>[] rowsBySource, DateTime asOf, List<ExtractIssue> issues)
        {
            var outcome = _outcome;
            outcome.Reset(rowsBySource.Length);
            var failed = false;
            var positions = _all;
            positions.Clear();
            var pooled = 0;
            for (var f = 0; f < _positions.From.Count; f++)
            {
                var from = _positions.From[f];
                var keyOrdinal = _positionKeyOrdinals[f];
                var rows = rowsBySource[from.SourceIndex];
                for (var r = 0; r < rows.Count; r++)
                {
                    var row = rows[r];
                    if (pooled == _pool.Count)
                    {
                        _pool.Add(new PositionRow());
                    }

                    var position = _pool[pooled++];
                    position.Reset(from, row, keyOrdinal);
                    failed |= !Read(position, _memos[f], key, asOf, issues);
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
            var scalarRows = outcome.ScalarRows;
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

            if (failed)
            {
                return outcome;
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
                    return outcome;
                }
            }

            var primarySlot = ranked.Count == 0 ? null : ranked[0].Slot;
            var entries = _entries;
            entries.Clear();
            var slotRows = _slotRows;
            slotRows.Clear();
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

            for (var s = 0; s < slots.Count; s++)
            {
                var slot = slots[s];
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
                    return outcome;
                }

                entries.Add(new AssignmentEntry(members[0].Site, members[0].Role, slot, slot == primarySlot, fte));
                foreach (var m in members)
                {
                    slotRows.Add(s);
                    slotRows.Add(m.Row.SourceIndex);
                    slotRows.Add(m.Row.Line);
                }
            }

            // Slots are distinct, so an unstable sort orders as AssignmentSet's sort did.
            entries.Sort(AssignmentEntry.CanonicalOrder);
            AssignmentEntry? primary = null;
            foreach (var entry in entries)
            {
                if (entry.Primary)
                {
                    primary = entry;
                    break;
                }
            }

            outcome.Resolve(_texts.Format(entries), primary?.Site, primary?.Role, _texts.SlotList(slots), slotRows);
            return outcome;
        }

        /// <summary>Lets go of the last person's rows (each a view of its whole export's rows), kept by the pooled positions and the outcome.</summary>
        [MethodImpl(Hot.Path)]
        internal void ForgetRows()
        {
            // The last person's positions are the pool's first ones; the rest were let go of before.
            for (var i = 0; i < _pool.Count && _pool[i].HasRow; i++)
            {
                _pool[i].Forget();
            }

            _outcome.ForgetRows();
        }

    }
}

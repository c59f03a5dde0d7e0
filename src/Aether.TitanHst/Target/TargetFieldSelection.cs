using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace Aether.TitanHst.Target
{
    /// <summary>
    /// Some fields of a <see cref="TargetTable"/>'s rows by name (the contract's owned fields, its scope fields),
    /// each name's position found once per layout, so reading a row's field is an array read, not a name lookup.
    /// </summary>
    internal sealed class TargetFieldSelection
    {
        private readonly TargetTable _table;
        private readonly string[] _names;
        private readonly List<int[]?> _positions = new();
        private int[] _starts = new int[32];
        private uint[] _openCells = Array.Empty<uint>();
        private int _openOffset;
        private byte[]? _openText;
        private int _openTextOffset;
        private int[] _openPositions = Array.Empty<int>();

        internal TargetFieldSelection(TargetTable table, IReadOnlyList<string> names)
        {
            _table = table;
            _names = new string[names.Count];
            for (var i = 0; i < _names.Length; i++)
            {
                _names[i] = names[i];
            }
        }

        internal int Count => _names.Length;

        /// <summary>The value of selected field <paramref name="field"/> in a row, or null when the row has no such field.</summary>
        internal string? Value(int row, int field)
        {
            var layoutId = _table.LayoutIdOf(row);
            if (layoutId < 0)
            {
                return _table.Whole(row)![_names[field]];
            }

            var position = Positions(layoutId)[field];
            return position < 0 ? null : _table.FieldText(row, position);
        }

        /// <summary><see cref="Diff.FieldValues.Same"/> of <paramref name="value"/> and the row's field, read in place.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal bool Same(int row, int field, string? value)
        {
            var layoutId = _table.LayoutIdOf(row);
            if (layoutId < 0)
            {
                var held = _table.Whole(row)![_names[field]];
                return Diff.FieldValues.Same(value, held);
            }

            var position = Positions(layoutId)[field];
            return position < 0 ? string.IsNullOrEmpty(value) : _table.FieldSame(row, position, value);
        }

        /// <summary>
        /// Opens a row for <see cref="SameInOpen"/>: its cells are walked once for where each one's bytes start, so
        /// comparing all selected fields costs one walk of the row, not one per field (<see cref="Same"/> walks the
        /// row's earlier cells for each). False for a record kept whole: use <see cref="Same"/> for it.
        /// </summary>
        /// <remarks>One row open at a time: a selection belongs to one diff's thread.</remarks>
        [MethodImpl(Hot.Path)]
        internal bool Open(int row)
        {
            if (!_table.TryCells(row, out var cells, out var offset, out var count, out var textAt))
            {
                return false;
            }

            if (_starts.Length < count)
            {
                _starts = new int[Math.Max(count, _starts.Length * 2)];
            }

            var at = 0;
            for (var i = 0; i < count; i++)
            {
                _starts[i] = at;
                at += TargetTexts.RunLength(cells[offset + i]);
            }

            _openCells = cells;
            _openOffset = offset;
            _openText = _table.Texts.RunChunk(textAt, out _openTextOffset);
            _openPositions = Positions(_table.LayoutIdOf(row));
            return true;
        }

        /// <summary><see cref="Same"/> of selected field <paramref name="field"/> of the row last opened (<see cref="Open"/>).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal bool SameInOpen(int field, string? value)
        {
            var position = _openPositions[field];
            if (position < 0)
            {
                return string.IsNullOrEmpty(value);
            }

            var cell = TargetTable.FieldCellsStart + position;
            return _table.Texts.SameIn(_openCells[_openOffset + cell], _openText, _openTextOffset + _starts[cell], value);
        }

        /// <summary><see cref="FoldedTextHash"/> of selected field <paramref name="field"/> of the row last opened (<see cref="Open"/>), read in place.</summary>
        [MethodImpl(Hot.Path)]
        internal ulong FoldedHashInOpen(int field)
        {
            var position = _openPositions[field];
            if (position < 0)
            {
                return 0;
            }

            var cell = TargetTable.FieldCellsStart + position;
            return FoldedTextHash.OfCell(_table.Texts, _openCells[_openOffset + cell], _openText, _openTextOffset + _starts[cell]);
        }

        [MethodImpl(Hot.Path)]
        private int[] Positions(int layoutId)
        {
            while (_positions.Count <= layoutId)
            {
                _positions.Add(null);
            }

            var positions = _positions[layoutId];
            if (positions is null)
            {
                var layout = _table.Layout(layoutId);
                positions = new int[_names.Length];
                for (var i = 0; i < _names.Length; i++)
                {
                    positions[i] = layout.TryGetPosition(_names[i], out var p) ? p : -1;
                }

                _positions[layoutId] = positions;
            }

            return positions;
        }
    }
}

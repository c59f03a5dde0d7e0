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
                return string.Equals(string.IsNullOrEmpty(value) ? null : value, string.IsNullOrEmpty(held) ? null : held, StringComparison.Ordinal);
            }

            var position = Positions(layoutId)[field];
            return position < 0 ? string.IsNullOrEmpty(value) : _table.FieldSame(row, position, value);
        }

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

using System;
using System.Collections.Generic;
using Aether.TitanHst.Target;

namespace Aether.TitanHst.Diff
{
    /// <summary>
    /// The managed keys of a <see cref="TargetTable"/>, each to its first row, without a string per key: when the key
    /// rules leave a record's externalId as it is (most records), the key is the row's own externalId text, so the
    /// slot holds only the row and a look-up compares the key with the row's UTF-8 bytes in place. A key the rules
    /// changed (trimmed, upper-cased...) is kept as a string beside them.
    /// </summary>
    /// <remarks>
    /// A dictionary of key strings kept one string and one entry per TitanHST record alive until the diff ended: at
    /// 1M records ~60 MiB and 855k more objects for the GC to copy.
    /// </remarks>
    internal sealed class RowKeys
    {
        private readonly TargetTable _table;
        private readonly int[] _slots;
        private readonly int _mask;
        private Dictionary<string, int>? _changed;
        private Dictionary<int, string>? _changedKeys;

        internal RowKeys(TargetTable table)
        {
            _table = table;
            var capacity = 16;
            while (capacity < table.Count * 2L && capacity < (1 << 30))
            {
                capacity <<= 1;
            }

            _slots = new int[capacity];
            _mask = capacity - 1;
        }

        /// <summary>The first row added with this key; false when there is none.</summary>
        internal bool TryGet(string key, out int row)
        {
            var slot = StringComparer.Ordinal.GetHashCode(key) & _mask;
            while (_slots[slot] != 0)
            {
                var candidate = _slots[slot] - 1;
                if (_table.ExternalIdEquals(candidate, key))
                {
                    row = candidate;
                    return true;
                }

                slot = (slot + 1) & _mask;
            }

            if (_changed is not null && _changed.TryGetValue(key, out row))
            {
                return true;
            }

            row = -1;
            return false;
        }

        /// <summary>Adds a key not held yet (see <see cref="TryGet"/>) for the row whose externalId the rules made it from.</summary>
        internal void Add(string key, string externalId, int row)
        {
            if (!string.Equals(key, externalId, StringComparison.Ordinal))
            {
                (_changed ??= new Dictionary<string, int>(StringComparer.Ordinal)).Add(key, row);
                (_changedKeys ??= new Dictionary<int, string>()).Add(row, key);
                return;
            }

            var slot = StringComparer.Ordinal.GetHashCode(key) & _mask;
            while (_slots[slot] != 0)
            {
                slot = (slot + 1) & _mask;
            }

            _slots[slot] = row + 1;
        }

        /// <summary>The key a row was added with.</summary>
        internal string KeyOf(int row) =>
            _changedKeys is not null && _changedKeys.TryGetValue(row, out var key) ? key : _table.ExternalId(row)!;
    }
}

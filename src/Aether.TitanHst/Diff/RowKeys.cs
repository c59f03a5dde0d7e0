using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
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
        // The rows by key's hash: a probe that meets another key's slot tells it apart by the hash, without reading
        // that row's cells and text from the table (a cache miss or more each, most of a look-up's cost).
        private HashSlots _slots;
        private Dictionary<string, int>? _changed;
        private Dictionary<int, string>? _changedKeys;

        // Per row, one bit: the row is the one its own externalId is the key of in _slots (not a duplicate, not a key
        // the rules changed). Such a row is what a probe for that key finds, so it may be answered without one.
        private readonly ulong[] _holders;

        // The row the last look-up found. The diff asks for people in the order the exports list them, and TitanHST
        // lists the records the connector created in much the same order: the next person's row is most often the
        // next row (~70 % of look-ups in the sample districts), checked in place before a probe into the slots (a
        // cache miss or two, most of a look-up's cost). Only a hint: any value gives the same answers.
        private int _lastFound = -1;

        internal RowKeys(TargetTable table)
        {
            _table = table;
            _slots = new HashSlots(table.Count);
            _holders = new ulong[(table.Count + 63) >> 6];
        }

        /// <summary>The first row added with this key; false when there is none.</summary>
        [MethodImpl(Hot.Path)]
        internal bool TryGet(string key, out int row)
        {
            var next = _lastFound + 1;
            if ((uint)next < (uint)_table.Count && (_holders[next >> 6] & (1UL << next)) != 0 && _table.ExternalIdEquals(next, key))
            {
                row = _lastFound = next;
                return true;
            }

            var match = new RowMatch(_table, key);
            row = _slots.Find(KeyHash.Of(key), ref match, out _);
            if (row >= 0)
            {
                _lastFound = row;
                return true;
            }

            if (_changed is not null && _changed.TryGetValue(key, out row))
            {
                return true;
            }

            row = -1;
            return false;
        }

        /// <summary>
        /// Adds a key for the row whose externalId the rules made it from, unless the key is held already: then false,
        /// with the row it is held for in <paramref name="first"/>. One hash and one probe for both (a look-up, then an
        /// add, hashed every key twice while the index was built).
        /// </summary>
        [MethodImpl(Hot.Path)]
        internal bool TryAdd(string key, string externalId, int row, out int first)
        {
            var hash = KeyHash.Of(key);
            var match = new RowMatch(_table, key);
            first = _slots.Find(hash, ref match, out var slot);
            if (first >= 0)
            {
                return false;
            }

            if (_changed is not null && _changed.TryGetValue(key, out first))
            {
                return false;
            }

            first = -1;
            if (!string.Equals(key, externalId, StringComparison.Ordinal))
            {
                (_changed ??= new Dictionary<string, int>(StringComparer.Ordinal)).Add(key, row);
                (_changedKeys ??= new Dictionary<int, string>()).Add(row, key);
                return true;
            }

            // The probe above ended on the first free slot of this key's run: the key goes there.
            _slots.Set(slot, hash, row);
            _holders[row >> 6] |= 1UL << row;
            return true;
        }

        /// <summary>The key a row was added with.</summary>
        internal string KeyOf(int row) =>
            _changedKeys is not null && _changedKeys.TryGetValue(row, out var key) ? key : _table.ExternalId(row)!;

        /// <summary>A row's own externalId compared with the key looked for, in place in the table's UTF-8 text.</summary>
        private readonly struct RowMatch : HashSlots.IMatch
        {
            private readonly TargetTable _table;
            private readonly string _key;

            internal RowMatch(TargetTable table, string key)
            {
                _table = table;
                _key = key;
            }

            public bool Matches(int number) => _table.ExternalIdEquals(number, _key);
        }
    }
}

using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace Aether.TitanHst.Canonical
{
    /// <summary>
    /// Hands back one shared string for a column's repeating values (site and job codes, statuses, dates, FTEs) while
    /// the extract holds every row, looked up straight from the parser's characters: a repeat costs no allocation at
    /// all, and only a new value becomes a string. Adaptive: a column whose values rarely repeat (e-mail, ids,
    /// phones) stops being looked up, and its values are not made strings by the read at all
    /// (<see cref="TryGet"/> says so; the row store keeps their characters). The shared strings are numbered, so a
    /// row store holds two bytes per repeated value instead of a reference.
    /// </summary>
    /// <remarks>
    /// An open-addressing table keyed by a hash of the characters, because netstandard2.0's Dictionary cannot be
    /// searched with a span. One interner serves one column of one read: not thread-safe, never shared.
    /// </remarks>
    internal sealed class ColumnInterner
    {
        private const int Trial = 4096;

        // A column with no repeat at all in its first look-ups (ids, e-mail, phones) is given up early: its trial's
        // table, strings and their growth were ~6 MiB per 100k diff, for nothing.
        private const int EarlyTrial = 1024;
        private const int MaxEntries = 16384;
        private const int MaxLength = 64;

        private readonly List<string> _entries = new();

        // Per slot, the number of its entry plus one (0: a free slot), and the entry's hash.
        private int[]? _slots = new int[64];
        private int[] _hashes = new int[64];
        private int _lookups;
        private int _hits;

        /// <summary>
        /// True once the column was given up for values that rarely repeat (not for a full table or the read's end):
        /// its values not shared are mostly distinct, so remembering what rules make of them is not worth it.
        /// </summary>
        internal bool Distinct { get; private set; }

        /// <summary>How many shared strings there are (never more than 16384).</summary>
        internal int Count => _entries.Count;

        /// <summary>The shared string numbered <paramref name="entry"/> by <see cref="TryGet"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal string EntryAt(int entry) => _entries[entry];

        /// <summary>Stops looking values up, letting go of the table (the strings and their numbers stay).</summary>
        internal void StopLooking()
        {
            _slots = null;
            _hashes = Array.Empty<int>();
        }

        /// <summary>
        /// The number of a value's shared string (<see cref="EntryAt"/>), made and kept now when it is new; false
        /// when the value would be a string of its own (the column stopped sharing, the value is too long or empty,
        /// or the table is full): the caller keeps those characters some cheaper way (<see cref="SourceRowStore.Set"/>).
        /// </summary>
        [MethodImpl(Hot.Path)]
        internal bool TryGet(ReadOnlySpan<char> value, out int entry)
        {
            entry = -1;
            if (_slots is null || value.Length > MaxLength || value.Length == 0)
            {
                return false;
            }

            _lookups++;
            var hash = Hash(value);
            var mask = _slots.Length - 1;
            var slot = hash & mask;
            while (_slots[slot] is var taken and > 0)
            {
                if (_hashes[slot] == hash && value.SequenceEqual(_entries[taken - 1].AsSpan()))
                {
                    _hits++;
                    entry = taken - 1;
                    return true;
                }

                slot = (slot + 1) & mask;
            }

            if ((_lookups >= Trial && _hits < _lookups / 16) || (_lookups >= EarlyTrial && _hits == 0))
            {
                // Mostly distinct values: looking them up costs more than sharing them saves. One hit in sixteen, not
                // four, because a date column (start or hire dates: ~13k days) hits ~14 % in its first rows and is worth
                // sharing: the builders' SharedValueMemo then parses each date once (1M: 105 MiB less allocated).
                _slots = null;
                _hashes = Array.Empty<int>();
                Distinct = true;
                return false;
            }

            if (_entries.Count >= MaxEntries)
            {
                return false;
            }

            entry = _entries.Count;
            _entries.Add(value.ToString());
            _slots[slot] = entry + 1;
            _hashes[slot] = hash;
            if (_entries.Count * 2 > _slots.Length)
            {
                Grow();
            }

            return true;
        }

        /// <summary>The shared string of a value, or a string of its own when it is not shared.</summary>
        [MethodImpl(Hot.Path)]
        internal string Get(ReadOnlySpan<char> value) =>
            value.Length == 0 ? string.Empty : TryGet(value, out var entry) ? _entries[entry] : value.ToString();

        // FNV-1a over the UTF-16 code units, with the sign bit cleared so it masks to a slot directly.
        [MethodImpl(Hot.Path)]
        private static int Hash(ReadOnlySpan<char> value)
        {
            var hash = 2166136261u;
            foreach (var c in value)
            {
                hash = (hash ^ c) * 16777619u;
            }

            return (int)(hash & 0x7FFFFFFF);
        }

        [MethodImpl(Hot.Path)]
        private void Grow()
        {
            var oldSlots = _slots!;
            var oldHashes = _hashes;
            _slots = new int[oldSlots.Length * 2];
            _hashes = new int[_slots.Length];
            var mask = _slots.Length - 1;
            for (var i = 0; i < oldSlots.Length; i++)
            {
                if (oldSlots[i] > 0)
                {
                    var slot = oldHashes[i] & mask;
                    while (_slots[slot] != 0)
                    {
                        slot = (slot + 1) & mask;
                    }

                    _slots[slot] = oldSlots[i];
                    _hashes[slot] = oldHashes[i];
                }
            }
        }
    }
}

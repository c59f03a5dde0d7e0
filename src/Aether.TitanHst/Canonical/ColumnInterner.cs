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

        // The hash is not keyed (netstandard2.0 has no randomized hash of a span), so an export can be written whose
        // values share their slots' low bits and make every look-up walk the whole table. A look-up that walks more
        // than this (an honest column: 29 at most in the 100k sample district) gives the column up instead; its
        // values are then kept as bytes, exactly as a column of distinct values is (corpus case 137).
        private const int MaxProbes = 128;

        private readonly List<string> _entries = new();

        // Per slot, the entry's hash and number plus one (0: a free slot), side by side, and the entries' characters
        // end to end with each entry's start: a look-up reads the slot and the characters it compares, not a
        // separate hash array, the entry list and the string object (two cache misses instead of four in a diff,
        // where the other core's reads evict these tables).
        private Slot[]? _slots = new Slot[64];
        private char[] _chars = new char[256];
        private int[] _starts = new int[65];
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
        internal void StopLooking() => LetGoOfTable();

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
            var slots = _slots;
            var mask = slots.Length - 1;
            var slot = hash & mask;
            var probes = 0;
            while (slots[slot].Taken is var taken and > 0)
            {
                if (++probes > MaxProbes)
                {
                    LetGoOfTable();
                    return false;
                }

                if (slots[slot].Hash == hash)
                {
                    var start = _starts[taken - 1];
                    if (_starts[taken] - start == value.Length && value.SequenceEqual(new ReadOnlySpan<char>(_chars, start, value.Length)))
                    {
                        _hits++;
                        entry = taken - 1;
                        return true;
                    }
                }

                slot = (slot + 1) & mask;
            }

            if ((_lookups >= Trial && _hits < _lookups / 16) || (_lookups >= EarlyTrial && _hits == 0))
            {
                // Mostly distinct values: looking them up costs more than sharing them saves. One hit in sixteen, not
                // four, because a date column (start or hire dates: ~13k days) hits ~14 % in its first rows and is worth
                // sharing: the builders' SharedValueMemo then parses each date once (1M: 105 MiB less allocated).
                LetGoOfTable();
                Distinct = true;
                return false;
            }

            if (_entries.Count >= MaxEntries)
            {
                return false;
            }

            entry = _entries.Count;
            _entries.Add(value.ToString());
            var end = _starts[entry] + value.Length;
            if (end > _chars.Length)
            {
                Array.Resize(ref _chars, Math.Max(end, _chars.Length * 2));
            }

            if (entry + 2 > _starts.Length)
            {
                Array.Resize(ref _starts, _starts.Length * 2);
            }

            value.CopyTo(new Span<char>(_chars, _starts[entry], value.Length));
            _starts[entry + 1] = end;
            slots[slot] = new Slot(hash, entry + 1);
            if (_entries.Count * 2 > slots.Length)
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
            var old = _slots!;
            var slots = new Slot[old.Length * 2];
            var mask = slots.Length - 1;
            foreach (var taken in old)
            {
                if (taken.Taken > 0)
                {
                    var slot = taken.Hash & mask;
                    while (slots[slot].Taken != 0)
                    {
                        slot = (slot + 1) & mask;
                    }

                    slots[slot] = taken;
                }
            }

            _slots = slots;
        }

        // The table and the characters it compares; the strings, by number, stay.
        private void LetGoOfTable()
        {
            _slots = null;
            _chars = Array.Empty<char>();
            _starts = Array.Empty<int>();
        }

        private readonly struct Slot
        {
            internal Slot(int hash, int taken)
            {
                Hash = hash;
                Taken = taken;
            }

            internal int Hash { get; }

            /// <summary>The entry's number plus one; 0 for a free slot.</summary>
            internal int Taken { get; }
        }
    }
}

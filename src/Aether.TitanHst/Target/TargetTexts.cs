using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text;

namespace Aether.TitanHst.Target
{
    /// <summary>
    /// The text of a <see cref="TargetTable"/>: each row's unique text (id, externalId, names, e-mail) as one run of
    /// UTF-8 bytes in large byte chunks, repeating text (codes, titles, ETags) as the number of one shared string. A
    /// row's values are 4-byte cells: 0 for null, <see cref="HeldBit"/> and a shared string's number, or
    /// <see cref="BytesBit"/> and the length of the value's bytes, which follow the bytes of the row's earlier cells
    /// in its run (so "" is a cell of length 0, never null). A million records then hold a few dozen byte chunks and
    /// a few thousand strings instead of millions of small strings, which is what the GC had to copy.
    /// </summary>
    /// <remarks>
    /// While a row is being made its values are pending cells (<see cref="PendingBytes"/>: an offset and length in the
    /// maker's scratch bytes; <see cref="PendingHeld"/>). Text that would not come back the same from UTF-8 (an
    /// unpaired surrogate), or a row whose text is longer than a chunk, is held as strings, so every value round-trips.
    /// </remarks>
    internal sealed class TargetTexts
    {
        internal const int DefaultChunkBytes = 1 << 20;

        internal const uint HeldBit = 1u << 31;
        internal const uint BytesBit = 1u << 30;
        private const uint LengthMask = BytesBit - 1;

        /// <summary>The longest value a pending cell can hold.</summary>
        internal const int MaxPendingLength = (int)LengthMask;

        private const ulong PendingHeldTag = 1UL << 63;
        private const ulong PendingBytesTag = 1UL << 62;
        private const int PendingLengthShift = 32;

        private static readonly UTF8Encoding Utf8 = new(false, false);

        private readonly int _chunkBytes;
        private readonly List<byte[]> _chunks = new();
        private readonly List<string> _strings = new();
        private readonly Dictionary<string, int> _interned = new(StringComparer.Ordinal);
        private int _used;

        internal TargetTexts(int chunkBytes = DefaultChunkBytes)
        {
            if (chunkBytes < 16 || (uint)chunkBytes > LengthMask)
            {
                throw new ArgumentOutOfRangeException(nameof(chunkBytes));
            }

            _chunkBytes = chunkBytes;
            _used = chunkBytes;
        }

        /// <summary>Bytes held in chunks (their full size, used or not) and strings held: what the text costs.</summary>
        internal long ChunkBytes => (long)_chunks.Count * _chunkBytes;

        internal int HeldStrings => _strings.Count;

        /// <summary>A pending cell for <paramref name="length"/> bytes at <paramref name="offset"/> of the maker's scratch.</summary>
        internal static ulong PendingBytes(int offset, int length) => PendingBytesTag | ((ulong)(uint)length << PendingLengthShift) | (uint)offset;

        /// <summary>A pending cell for a string numbered by <see cref="Intern"/> or <see cref="Hold"/>.</summary>
        internal static ulong PendingHeld(int id) => PendingHeldTag | (uint)id;

        internal static bool IsPendingBytes(ulong pending) => (pending & PendingBytesTag) != 0;

        internal static int PendingLength(ulong pending) => (int)((pending >> PendingLengthShift) & LengthMask);

        internal static int PendingOffset(ulong pending) => (int)(uint)pending;

        /// <summary>
        /// The row's cells from pending cells, its bytes copied from <paramref name="scratch"/> into one run; the run's
        /// offset in <paramref name="runAt"/>. A row whose text does not fit a chunk keeps its text as strings.
        /// </summary>
        [MethodImpl(Hot.Path)]
        internal void Settle(ReadOnlySpan<ulong> pending, ReadOnlySpan<byte> scratch, Span<uint> cells, out long runAt)
        {
            var total = 0L;
            foreach (var cell in pending)
            {
                if (IsPendingBytes(cell))
                {
                    total += PendingLength(cell);
                }
            }

            if (total > _chunkBytes)
            {
                runAt = 0;
                for (var i = 0; i < pending.Length; i++)
                {
                    cells[i] = IsPendingBytes(pending[i])
                        ? HeldBit | (uint)Hold(Utf8.GetString(scratch.Slice(PendingOffset(pending[i]), PendingLength(pending[i])).ToArray()))
                        : Settled(pending[i]);
                }

                return;
            }

            runAt = Reserve((int)total, out var chunk, out var at);
            for (var i = 0; i < pending.Length; i++)
            {
                var cell = pending[i];
                if (IsPendingBytes(cell))
                {
                    var length = PendingLength(cell);
                    scratch.Slice(PendingOffset(cell), length).CopyTo(new Span<byte>(chunk, at, length));
                    at += length;
                    cells[i] = BytesBit | (uint)length;
                }
                else
                {
                    cells[i] = Settled(cell);
                }
            }
        }

        /// <summary>The text of a pending cell.</summary>
        internal string? PendingText(ulong pending, ReadOnlySpan<byte> scratch)
        {
            if (pending == 0)
            {
                return null;
            }

            return IsPendingBytes(pending)
                ? Utf8.GetString(scratch.Slice(PendingOffset(pending), PendingLength(pending)).ToArray())
                : _strings[(int)(uint)pending];
        }

        /// <summary>The number of a repeating string: the same text always gets the same number.</summary>
        [MethodImpl(Hot.Path)]
        internal int Intern(string value)
        {
            if (!_interned.TryGetValue(value, out var id))
            {
                id = Hold(value);
                _interned.Add(value, id);
            }

            return id;
        }

        /// <summary>Holds a string as it is (not shared) and gives its number.</summary>
        [MethodImpl(Hot.Path)]
        internal int Hold(string value)
        {
            _strings.Add(value);
            return _strings.Count - 1;
        }

        /// <summary>
        /// A pending cell for a string: its UTF-8 bytes appended to <paramref name="scratch"/> (grown as needed), or the
        /// string held when UTF-8 would not give it back (an unpaired surrogate).
        /// </summary>
        internal ulong Pending(string? value, ref byte[] scratch, ref int used)
        {
            if (value is null)
            {
                return 0;
            }

            if (HasUnpairedSurrogate(value))
            {
                return PendingHeld(Hold(value));
            }

            var length = Utf8.GetByteCount(value);
            if (scratch.Length - used < length)
            {
                Array.Resize(ref scratch, Math.Max(scratch.Length * 2, used + length));
            }

            Utf8.GetBytes(value, 0, value.Length, scratch, used);
            var cell = PendingBytes(used, length);
            used += length;
            return cell;
        }

        /// <summary>How many bytes of the row's run a cell takes.</summary>
        [MethodImpl(Hot.Path)]
        internal static int RunLength(uint cell) => (cell & (HeldBit | BytesBit)) == BytesBit ? (int)(cell & LengthMask) : 0;

        /// <summary>The text of a cell whose bytes (if it has any) start at <paramref name="at"/>.</summary>
        [MethodImpl(Hot.Path)]
        internal string? Get(uint cell, long at)
        {
            if (cell == 0)
            {
                return null;
            }

            if ((cell & HeldBit) != 0)
            {
                return _strings[(int)(cell & ~HeldBit)];
            }

            var length = (int)(cell & LengthMask);
            return length == 0 ? string.Empty : Utf8.GetString(_chunks[(int)(at / _chunkBytes)], (int)(at % _chunkBytes), length);
        }

        /// <summary>
        /// <see cref="Diff.FieldValues.Same"/> of <paramref name="value"/> and the cell's text, without making a string of
        /// the cell: blank (null or empty) equals blank, anything else compares ordinally.
        /// </summary>
        internal bool Same(uint cell, long at, string? value)
        {
            // Only a cell with bytes reads its chunk (SameIn checks the rest first): no division for the others.
            var hasBytes = (cell & HeldBit) == 0 && (cell & LengthMask) != 0;
            var offset = 0;
            var chunk = hasBytes ? RunChunk(at, out offset) : null;
            return SameIn(cell, chunk, offset, value);
        }

        /// <summary>
        /// The chunk that holds the text run starting at <paramref name="at"/> and where in it the run starts; null when
        /// no chunk holds it (a run of no bytes at a chunk's end, or a row whose text is all held strings), which no
        /// cell with bytes can have. A row's run is never split over chunks.
        /// </summary>
        [MethodImpl(Hot.Path)]
        internal byte[]? RunChunk(long at, out int offset)
        {
            var index = at / _chunkBytes;
            offset = (int)(at - index * _chunkBytes);
            return index < _chunks.Count ? _chunks[(int)index] : null;
        }

        /// <summary>
        /// <see cref="Same(uint, long, string?)"/> for a cell whose bytes (if it has any) start at <paramref name="at"/>
        /// of <paramref name="chunk"/> (<see cref="RunChunk"/>): no division to find the chunk, for a walk of a row.
        /// </summary>
        [MethodImpl(Hot.Path)]
        internal bool SameIn(uint cell, byte[]? chunk, int at, string? value)
        {
            if (cell == 0)
            {
                return string.IsNullOrEmpty(value);
            }

            if ((cell & HeldBit) != 0)
            {
                var held = _strings[(int)(cell & ~HeldBit)];
                return Diff.FieldValues.Same(value, held);
            }

            var length = (int)(cell & LengthMask);
            if (length == 0 || value is null || value.Length == 0)
            {
                return length == 0 && string.IsNullOrEmpty(value);
            }

            return Utf8Equals(new ReadOnlySpan<byte>(chunk, at, length), value);
        }

        /// <summary>True when the cell's text is exactly <paramref name="value"/> (never for a null cell).</summary>
        [MethodImpl(Hot.Path)]
        internal bool TextEquals(uint cell, long at, string value)
        {
            if (cell == 0)
            {
                return false;
            }

            if ((cell & HeldBit) != 0)
            {
                return string.Equals(_strings[(int)(cell & ~HeldBit)], value, StringComparison.Ordinal);
            }

            var length = (int)(cell & LengthMask);
            return length == 0
                ? value.Length == 0
                : Utf8Equals(new ReadOnlySpan<byte>(_chunks[(int)(at / _chunkBytes)], (int)(at % _chunkBytes), length), value);
        }

        /// <summary>True when valid UTF-8 <paramref name="utf8"/> is the text of <paramref name="value"/>, code unit for code unit.</summary>
        [MethodImpl(Hot.Path)]
        internal static bool Utf8Equals(ReadOnlySpan<byte> utf8, string value)
        {
            // UTF-8 never takes fewer bytes than UTF-16 takes code units.
            if (utf8.Length < value.Length)
            {
                return false;
            }

            var j = 0;
            var i = 0;
            while (i < utf8.Length)
            {
                uint b = utf8[i];
                if (b < 0x80)
                {
                    if (j >= value.Length || value[j] != b)
                    {
                        return false;
                    }

                    i++;
                    j++;
                    continue;
                }

                int more;
                uint point;
                if (b < 0xE0)
                {
                    more = 1;
                    point = b & 0x1F;
                }
                else if (b < 0xF0)
                {
                    more = 2;
                    point = b & 0x0F;
                }
                else
                {
                    more = 3;
                    point = b & 0x07;
                }

                if (i + more >= utf8.Length)
                {
                    return false;
                }

                for (var k = 1; k <= more; k++)
                {
                    point = (point << 6) | (utf8[i + k] & 0x3Fu);
                }

                i += more + 1;
                if (point >= 0x10000)
                {
                    point -= 0x10000;
                    if (j + 1 >= value.Length || value[j] != (char)(0xD800 + (point >> 10)) || value[j + 1] != (char)(0xDC00 + (point & 0x3FF)))
                    {
                        return false;
                    }

                    j += 2;
                }
                else
                {
                    if (j >= value.Length || value[j] != point)
                    {
                        return false;
                    }

                    j++;
                }
            }

            return j == value.Length;
        }

        private static uint Settled(ulong pending) => pending == 0 ? 0 : HeldBit | ((uint)pending & ~HeldBit);

        [MethodImpl(Hot.Path)]
        private long Reserve(int length, out byte[] chunk, out int at)
        {
            if (_used + length > _chunkBytes || _chunks.Count == 0)
            {
                _chunks.Add(new byte[_chunkBytes]);
                _used = 0;
            }

            chunk = _chunks[_chunks.Count - 1];
            at = _used;
            _used += length;
            return (long)(_chunks.Count - 1) * _chunkBytes + at;
        }

        private static bool HasUnpairedSurrogate(string value)
        {
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                if (char.IsHighSurrogate(c))
                {
                    if (i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                    {
                        i++;
                        continue;
                    }

                    return true;
                }

                if (char.IsLowSurrogate(c))
                {
                    return true;
                }
            }

            return false;
        }
    }
}

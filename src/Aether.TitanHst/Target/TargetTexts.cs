using System;
using System.Collections.Generic;
using System.Text;

namespace Aether.TitanHst.Target
{
    /// <summary>
    /// The text of a <see cref="TargetTable"/>, each value one 64-bit cell: unique text (ids, names, e-mail) as UTF-8
    /// bytes in large byte chunks, repeating text (codes, titles, ETags) as the number of one shared string. A million
    /// records then hold a few dozen byte chunks and a few thousand strings instead of millions of small strings,
    /// which is what the GC had to copy while the diff ran.
    /// </summary>
    /// <remarks>
    /// A cell is 0 for null; <see cref="HeldTag"/> and a string's number; or <see cref="BytesTag"/>, the length and
    /// the offset of its bytes (so "" is a cell of length 0, never null). Text that would not come back the same from
    /// UTF-8 (an unpaired surrogate) or that is longer than a chunk is held as a string, so every value round-trips.
    /// </remarks>
    internal sealed class TargetTexts
    {
        internal const int DefaultChunkBytes = 1 << 20;

        private const ulong HeldTag = 1UL << 63;
        private const ulong BytesTag = 1UL << 62;
        private const int LengthShift = 40;
        private const ulong OffsetMask = (1UL << LengthShift) - 1;
        private const ulong LengthMask = (1UL << 22) - 1;

        private static readonly UTF8Encoding Utf8 = new(false, false);

        private readonly int _chunkBytes;
        private readonly List<byte[]> _chunks = new();
        private readonly List<string> _strings = new();
        private readonly Dictionary<string, int> _interned = new(StringComparer.Ordinal);
        private int _used;

        internal TargetTexts(int chunkBytes = DefaultChunkBytes)
        {
            if (chunkBytes < 16 || (ulong)chunkBytes > LengthMask)
            {
                throw new ArgumentOutOfRangeException(nameof(chunkBytes));
            }

            _chunkBytes = chunkBytes;
            _used = chunkBytes;
        }

        /// <summary>Bytes held in chunks (their full size, used or not) and strings held: what the text costs.</summary>
        internal long ChunkBytes => (long)_chunks.Count * _chunkBytes;

        internal int HeldStrings => _strings.Count;

        /// <summary>A cell for UTF-8 text (valid UTF-8: the snapshot reader checked the line).</summary>
        internal ulong Bytes(ReadOnlySpan<byte> utf8)
        {
            if (utf8.Length > _chunkBytes)
            {
                return Held(Utf8.GetString(utf8.ToArray()));
            }

            var offset = Reserve(utf8.Length, out var chunk, out var at);
            utf8.CopyTo(new Span<byte>(chunk, at, utf8.Length));
            return BytesTag | ((ulong)utf8.Length << LengthShift) | offset;
        }

        /// <summary>A cell for a string, stored as UTF-8 when it comes back the same from UTF-8.</summary>
        internal ulong Text(string? value)
        {
            if (value is null)
            {
                return 0;
            }

            if (HasUnpairedSurrogate(value))
            {
                return Held(value);
            }

            var length = Utf8.GetByteCount(value);
            if (length > _chunkBytes)
            {
                return Held(value);
            }

            var offset = Reserve(length, out var chunk, out var at);
            Utf8.GetBytes(value, 0, value.Length, chunk, at);
            return BytesTag | ((ulong)length << LengthShift) | offset;
        }

        /// <summary>The number of a repeating string: the same text always gets the same number.</summary>
        internal int Intern(string value)
        {
            if (!_interned.TryGetValue(value, out var id))
            {
                id = _strings.Count;
                _strings.Add(value);
                _interned.Add(value, id);
            }

            return id;
        }

        /// <summary>The cell of a string interned with <see cref="Intern"/>.</summary>
        internal static ulong InternedCell(int id) => HeldTag | (uint)id;

        internal string? Get(ulong cell)
        {
            if (cell == 0)
            {
                return null;
            }

            if ((cell & HeldTag) != 0)
            {
                return _strings[(int)(uint)cell];
            }

            var length = (int)((cell >> LengthShift) & LengthMask);
            if (length == 0)
            {
                return string.Empty;
            }

            var offset = (long)(cell & OffsetMask);
            return Utf8.GetString(_chunks[(int)(offset / _chunkBytes)], (int)(offset % _chunkBytes), length);
        }

        /// <summary>
        /// <see cref="Diff.FieldValues.Same"/> of <paramref name="value"/> and the cell's text, without making a string of the
        /// cell: blank (null or empty) equals blank, anything else compares ordinally.
        /// </summary>
        internal bool Same(ulong cell, string? value)
        {
            if (cell == 0)
            {
                return string.IsNullOrEmpty(value);
            }

            if ((cell & HeldTag) != 0)
            {
                var held = _strings[(int)(uint)cell];
                return held.Length == 0 ? string.IsNullOrEmpty(value) : string.Equals(held, value, StringComparison.Ordinal);
            }

            var length = (int)((cell >> LengthShift) & LengthMask);
            if (length == 0 || value is null || value.Length == 0)
            {
                return length == 0 && string.IsNullOrEmpty(value);
            }

            var offset = (long)(cell & OffsetMask);
            return Utf8Equals(new ReadOnlySpan<byte>(_chunks[(int)(offset / _chunkBytes)], (int)(offset % _chunkBytes), length), value);
        }

        /// <summary>True when the cell's text is exactly <paramref name="value"/> (null only for a null cell).</summary>
        internal bool TextEquals(ulong cell, string value)
        {
            if (cell == 0)
            {
                return false;
            }

            if ((cell & HeldTag) != 0)
            {
                return string.Equals(_strings[(int)(uint)cell], value, StringComparison.Ordinal);
            }

            var length = (int)((cell >> LengthShift) & LengthMask);
            if (length == 0)
            {
                return value.Length == 0;
            }

            var offset = (long)(cell & OffsetMask);
            return Utf8Equals(new ReadOnlySpan<byte>(_chunks[(int)(offset / _chunkBytes)], (int)(offset % _chunkBytes), length), value);
        }

        /// <summary>True when valid UTF-8 <paramref name="utf8"/> is the text of <paramref name="value"/>, code unit for code unit.</summary>
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

        private ulong Held(string value)
        {
            _strings.Add(value);
            return HeldTag | (uint)(_strings.Count - 1);
        }

        private ulong Reserve(int length, out byte[] chunk, out int at)
        {
            if (_used + length > _chunkBytes || _chunks.Count == 0)
            {
                _chunks.Add(new byte[_chunkBytes]);
                _used = 0;
            }

            chunk = _chunks[_chunks.Count - 1];
            at = _used;
            _used += length;
            return (ulong)(_chunks.Count - 1) * (ulong)_chunkBytes + (ulong)at;
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

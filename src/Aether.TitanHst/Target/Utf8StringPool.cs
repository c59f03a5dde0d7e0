using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Aether.TitanHst.Target
{
    /// <summary>
    /// Turns short JSON string values into strings, handing back the same string for the same bytes while the column
    /// repeats itself (field names, site and role codes, titles, ETags): a million snapshot records then share a few
    /// thousand strings. Keyed by the value's bytes as written (escapes included: an ETag is always escaped), so the
    /// same bytes always give the same text. Adaptive: a column whose values rarely repeat (e-mail, names) stops
    /// being looked up.
    /// </summary>
    internal sealed class Utf8StringPool
    {
        private const int Slots = 1024;
        private const int MaxLength = 64;
        private const int Trial = 2048;

        private static readonly System.Text.UTF8Encoding Utf8 = new(false, true);

        // Each slot's key bytes in one fixed stretch of one array: a miss copies its bytes there instead of
        // allocating an array per value (11 MiB per 100k-record snapshot before).
        private readonly byte[] _keyBytes;
        private readonly int[] _keyLengths;
        private readonly string?[] _values;
        // A table's number for each slot's string; -1 while the bytes were seen once only (no string made yet).
        private readonly int[] _ids;
        private int _lookups;
        private byte[] _decode = new byte[MaxLength];

        internal Utf8StringPool()
        {
            _keyBytes = new byte[Slots * MaxLength];
            _keyLengths = new int[Slots];
            _keyLengths.AsSpan().Fill(-1);
            _values = new string?[Slots];
            _ids = new int[Slots];
        }
        private int _hits;
        private bool _off;

        /// <summary>The current string token's value (the reader must be on a string or property name).</summary>
        [MethodImpl(Hot.Path)]
        internal string Get(ref Utf8JsonReader reader)
        {
            if (_off || reader.HasValueSequence || reader.ValueSpan.Length > MaxLength)
            {
                return reader.GetString()!;
            }

            var slot = Slot(reader.ValueSpan, out var hit);
            if (hit)
            {
                return _values[slot]!;
            }

            var value = reader.GetString()!;
            Keep(slot, reader.ValueSpan, value, -1);
            return value;
        }

        /// <summary>
        /// The current string token's number in <paramref name="texts"/> (<see cref="TargetTexts.Intern"/>) when these
        /// bytes were seen before and the column repeats itself; false for bytes seen for the first time (their slot
        /// remembers them, no string made: most first sightings in a column of names are the only one), for a column
        /// that does not repeat, or for a long value, and the caller keeps the bytes instead. A pool gives numbers of
        /// one <see cref="TargetTexts"/> only.
        /// </summary>
        [MethodImpl(Hot.Path)]
        internal bool TryGetId(ref Utf8JsonReader reader, TargetTexts texts, out int id)
        {
            if (_off || reader.HasValueSequence || reader.ValueSpan.Length > MaxLength)
            {
                id = -1;
                return false;
            }

            var slot = Slot(reader.ValueSpan, out var hit);
            if (!hit)
            {
                Keep(slot, reader.ValueSpan, null, -1);
                id = -1;
                return false;
            }

            id = _ids[slot];
            if (id < 0)
            {
                // Seen a second time: worth a string now.
                var value = reader.GetString()!;
                id = texts.Intern(value);
                _values[slot] = value;
                _ids[slot] = id;
            }

            return true;
        }

        /// <summary>
        /// <see cref="Get(ref Utf8JsonReader)"/> for a string's bytes as written (<paramref name="escaped"/>: with the
        /// simple escapes <see cref="SnapshotRecordParser"/>'s scan accepts), for the scan that reads no tokens.
        /// </summary>
        internal string Get(ReadOnlySpan<byte> raw, bool escaped)
        {
            if (_off || raw.Length > MaxLength)
            {
                return Decode(raw, escaped);
            }

            var slot = Slot(raw, out var hit);
            if (hit)
            {
                return _values[slot]!;
            }

            var value = Decode(raw, escaped);
            Keep(slot, raw, value, -1);
            return value;
        }

        /// <summary><see cref="TryGetId(ref Utf8JsonReader, TargetTexts, out int)"/> for a string's bytes as written (see <see cref="Get(ReadOnlySpan{byte}, bool)"/>).</summary>
        [MethodImpl(Hot.Path)]
        internal bool TryGetId(ReadOnlySpan<byte> raw, bool escaped, TargetTexts texts, out int id)
        {
            if (_off || raw.Length > MaxLength)
            {
                id = -1;
                return false;
            }

            var slot = Slot(raw, out var hit);
            if (!hit)
            {
                Keep(slot, raw, null, -1);
                id = -1;
                return false;
            }

            id = _ids[slot];
            if (id < 0)
            {
                var value = Decode(raw, escaped);
                id = texts.Intern(value);
                _values[slot] = value;
                _ids[slot] = id;
            }

            return true;
        }

        /// <summary>The text of a string's bytes as written: well-formed UTF-8 (the scan takes no other), simple escapes resolved.</summary>
        [MethodImpl(Hot.Path)]
        private string Decode(ReadOnlySpan<byte> raw, bool escaped)
        {
            // The pool's own buffer (a pool serves one parser, on one thread): netstandard2.0 decodes from arrays only.
            if (_decode.Length < raw.Length)
            {
                _decode = new byte[Math.Max(raw.Length, _decode.Length * 2)];
            }

            var length = escaped ? SnapshotRecordParser.Unescape(raw, _decode) : Copy(raw, _decode);
            return Utf8.GetString(_decode, 0, length);
        }

        [MethodImpl(Hot.Path)]
        private static int Copy(ReadOnlySpan<byte> raw, byte[] bytes)
        {
            raw.CopyTo(bytes);
            return raw.Length;
        }

        /// <summary>The slot for these bytes; a hit when the slot holds exactly them.</summary>
        [MethodImpl(Hot.Path)]
        private int Slot(ReadOnlySpan<byte> raw, out bool hit)
        {
            var slot = (int)(Hash(raw) & (Slots - 1));
            _lookups++;
            if (_keyLengths[slot] >= 0 && raw.SequenceEqual(new ReadOnlySpan<byte>(_keyBytes, slot * MaxLength, _keyLengths[slot])))
            {
                _hits++;
                hit = true;
                return slot;
            }

            if (_lookups == Trial && _hits < Trial / 4)
            {
                // Mostly distinct values: hashing them costs more than it saves.
                _off = true;
            }

            hit = false;
            return slot;
        }

        /// <summary>
        /// A hash of the bytes four at a time (a byte at a time was most of a look-up): any hash that spreads short
        /// codes over the slots will do, a slot is always checked against its bytes.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static uint Hash(ReadOnlySpan<byte> raw)
        {
            var hash = (uint)raw.Length * 0x9E3779B1u;
            var i = 0;
            for (; i + 4 <= raw.Length; i += 4)
            {
                hash = Mix(hash, MemoryMarshal.Read<uint>(raw.Slice(i)));
            }

            uint tail = 0;
            for (var shift = 0; i < raw.Length; i++, shift += 8)
            {
                tail |= (uint)raw[i] << shift;
            }

            hash = Mix(hash, tail);
            // Fold the high bits in: the slot is taken from the low ones.
            hash ^= hash >> 15;
            hash *= 0x2C1B3C6Du;
            return hash ^ (hash >> 12);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static uint Mix(uint hash, uint word)
        {
            hash ^= word * 0xCC9E2D51u;
            hash = (hash << 13) | (hash >> 19);
            return hash * 5 + 0xE6546B64u;
        }

        private void Keep(int slot, ReadOnlySpan<byte> raw, string? value, int id)
        {
            raw.CopyTo(new Span<byte>(_keyBytes, slot * MaxLength, MaxLength));
            _keyLengths[slot] = raw.Length;
            _values[slot] = value;
            _ids[slot] = id;
        }
    }
}

using System;
using System.Runtime.CompilerServices;
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

        // Each slot's key bytes in one fixed stretch of one array: a miss copies its bytes there instead of
        // allocating an array per value (11 MiB per 100k-record snapshot before).
        private readonly byte[] _keyBytes = new byte[Slots * MaxLength];
        private readonly int[] _keyLengths = new int[Slots];
        private readonly string?[] _values = new string?[Slots];
        private readonly int[] _ids = new int[Slots];
        private int _lookups;
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

            var slot = Slot(reader.ValueSpan);
            if (_values[slot] is { } hit)
            {
                return hit;
            }

            var value = reader.GetString()!;
            Keep(slot, reader.ValueSpan, value, -1);
            return value;
        }

        /// <summary>
        /// The current string token's number in <paramref name="texts"/> (<see cref="TargetTexts.Intern"/>) while the
        /// column repeats itself; false when it does not (or the value is long), and the caller keeps its bytes instead.
        /// A pool gives numbers of one <see cref="TargetTexts"/> only.
        /// </summary>
        [MethodImpl(Hot.Path)]
        internal bool TryGetId(ref Utf8JsonReader reader, TargetTexts texts, out int id)
        {
            if (_off || reader.HasValueSequence || reader.ValueSpan.Length > MaxLength)
            {
                id = -1;
                return false;
            }

            var slot = Slot(reader.ValueSpan);
            if (_values[slot] is not null)
            {
                id = _ids[slot];
                return true;
            }

            var value = reader.GetString()!;
            id = texts.Intern(value);
            Keep(slot, reader.ValueSpan, value, id);
            return true;
        }

        /// <summary>The slot for these bytes; its value is set when the slot holds exactly them (a hit).</summary>
        [MethodImpl(Hot.Path)]
        private int Slot(ReadOnlySpan<byte> raw)
        {
            uint hash = 2166136261;
            foreach (var b in raw)
            {
                hash = (hash ^ b) * 16777619;
            }

            var slot = (int)(hash & (Slots - 1));
            _lookups++;
            if (_values[slot] is not null && raw.SequenceEqual(new ReadOnlySpan<byte>(_keyBytes, slot * MaxLength, _keyLengths[slot])))
            {
                _hits++;
                return slot;
            }

            if (_lookups == Trial && _hits < Trial / 4)
            {
                // Mostly distinct values: hashing them costs more than it saves.
                _off = true;
            }

            _values[slot] = null;
            return slot;
        }

        private void Keep(int slot, ReadOnlySpan<byte> raw, string value, int id)
        {
            raw.CopyTo(new Span<byte>(_keyBytes, slot * MaxLength, MaxLength));
            _keyLengths[slot] = raw.Length;
            _values[slot] = value;
            _ids[slot] = id;
        }
    }
}

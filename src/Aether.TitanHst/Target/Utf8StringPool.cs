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

            var raw = reader.ValueSpan;
            uint hash = 2166136261;
            foreach (var b in raw)
            {
                hash = (hash ^ b) * 16777619;
            }

            var slot = (int)(hash & (Slots - 1));
            _lookups++;
            var keyStart = slot * MaxLength;
            if (_values[slot] is not null && raw.SequenceEqual(new ReadOnlySpan<byte>(_keyBytes, keyStart, _keyLengths[slot])))
            {
                _hits++;
                return _values[slot]!;
            }

            if (_lookups == Trial && _hits < Trial / 4)
            {
                // Mostly distinct values: hashing them costs more than it saves.
                _off = true;
            }

            var value = reader.GetString()!;
            raw.CopyTo(new Span<byte>(_keyBytes, keyStart, MaxLength));
            _keyLengths[slot] = raw.Length;
            _values[slot] = value;
            return value;
        }
    }
}

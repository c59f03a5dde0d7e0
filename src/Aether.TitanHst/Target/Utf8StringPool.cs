using System;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Aether.TitanHst.Target
{
    /// <summary>
    /// Turns short ASCII UTF-8 values into strings, handing back the same string for the same bytes while the column
    /// repeats itself (field names, site and role codes, titles, ETags): a million snapshot records then share a few
    /// thousand strings. Adaptive: a column whose values rarely repeat (e-mail, names) stops being looked up.
    /// </summary>
    internal sealed class Utf8StringPool
    {
        private const int Slots = 1024;
        private const int MaxLength = 64;
        private const int Trial = 2048;

        private readonly string?[] _slots = new string?[Slots];
        private int _lookups;
        private int _hits;
        private bool _off;

        /// <summary>The current string token's value (the reader must be on a string or property name).</summary>
        [MethodImpl(HotPath.Optimize)]
        internal string Get(ref Utf8JsonReader reader)
        {
            if (_off || reader.ValueIsEscaped || reader.HasValueSequence || reader.ValueSpan.Length > MaxLength)
            {
                return reader.GetString()!;
            }

            var utf8 = reader.ValueSpan;
            uint hash = 2166136261;
            foreach (var b in utf8)
            {
                if (b >= 0x80)
                {
                    return reader.GetString()!;
                }

                hash = (hash ^ b) * 16777619;
            }

            var slot = (int)(hash & (Slots - 1));
            var cached = _slots[slot];
            _lookups++;
            if (cached is not null && SameAscii(cached, utf8))
            {
                _hits++;
                return cached;
            }

            if (_lookups == Trial && _hits < Trial / 4)
            {
                // Mostly distinct values: hashing them costs more than it saves.
                _off = true;
            }

            var value = reader.GetString()!;
            _slots[slot] = value;
            return value;
        }

        private static bool SameAscii(string text, ReadOnlySpan<byte> utf8)
        {
            if (text.Length != utf8.Length)
            {
                return false;
            }

            for (var i = 0; i < utf8.Length; i++)
            {
                if (text[i] != utf8[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}

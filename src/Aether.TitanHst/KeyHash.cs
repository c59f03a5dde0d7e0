using System;
using System.Collections.Generic;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Aether.TitanHst
{
    /// <summary>
    /// The hash of a join key or TitanHST externalId for the module's own open-addressing tables
    /// (<see cref="HashSlots"/>): keys come from exports and snapshots anyone with write access to them can shape, so
    /// the hash must be one they cannot predict, or keys written to share one hash make every look-up walk them all.
    /// </summary>
    /// <remarks>
    /// .NET (PowerShell 7) randomizes string hashes per process, so its own is used. The .NET Framework under Windows
    /// PowerShell 5.1 does not (its <c>Dictionary</c> falls back to a randomized comparer after 100 collisions, which a
    /// table of our own does not), so there the hash is SipHash-2-4, the keyed hash made for this, with a key drawn
    /// from the system's random numbers once per process.
    /// </remarks>
    internal static class KeyHash
    {
        /// <summary>Whether this runtime's string hash is not randomized, so the keyed hash is used.</summary>
        internal static readonly bool Keyed = NeedsKeyedHash(RuntimeInformation.FrameworkDescription);

        // The key, drawn once per process from the system's random numbers.
        private static readonly ulong[] Key = DrawKey();

        /// <summary>
        /// Ordinal comparison with <see cref="Of(string)"/>'s hash, for the framework's sets and dictionaries of keys read from
        /// files (the .NET Framework's HashSet has no randomized fallback at all): on .NET, the ordinal comparer itself.
        /// </summary>
        internal static readonly IEqualityComparer<string> Comparer = Keyed ? new KeyedComparer() : StringComparer.Ordinal;

        /// <summary>The hash of <paramref name="key"/>'s characters, as ordinal comparison tells keys apart.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static int Of(string key) =>
            Keyed ? Fold(SipHash24(MemoryMarshal.AsBytes(key.AsSpan()), Key[0], Key[1])) : StringComparer.Ordinal.GetHashCode(key);

        /// <summary>
        /// The same hash of characters not (yet) made a string: a join key read from an export's row, hashed on the
        /// reading thread so the row needs no key string of its own (<see cref="Canonical.SourceRowStore"/>).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static int Of(ReadOnlySpan<char> key) =>
            Keyed ? Fold(SipHash24(MemoryMarshal.AsBytes(key), Key[0], Key[1]))
            : RuntimeSpanHash is { } hash ? hash(key) : StringComparer.Ordinal.GetHashCode(key.ToString());

        // .NET's string.GetHashCode(ReadOnlySpan<char>): the very hash of a string of those characters (the same Marvin
        // seed), which a netstandard2.0 build cannot name, so it is found once by reflection. Null on the .NET
        // Framework, which has neither the method nor the randomized hash.
        private static readonly SpanHasher? RuntimeSpanHash = Keyed ? null : FindRuntimeSpanHash();

        private delegate int SpanHasher(ReadOnlySpan<char> value);

        /// <summary>Whether a span is hashed without a string made of it (for tests: the fallback would allocate one).</summary>
        internal static bool HashesSpansInPlace => Keyed || RuntimeSpanHash is not null;

        private static SpanHasher? FindRuntimeSpanHash()
        {
            var method = typeof(string).GetMethod(nameof(string.GetHashCode), BindingFlags.Public | BindingFlags.Static, null, new[] { typeof(ReadOnlySpan<char>) }, null);
            return method is null || method.ReturnType != typeof(int) ? null : (SpanHasher)Delegate.CreateDelegate(typeof(SpanHasher), method);
        }

        /// <summary>True for the .NET Framework, whose string hashes are the same in every process.</summary>
        internal static bool NeedsKeyedHash(string frameworkDescription) =>
            frameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase);

        /// <summary>SipHash-2-4 (Aumasson and Bernstein, 2012) of <paramref name="data"/> under the key (k0, k1), little-endian.</summary>
        internal static ulong SipHash24(ReadOnlySpan<byte> data, ulong k0, ulong k1)
        {
            var v0 = k0 ^ 0x736f6d6570736575UL;
            var v1 = k1 ^ 0x646f72616e646f6dUL;
            var v2 = k0 ^ 0x6c7967656e657261UL;
            var v3 = k1 ^ 0x7465646279746573UL;
            var blocks = data.Length & ~7;
            for (var i = 0; i < blocks; i += 8)
            {
                var m = ReadLittleEndian(data.Slice(i, 8));
                v3 ^= m;
                Round(ref v0, ref v1, ref v2, ref v3);
                Round(ref v0, ref v1, ref v2, ref v3);
                v0 ^= m;
            }

            // The last block: the bytes left over, and the message's length in its top byte.
            var last = (ulong)(data.Length & 0xFF) << 56;
            for (var i = 0; i < data.Length - blocks; i++)
            {
                last |= (ulong)data[blocks + i] << (8 * i);
            }

            v3 ^= last;
            Round(ref v0, ref v1, ref v2, ref v3);
            Round(ref v0, ref v1, ref v2, ref v3);
            v0 ^= last;
            v2 ^= 0xFF;
            for (var i = 0; i < 4; i++)
            {
                Round(ref v0, ref v1, ref v2, ref v3);
            }

            return v0 ^ v1 ^ v2 ^ v3;
        }

        private static ulong[] DrawKey()
        {
            var key = new byte[16];
            using (var random = RandomNumberGenerator.Create())
            {
                random.GetBytes(key);
            }

            return new[] { BitConverter.ToUInt64(key, 0), BitConverter.ToUInt64(key, 8) };
        }

        private static int Fold(ulong hash) => (int)(hash ^ (hash >> 32));

        private static ulong ReadLittleEndian(ReadOnlySpan<byte> eight)
        {
            ulong value = 0;
            for (var i = 7; i >= 0; i--)
            {
                value = (value << 8) | eight[i];
            }

            return value;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Round(ref ulong v0, ref ulong v1, ref ulong v2, ref ulong v3)
        {
            v0 += v1;
            v1 = RotateLeft(v1, 13);
            v1 ^= v0;
            v0 = RotateLeft(v0, 32);
            v2 += v3;
            v3 = RotateLeft(v3, 16);
            v3 ^= v2;
            v0 += v3;
            v3 = RotateLeft(v3, 21);
            v3 ^= v0;
            v2 += v1;
            v1 = RotateLeft(v1, 17);
            v1 ^= v2;
            v2 = RotateLeft(v2, 32);
        }

        private static ulong RotateLeft(ulong value, int bits) => (value << bits) | (value >> (64 - bits));

        private sealed class KeyedComparer : IEqualityComparer<string>
        {
            public bool Equals(string? x, string? y) => string.Equals(x, y, StringComparison.Ordinal);

            public int GetHashCode(string key) => Of(key);
        }
    }
}

using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Aether.TitanHst.Audit
{
    /// <summary>
    /// The chain hash. An entry's hash covers its line's bytes up to, not including, <c>,"hash":</c>, the last
    /// property: HMAC-SHA256 under the installation key's "audit-chain" key (<c>hmac-sha256:</c>, format 2), or, in
    /// logs written before the keyed chain, plain SHA-256 (<c>sha256:</c>, format 1, the unkeyed legacy chain).
    /// Hashing the raw bytes (not a re-serialization) makes any changed byte count, even one a JSON reader would not
    /// notice.
    /// </summary>
    internal static class AuditHashing
    {
        public const string Prefix = "sha256:";
        public const string KeyedPrefix = "hmac-sha256:";
        internal static readonly byte[] HashMarker = Encoding.ASCII.GetBytes(",\"hash\":\"");

        public static string OfBytes(byte[] bytes, int count)
        {
            using var sha = SHA256.Create();
            return Prefix + Hex(sha.ComputeHash(bytes, 0, count));
        }

        /// <summary>Splits a line into the hashed part's length and the stated hash; false when it does not end in a hash.</summary>
        public static bool TrySplit(byte[] line, int length, out int hashedLength, out string statedHash) =>
            TrySplit(line, length, HashMarker, out hashedLength, out statedHash);

        /// <summary>
        /// Splits a line ending in <c>,"name":"prefix:&lt;64 hex&gt;"}</c> (either prefix) into the covered part's
        /// length and the stated value.
        /// </summary>
        internal static bool TrySplit(byte[] line, int length, byte[] marker, out int hashedLength, out string statedHash)
        {
            foreach (var prefix in new[] { KeyedPrefix, Prefix })
            {
                // ,"hash":"<prefix><64 hex>"}
                hashedLength = length - (marker.Length + prefix.Length + 64 + 2);
                statedHash = string.Empty;
                if (hashedLength < 1 || line[length - 1] != (byte)'}' || line[length - 2] != (byte)'"' || !Matches(line, hashedLength, marker))
                {
                    continue;
                }

                statedHash = Encoding.ASCII.GetString(line, hashedLength + marker.Length, prefix.Length + 64);
                if (statedHash.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            hashedLength = 0;
            statedHash = string.Empty;
            return false;
        }

        public static bool IsKeyed(string? hash) => hash is not null && hash.StartsWith(KeyedPrefix, StringComparison.Ordinal);

        private static bool Matches(byte[] line, int at, byte[] marker)
        {
            for (var i = 0; i < marker.Length; i++)
            {
                if (line[at + i] != marker[i])
                {
                    return false;
                }
            }

            return true;
        }

        public static string Hex(byte[] bytes)
        {
            var builder = new StringBuilder(bytes.Length * 2);
            foreach (var b in bytes)
            {
                builder.Append(b.ToString("x2", CultureInfo.InvariantCulture));
            }

            return builder.ToString();
        }

        public static bool SameHash(string? a, string? b) => string.Equals(a, b, StringComparison.Ordinal);
    }
}

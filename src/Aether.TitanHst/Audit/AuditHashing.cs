using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Aether.TitanHst.Audit
{
    /// <summary>
    /// The chain hash. An entry's hash is SHA-256 of its line's bytes up to, not including, <c>,"hash":</c>, the
    /// last property. Hashing the raw bytes (not a re-serialization) makes any changed byte count, even one a JSON
    /// reader would not notice, and lets anyone verify with a few lines of any language.
    /// </summary>
    internal static class AuditHashing
    {
        public const string Prefix = "sha256:";
        internal static readonly byte[] HashMarker = Encoding.ASCII.GetBytes(",\"hash\":\"");

        // ,"hash":"sha256:<64 hex>"}
        private static readonly int TailLength = HashMarker.Length + Prefix.Length + 64 + 2;

        public static string OfBytes(byte[] bytes, int count)
        {
            using var sha = SHA256.Create();
            return Prefix + Hex(sha.ComputeHash(bytes, 0, count));
        }

        /// <summary>Splits a line into the hashed part's length and the stated hash; false when it does not end in a hash.</summary>
        public static bool TrySplit(byte[] line, int length, out int hashedLength, out string statedHash)
        {
            hashedLength = length - TailLength;
            statedHash = string.Empty;
            if (hashedLength < 1 || line[length - 1] != (byte)'}' || line[length - 2] != (byte)'"')
            {
                return false;
            }

            for (var i = 0; i < HashMarker.Length; i++)
            {
                if (line[hashedLength + i] != HashMarker[i])
                {
                    return false;
                }
            }

            statedHash = Encoding.ASCII.GetString(line, hashedLength + HashMarker.Length, Prefix.Length + 64);
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

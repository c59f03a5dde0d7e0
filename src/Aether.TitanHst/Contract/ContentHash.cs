using System.IO;
using System.Security.Cryptography;
using System.Text;

namespace Aether.TitanHst.Contract
{
    /// <summary>SHA-256 hashes written as "sha256:" and lower-case hex, for contracts, tables, sources and plans.</summary>
    public static class ContentHash
    {
        public const string Prefix = "sha256:";

        public static string OfFile(string path)
        {
            using var stream = File.OpenRead(path);
            using var sha = SHA256.Create();
            return Prefix + Hex(sha.ComputeHash(stream));
        }

        public static string OfBytes(byte[] bytes)
        {
            using var sha = SHA256.Create();
            return Prefix + Hex(sha.ComputeHash(bytes));
        }

        public static string OfText(string text) => OfBytes(Encoding.UTF8.GetBytes(text));

        internal static string Hex(byte[] bytes)
        {
            var builder = new StringBuilder(bytes.Length * 2);
            foreach (var b in bytes)
            {
                builder.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            }

            return builder.ToString();
        }
    }
}

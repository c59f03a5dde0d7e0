using System.Text;

namespace Aether.TitanHst.Security
{
    /// <summary>Lower-case hex, the form every MAC of this module is written in.</summary>
    internal static class Hex
    {
        internal static string Of(byte[] bytes)
        {
            var sb = new StringBuilder(bytes.Length * 2);
            foreach (var b in bytes)
            {
                sb.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            }

            return sb.ToString();
        }

        /// <summary>
        /// Whether a MAC read from a file is <paramref name="expected"/> exactly as <see cref="Of"/> writes it, in
        /// constant time. Exactly: the same bytes written with a letter in capitals are not what this module wrote,
        /// and a case-blind compare let one byte of a plan file or a seal change unnoticed.
        /// </summary>
        internal static bool SameAsWritten(string expected, string? actual)
        {
            if (actual is null)
            {
                return false;
            }

            var diff = expected.Length ^ actual.Length;
            for (var i = 0; i < expected.Length && i < actual.Length; i++)
            {
                diff |= expected[i] ^ actual[i];
            }

            return diff == 0;
        }
    }
}

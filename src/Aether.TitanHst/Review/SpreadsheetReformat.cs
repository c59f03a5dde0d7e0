using System;
using System.Globalization;
using System.Linq;

namespace Aether.TitanHst.Review
{
    /// <summary>
    /// Tells a value a spreadsheet rewrote from one a person edited. Excel opens a CSV with types guessed per cell and
    /// saves what it shows: 2019-08-15 becomes 8/15/2019, 000123 becomes 123, +15595551234 becomes 15595551234 or
    /// 1.56E+10. The value is the same, its form is not, and the review compares forms: the row is still refused,
    /// but the message names the cause. Says what kind of rewrite it was, never the values (they may be personal data).
    /// </summary>
    internal static class SpreadsheetReformat
    {
        private static readonly CultureInfo[] Cultures = { CultureInfo.InvariantCulture, CultureInfo.GetCultureInfo("en-US"), CultureInfo.GetCultureInfo("en-GB") };

        /// <summary>What kind of rewrite turned <paramref name="expected"/> into <paramref name="written"/>, or null when it is not one.</summary>
        internal static string? Describe(string expected, string written)
        {
            if (expected.Length == 0 || written.Length == 0 || string.Equals(expected, written, StringComparison.Ordinal))
            {
                return null;
            }

            if (string.Equals(expected.Trim(), written.Trim(), StringComparison.Ordinal))
            {
                return "spaces around it added or removed";
            }

            if (IsoDate(expected) is { } date && Cultures.Any(c => DateTime.TryParse(written, c, DateTimeStyles.AllowWhiteSpaces, out var read) && read.Date == date))
            {
                return "a date in another format";
            }

            if (expected.Length > 1 && expected[0] == '0' && expected.All(char.IsDigit) && string.Equals(expected.TrimStart('0'), written, StringComparison.Ordinal))
            {
                return "its leading zeros dropped";
            }

            var digits = expected.StartsWith("+", StringComparison.Ordinal) ? expected.Substring(1) : expected;
            if (digits.Length > 0 && digits.All(char.IsDigit))
            {
                if (!ReferenceEquals(digits, expected) && string.Equals(digits, written, StringComparison.Ordinal))
                {
                    return "its leading '+' dropped";
                }

                if (written.IndexOf("E+", StringComparison.OrdinalIgnoreCase) > 0
                    && double.TryParse(written, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                    && double.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out var whole)
                    && Math.Abs(number - whole) <= Math.Abs(whole) * 1e-3)
                {
                    return "a long number in scientific notation";
                }
            }

            return null;
        }

        private static DateTime? IsoDate(string value) =>
            DateTime.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
    }
}

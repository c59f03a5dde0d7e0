using System;
using System.Globalization;
using System.Text;

namespace Aether.TitanHst.Sample
{
    /// <summary>How the sample exports type values: the small, realistic inconsistencies a contract must undo.</summary>
    internal static class SampleFormats
    {
        /// <summary>Lower-case ASCII letters only ("Peña" → "pena", "O'Brien" → "obrien"), for e-mail and login stems.</summary>
        internal static string Fold(string name)
        {
            var builder = new StringBuilder(name.Length);
            foreach (var c in name.Normalize(NormalizationForm.FormD))
            {
                var lower = char.ToLowerInvariant(c);
                switch (lower)
                {
                    case >= 'a' and <= 'z': builder.Append(lower); break;
                    case 'ø': builder.Append('o'); break;
                    case 'æ': builder.Append("ae"); break;
                    case 'ß': builder.Append("ss"); break;
                    case 'đ': builder.Append('d'); break;
                }
            }

            return builder.Length == 0 ? "staff" : builder.ToString();
        }

        /// <summary>Ten digits typed one of <see cref="PersonFactory.PhoneStyles"/> ways.</summary>
        internal static string Phone(string digits, int style)
        {
            string a = digits.Substring(0, 3), b = digits.Substring(3, 3), c = digits.Substring(6);
            return style switch
            {
                0 => $"({a}) {b}-{c}",
                1 => $"{a}-{b}-{c}",
                2 => $"{a}.{b}.{c}",
                3 => digits,
                4 => $"+1 {a} {b} {c}",
                _ => $"1-{a}-{b}-{c}",
            };
        }

        internal static string IsoDate(DateTime date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        /// <summary>Aeries' US dates: 8/15/2019, or 08/15/2019 from some screens.</summary>
        internal static string AeriesDate(DateTime date, bool padded) =>
            date.ToString(padded ? "MM/dd/yyyy" : "M/d/yyyy", CultureInfo.InvariantCulture);

        /// <summary>The same address in the mixed case people type: Maria.Pena@SampleUSD.org.</summary>
        internal static string MixedCaseEmail(string email, int style)
        {
            var at = email.IndexOf('@');
            var local = email.Substring(0, at);
            return style switch
            {
                0 => email,
                1 => Capitalize(local) + "@SampleUSD.org",
                2 => email.ToUpperInvariant(),
                _ => Capitalize(local) + email.Substring(at),
            };
        }

        /// <summary>HumanResourcesSystemID as Aeries staff typed it.</summary>
        internal static string AeriesKey(SamplePerson p) => p.KeyStyle switch
        {
            KeyStyle.LeadingZeros => p.EmpId.PadLeft(8, '0'),
            KeyStyle.Spaces => " " + p.EmpId + " ",
            KeyStyle.LeadingZerosAndSpaces => " 00" + p.EmpId,
            KeyStyle.Blank => string.Empty,
            KeyStyle.Stale => (90000000 + p.Index).ToString(CultureInfo.InvariantCulture),
            _ => p.EmpId,
        };

        /// <summary>A name as typed into one system: perhaps ALL CAPS, perhaps with decomposed accents.</summary>
        internal static string Name(string name, bool caps, bool decomposed)
        {
            var value = caps ? name.ToUpperInvariant() : name;
            return decomposed ? value.Normalize(NormalizationForm.FormD) : value;
        }

        /// <summary>One CSV field, quoted only when it must be (a comma, a quote, a line break).</summary>
        internal static void AppendField(StringBuilder line, string value)
        {
            if (value.IndexOfAny(MustQuote) < 0)
            {
                line.Append(value);
                return;
            }

            line.Append('"').Append(value.Replace("\"", "\"\"")).Append('"');
        }

        private static readonly char[] MustQuote = { ',', '"', '\r', '\n' };

        private static string Capitalize(string local)
        {
            var builder = new StringBuilder(local.Length);
            var start = true;
            foreach (var c in local)
            {
                builder.Append(start ? char.ToUpperInvariant(c) : c);
                start = c == '.';
            }

            return builder.ToString();
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Aether.TitanHst.Contract.Checks
{
    /// <summary>
    /// The header column a missing contract column was most likely renamed to: the same words in another order
    /// ("EmailWork" and "WorkEmail"), or a small spelling distance ("JobClassID" and "JobClassId2").
    /// </summary>
    public static class ColumnSuggestion
    {
        /// <summary>The closest column in <paramref name="header"/>, or null when none is close enough to suggest.</summary>
        public static string? Closest(string missing, IEnumerable<string> header, IEnumerable<string>? exclude = null)
        {
            var taken = new HashSet<string>(exclude ?? Enumerable.Empty<string>(), StringComparer.OrdinalIgnoreCase);
            var wanted = Words(missing);
            string? best = null;
            var bestScore = int.MaxValue;
            foreach (var column in header.Where(h => !taken.Contains(h)))
            {
                var words = Words(column);
                var score = wanted.SetEquals(words) ? 0 : Distance(Letters(missing), Letters(column));
                if (score < bestScore)
                {
                    bestScore = score;
                    best = column;
                }
            }

            var limit = Math.Max(2, Letters(missing).Length / 3);
            return bestScore <= limit ? best : null;
        }

        // "EmailWork" -> {email, work}; "Email_Work", "email work" too.
        private static HashSet<string> Words(string name)
        {
            var words = new HashSet<string>(StringComparer.Ordinal);
            var current = new StringBuilder();
            for (var i = 0; i < name.Length; i++)
            {
                var c = name[i];
                var boundary = !char.IsLetterOrDigit(c) || (char.IsUpper(c) && i > 0 && char.IsLower(name[i - 1]));
                if (boundary && current.Length > 0)
                {
                    words.Add(current.ToString());
                    current.Clear();
                }

                if (char.IsLetterOrDigit(c))
                {
                    current.Append(char.ToLowerInvariant(c));
                }
            }

            if (current.Length > 0)
            {
                words.Add(current.ToString());
            }

            return words;
        }

        private static string Letters(string name) => new(name.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

        private static int Distance(string a, string b)
        {
            var row = Enumerable.Range(0, b.Length + 1).ToArray();
            for (var i = 1; i <= a.Length; i++)
            {
                var previous = row[0];
                row[0] = i;
                for (var j = 1; j <= b.Length; j++)
                {
                    var current = row[j];
                    row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), previous + (a[i - 1] == b[j - 1] ? 0 : 1));
                    previous = current;
                }
            }

            return row[b.Length];
        }
    }
}

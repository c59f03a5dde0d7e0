using System;
using System.Collections.Generic;
using System.Linq;
using Aether.TitanHst.Errors;

namespace Aether.TitanHst.Sources
{
    /// <summary>
    /// Spots an export whose header holds the contract's columns joined by another common delimiter than the declared
    /// one (an HR job switched to semicolons): split at the declared delimiter, the header is one long name, and every
    /// column would otherwise be reported missing, removed or renamed, when the one fix is the delimiter.
    /// </summary>
    internal static class HeaderDelimiter
    {
        private static readonly string[] Common = { ",", ";", "\t", "|" };

        /// <summary>
        /// The common delimiter that, splitting the header, finds more of <paramref name="columns"/> than the declared
        /// one and most of them (so a delimiter change with a renamed column is still seen); null when there is none.
        /// </summary>
        internal static string? Other(IReadOnlyList<string> header, IReadOnlyList<string> columns, string declared)
        {
            if (columns.Count == 0)
            {
                return null;
            }

            var declaredHits = Hits(header, columns);
            string? best = null;
            var bestHits = declaredHits;
            foreach (var candidate in Common.Where(c => c != declared))
            {
                var split = header.SelectMany(h => h.Split(new[] { candidate }, StringSplitOptions.None)).Select(n => n.Trim().Trim('"').Trim()).ToList();
                var hits = Hits(split, columns);
                if (hits > bestHits)
                {
                    best = candidate;
                    bestHits = hits;
                }
            }

            return best is not null && bestHits * 2 > columns.Count ? best : null;
        }

        /// <summary>Refuses a header split by another delimiter than the declared one, naming both, on the header's line.</summary>
        internal static void Check(IReadOnlyList<string> header, IReadOnlyList<string> columns, string declared, string path, int line)
        {
            if (Other(header, columns, declared) is { } found)
            {
                throw new InputFileException(InputErrorIds.SourceColumnMissing, path, line, string.Empty,
                    $"the header's columns are separated by {Show(found)} but the contract declares {Show(declared)}; set the source's delimiter to {Show(found)} or re-export the file with {Show(declared)}");
            }
        }

        internal static string Show(string delimiter) => delimiter == "\t" ? "tab" : $"'{delimiter}'";

        private static int Hits(IReadOnlyList<string> names, IReadOnlyList<string> columns)
        {
            var present = new HashSet<string>(names, StringComparer.OrdinalIgnoreCase);
            return columns.Count(present.Contains);
        }
    }
}

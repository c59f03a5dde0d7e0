using System;
using System.Collections.Generic;
using System.Globalization;

namespace Aether.TitanHst.Contract
{
    /// <summary>Orders semantic versions (1.2.0 &lt; 1.10.0; 1.0.0-rc.1 &lt; 1.0.0). Build metadata is ignored.</summary>
    public sealed class SemanticVersionComparer : IComparer<string>
    {
        public static readonly SemanticVersionComparer Instance = new();

        public int Compare(string? x, string? y)
        {
            if (ReferenceEquals(x, y))
            {
                return 0;
            }

            if (x is null || y is null)
            {
                return x is null ? -1 : 1;
            }

            var (coreX, preX) = Split(x);
            var (coreY, preY) = Split(y);
            for (var i = 0; i < 3; i++)
            {
                var c = Part(coreX, i).CompareTo(Part(coreY, i));
                if (c != 0)
                {
                    return c;
                }
            }

            if (preX.Length == 0 || preY.Length == 0)
            {
                return preY.Length.CompareTo(preX.Length);
            }

            return string.CompareOrdinal(preX, preY);
        }

        private static (string[] Core, string Pre) Split(string version)
        {
            var plus = version.IndexOf('+');
            if (plus >= 0)
            {
                version = version.Substring(0, plus);
            }

            var dash = version.IndexOf('-');
            return dash >= 0 ? (version.Substring(0, dash).Split('.'), version.Substring(dash + 1)) : (version.Split('.'), string.Empty);
        }

        private static long Part(string[] parts, int i) =>
            i < parts.Length && long.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using Aether.TitanHst.Contract;

namespace Aether.TitanHst.Canonical
{
    /// <summary>The primary rule as an order: the first position is the primary (file order settles a full tie).</summary>
    internal sealed class PrimaryRank : IComparer<PositionRow>
    {
        private readonly IReadOnlyList<PrimaryStepKind> _steps;

        internal PrimaryRank(IReadOnlyList<PrimaryStepKind> steps) => _steps = steps;

        public int Compare(PositionRow? x, PositionRow? y)
        {
            foreach (var step in _steps)
            {
                var c = step switch
                {
                    PrimaryStepKind.Flag => y!.Flagged.CompareTo(x!.Flagged),
                    PrimaryStepKind.HighestFte => Nulls(x!.Fte, y!.Fte, (a, b) => b.CompareTo(a)),
                    PrimaryStepKind.EarliestStart => Nulls(x!.Start, y!.Start, (a, b) => a.CompareTo(b)),
                    _ => Nulls(x!.PositionKey, y!.PositionKey, ComparePositionKeys),
                };
                if (c != 0)
                {
                    return c;
                }
            }

            var bySource = x!.Row.SourceIndex.CompareTo(y!.Row.SourceIndex);
            return bySource != 0 ? bySource : x.Row.Line.CompareTo(y.Row.Line);
        }

        // A position that does not say (no FTE, no start) ranks after one that does.
        private static int Nulls(string? a, string? b, Func<string, string, int> compare) =>
            a is null || b is null ? (a is null ? (b is null ? 0 : 1) : -1) : compare(a, b);

        private static int Nulls(decimal? a, decimal? b, Func<decimal, decimal, int> compare) =>
            a is null || b is null ? (a is null ? (b is null ? 0 : 1) : -1) : compare(a.Value, b.Value);

        private static int Nulls(DateTime? a, DateTime? b, Func<DateTime, DateTime, int> compare) =>
            a is null || b is null ? (a is null ? (b is null ? 0 : 1) : -1) : compare(a.Value, b.Value);

        private static int ComparePositionKeys(string a, string b) =>
            long.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out var x) && long.TryParse(b, NumberStyles.None, CultureInfo.InvariantCulture, out var y)
                ? x.CompareTo(y)
                : string.CompareOrdinal(a, b);
    }
}

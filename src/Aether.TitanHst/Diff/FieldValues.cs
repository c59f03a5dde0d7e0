using System;

namespace Aether.TitanHst.Diff
{
    /// <summary>
    /// How two values of an owned field compare: blank and absent are equal, everything else ordinal. One rule,
    /// shared by the diff and the post-apply spot check, so the two can never disagree about "equal".
    /// </summary>
    internal static class FieldValues
    {
        internal static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;

        internal static bool Same(string? source, string? target) => string.Equals(Blank(source), Blank(target), StringComparison.Ordinal);
    }
}

using Aether.TitanHst.Reporting;

namespace Aether.TitanHst.Validation
{
    /// <summary>One owned field of one sampled person: the source value beside TitanHST's.</summary>
    /// <remarks>
    /// Values are spreadsheet-safe text (as on change objects), so the rows can go straight to Export-Csv;
    /// <see cref="Match"/> is decided on the values themselves, by the diff's own rule (blank equals absent).
    /// </remarks>
    public sealed class SpotCheckRow
    {
        internal SpotCheckRow(string externalId, string field, string? source, string? target, bool match)
        {
            ExternalId = SpreadsheetSafe.Text(externalId)!;
            Field = field;
            Source = SpreadsheetSafe.Text(source);
            Target = SpreadsheetSafe.Text(target);
            Match = match;
        }

        /// <summary>The person's match key.</summary>
        public string ExternalId { get; }

        /// <summary>The owned field (its TitanHST name).</summary>
        public string Field { get; }

        /// <summary>The normalized source value; null when blank.</summary>
        public string? Source { get; }

        /// <summary>The value TitanHST holds; null when blank or absent.</summary>
        public string? Target { get; }

        public bool Match { get; }

        public override string ToString() => $"{ExternalId} {Field}: {(Match ? "match" : "MISMATCH")}";
    }
}

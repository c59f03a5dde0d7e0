namespace Aether.TitanHst.Canonical
{
    /// <summary>One step of an extraction's stream: a record, or an issue about a record that was not built.</summary>
    public sealed class ExtractItem
    {
        private ExtractItem(CanonicalStaffRecord? record, ExtractIssue? issue)
        {
            Record = record;
            Issue = issue;
        }

        public CanonicalStaffRecord? Record { get; }

        public ExtractIssue? Issue { get; }

        public static ExtractItem Of(CanonicalStaffRecord record) => new(record, null);

        public static ExtractItem Of(ExtractIssue issue) => new(null, issue);
    }
}

namespace Aether.TitanHst.Canonical
{
    /// <summary>
    /// One step of an extraction's stream: a record; an issue about a record that was not built; or a marker for a
    /// person deliberately not sent (out of scope, or in conflict). Exactly one of the three is set.
    /// </summary>
    public sealed class ExtractItem
    {
        private ExtractItem(CanonicalStaffRecord? record, ExtractIssue? issue, SourceMarker? marker)
        {
            Record = record;
            Issue = issue;
            Marker = marker;
        }

        public CanonicalStaffRecord? Record { get; }

        public ExtractIssue? Issue { get; }

        public SourceMarker? Marker { get; }

        public static ExtractItem Of(CanonicalStaffRecord record) => new(record, null, null);

        public static ExtractItem Of(ExtractIssue issue) => new(null, issue, null);

        public static ExtractItem Of(SourceMarker marker) => new(null, null, marker);
    }
}

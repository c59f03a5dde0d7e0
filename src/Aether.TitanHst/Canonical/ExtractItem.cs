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

        // Frames of a paired extraction's stream (StaffExtractor.Derived, read only by Compare-MappingContract's engine):
        // items before PeopleBegin are both contracts'; after it, each person's items are the reference's, then the
        // difference contract's between DifferenceBegin and DifferenceEnd. No other stream ever holds them.
        internal static readonly ExtractItem PeopleBegin = new(null, null, null);
        internal static readonly ExtractItem DifferenceBegin = new(null, null, null);
        internal static readonly ExtractItem DifferenceEnd = new(null, null, null);

        public static ExtractItem Of(ExtractIssue issue) => new(null, issue, null);

        public static ExtractItem Of(SourceMarker marker) => new(null, null, marker);
    }
}

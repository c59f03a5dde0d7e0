using System.Collections.Generic;
using Aether.TitanHst.Canonical;

namespace Aether.TitanHst.Preview
{
    /// <summary>One contract's outcome for one person: the record it builds, or why it builds none.</summary>
    internal sealed class PersonOutcome
    {
        private PersonOutcome(PersonOutcomeKind kind, CanonicalStaffRecord? record, string reason)
        {
            Kind = kind;
            Record = record;
            Reason = reason;
        }

        public PersonOutcomeKind Kind { get; }

        public CanonicalStaffRecord? Record { get; }

        /// <summary>The scope condition, conflict rule or error ids, without personal values.</summary>
        public string Reason { get; }

        public static readonly PersonOutcome Absent = new(PersonOutcomeKind.Absent, null, string.Empty);

        public static PersonOutcome Of(CanonicalStaffRecord record) => new(PersonOutcomeKind.Record, record, string.Empty);

        public static PersonOutcome Of(SourceMarker marker) =>
            new(marker.Kind == SourceMarkerKind.Conflict ? PersonOutcomeKind.Conflict : PersonOutcomeKind.OutOfScope, null, marker.Reason);

        public static PersonOutcome Of(IReadOnlyCollection<ExtractIssue> issues, bool error) =>
            new(error ? PersonOutcomeKind.Error : PersonOutcomeKind.Skipped, null, ErrorIds(issues));

        /// <summary>"Error (CodeUnmapped)", "OutOfScope (status in [A])", "Record".</summary>
        public override string ToString() => Reason.Length == 0 ? Kind.ToString() : $"{Kind} ({Reason})";

        private static string ErrorIds(IReadOnlyCollection<ExtractIssue> issues)
        {
            var ids = new SortedSet<string>(System.StringComparer.Ordinal);
            foreach (var issue in issues)
            {
                ids.Add(issue.Field is null ? issue.ErrorId : $"{issue.ErrorId} on {issue.Field}");
            }

            return string.Join(", ", ids);
        }
    }
}

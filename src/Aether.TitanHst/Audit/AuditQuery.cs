using System;
using System.Collections.Generic;
using System.Linq;

namespace Aether.TitanHst.Audit
{
    /// <summary>Which entries <see cref="AuditLogQuery"/> returns. Empty lists and null times do not filter; values match ignoring case.</summary>
    public sealed class AuditQuery
    {
        public ICollection<string> RunIds { get; } = new List<string>();

        /// <summary>Entries written at or after this time.</summary>
        public DateTimeOffset? After { get; set; }

        /// <summary>Entries written before this time.</summary>
        public DateTimeOffset? Before { get; set; }

        public ICollection<string> ExternalIds { get; } = new List<string>();

        public ICollection<string> Outcomes { get; } = new List<string>();

        public ICollection<AuditEntryKind> Kinds { get; } = new List<AuditEntryKind>();

        /// <summary>Whether a file of that month may hold matching entries (files outside the time range are not read).</summary>
        internal bool MayMatch(string file)
        {
            var month = AuditFolder.MonthOf(file);
            return month is null
                || ((After is null || AuditFolder.EndOf(file) > After) && (Before is null || month < Before));
        }

        internal bool Matches(AuditEntry e) =>
            (After is null || e.Time >= After)
            && (Before is null || e.Time < Before)
            && (Kinds.Count == 0 || Kinds.Contains(e.GetKind()))
            && In(RunIds, e.RunId)
            && In(ExternalIds, e.ExternalId)
            && In(Outcomes, e.Outcome);

        private static bool In(ICollection<string> wanted, string? value) =>
            wanted.Count == 0 || (value is not null && wanted.Any(w => string.Equals(w, value, StringComparison.OrdinalIgnoreCase)));
    }
}

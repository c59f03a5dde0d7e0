using System.Collections.Generic;

namespace Aether.TitanHst.Audit
{
    /// <summary>
    /// What happened, as the caller tells <see cref="AuditLogWriter.Append"/>: the writer adds time, sequence,
    /// operator and chain hashes, and protects field values and messages.
    /// </summary>
    public sealed class AuditEvent
    {
        public AuditEvent(AuditEntryKind kind)
        {
            Kind = kind;
        }

        public AuditEntryKind Kind { get; }

        public string? RunId { get; set; }

        public AuditContractInfo? Contract { get; set; }

        public string? PlanHash { get; set; }

        public string? Action { get; set; }

        public string? ExternalId { get; set; }

        /// <summary>Changed fields with their new values, in clear: the writer protects them per field.</summary>
        public IDictionary<string, string?> Fields { get; } = new SortedDictionary<string, string?>(System.StringComparer.Ordinal);

        public int? HttpStatus { get; set; }

        public int? Attempts { get; set; }

        public string? Outcome { get; set; }

        /// <summary>An error message; values of the event's fields and e-mail addresses are removed before writing.</summary>
        public string? Error { get; set; }

        /// <summary>An operator's reason (Override entries), scrubbed like <see cref="Error"/>.</summary>
        public string? Reason { get; set; }

        public AuditAccess? Access { get; set; }

        internal IReadOnlyList<AuditRemovedFile>? Removed { get; set; }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;

using Aether.TitanHst.Reporting;

namespace Aether.TitanHst.Audit
{
    /// <summary>
    /// One line of the audit log, as written or read back. Values of personal fields are already protected
    /// (see <see cref="AuditPiiMode"/>); <see cref="PrevHash"/> and <see cref="Hash"/> chain the entries.
    /// </summary>
    public sealed class AuditEntry
    {
        // Lists that read as their items in Export-Csv, never as a .NET type name.
        private IReadOnlyList<AuditFieldValue> _fields = new DisplayList<AuditFieldValue>(System.Array.Empty<AuditFieldValue>());
        private IReadOnlyList<AuditRemovedFile>? _removed;

        internal AuditEntry(AuditEvent e, long sequence, DateTimeOffset time, AuditOperator op, IReadOnlyList<AuditFieldValue> fields, string? error, string? reason, string? prevHash)
        {
            Sequence = sequence;
            Time = time;
            KindValue = e.Kind;
            RunId = e.RunId;
            Operator = op;
            Contract = e.Contract;
            PlanHash = e.PlanHash;
            Action = e.Action;
            ExternalId = e.ExternalId;
            Fields = fields;
            HttpStatus = e.HttpStatus;
            Attempts = e.Attempts;
            Outcome = e.Outcome;
            Error = error;
            Reason = reason;
            Access = e.Access;
            Removed = e.Removed;
            PrevHash = prevHash;
            Hash = string.Empty;
        }

        internal AuditEntry()
        {
            Operator = new AuditOperator(string.Empty, string.Empty);
            Fields = Array.Empty<AuditFieldValue>();
            Hash = string.Empty;
        }

        /// <summary>2 for the keyed chain; 1 for an entry of the unkeyed legacy chain.</summary>
        public int Format { get; internal set; } = AuditEntryJson.FormatVersion;

        /// <summary>1 for the first entry ever written to the folder, then one more per entry, across files.</summary>
        public long Sequence { get; internal set; }

        /// <summary>When the entry was written, UTC, to the millisecond.</summary>
        public DateTimeOffset Time { get; internal set; }

        /// <summary>The entry's kind as text (RunStarted, Change, ...); typed through <see cref="GetKind"/>.</summary>
        public string Kind => KindValue.ToString();

        /// <summary>The kind, typed (a method, so it never serializes as a number).</summary>
        public AuditEntryKind GetKind() => KindValue;

        internal AuditEntryKind KindValue { get; set; }

        public string? RunId { get; internal set; }

        public AuditOperator Operator { get; internal set; }

        public AuditContractInfo? Contract { get; internal set; }

        public string? PlanHash { get; internal set; }

        /// <summary>create, update, deactivate, reactivate, delete (Action and Outcome entries).</summary>
        public string? Action { get; internal set; }

        public string? ExternalId { get; internal set; }

        /// <summary>The changed fields, by name, with their protected values.</summary>
        public IReadOnlyList<AuditFieldValue> Fields
        {
            get => _fields;
            internal set => _fields = value.AsDisplayList();
        }

        /// <summary>The field names alone, comma-separated, for tables.</summary>
        public string FieldNames => string.Join(",", Fields.Select(f => f.Name));

        public int? HttpStatus { get; internal set; }

        public int? Attempts { get; internal set; }

        /// <summary>Succeeded, Failed, Stale, Skipped (Outcome entries); a run's result on RunEnd.</summary>
        public string? Outcome { get; internal set; }

        /// <summary>The error message, with field values and e-mail addresses taken out.</summary>
        public string? Error { get; internal set; }

        /// <summary>Why an operator overrode a safety stop (Override entries), scrubbed like <see cref="Error"/>.</summary>
        public string? Reason { get; internal set; }

        public AuditAccess? Access { get; internal set; }

        /// <summary>The files a Retention entry removed.</summary>
        public IReadOnlyList<AuditRemovedFile>? Removed
        {
            get => _removed;
            internal set => _removed = value?.AsDisplayList();
        }

        /// <summary>The previous entry's <see cref="Hash"/>; null only for the first entry ever written.</summary>
        public string? PrevHash { get; internal set; }

        /// <summary>"hmac-sha256:" + hex of the keyed MAC of the line's bytes before <c>,"hash":</c> ("sha256:" + plain SHA-256 in legacy entries).</summary>
        public string Hash { get; internal set; }

        /// <summary>The file the entry was read from (empty for an entry just written).</summary>
        public string File { get; internal set; } = string.Empty;

        /// <summary>The 1-based line it was read from (0 for an entry just written).</summary>
        public int Line { get; internal set; }

        public override string ToString() => $"#{Sequence} {KindValue} {Action} {ExternalId} {Outcome}".TrimEnd();
    }
}

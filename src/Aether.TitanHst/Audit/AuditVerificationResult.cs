using System.Collections.Generic;

namespace Aether.TitanHst.Audit
{
    /// <summary>What <see cref="AuditLogVerifier"/> found. <see cref="LastHash"/> is worth keeping elsewhere (a ticket, a SIEM): it pins the log as it is now.</summary>
    public sealed class AuditVerificationResult
    {
        internal AuditVerificationResult(string folder, IReadOnlyList<string> files, long entriesChecked, long lastSequence, string? lastHash, AuditLogProblem? firstBadEntry, string? incompleteTail, long? startVouchedBy)
        {
            Folder = folder;
            Files = files;
            EntriesChecked = entriesChecked;
            LastSequence = lastSequence;
            LastHash = lastHash;
            FirstBadEntry = firstBadEntry;
            IncompleteTail = incompleteTail;
            StartVouchedBy = startVouchedBy;
        }

        public bool Passed => FirstBadEntry is null;

        public string Folder { get; }

        /// <summary>The files checked, oldest first.</summary>
        public IReadOnlyList<string> Files { get; }

        public long EntriesChecked { get; }

        public long LastSequence { get; }

        public string? LastHash { get; }

        public AuditLogProblem? FirstBadEntry { get; }

        /// <summary>A last line cut off by a crash ("file:line"); never acknowledged, so not a failure; the next append removes it.</summary>
        public string? IncompleteTail { get; }

        /// <summary>When older files were removed by retention, the sequence of the Retention entry that records it.</summary>
        public long? StartVouchedBy { get; }
    }
}

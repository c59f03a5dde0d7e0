using System.Collections.Generic;

namespace Aether.TitanHst.Audit
{
    /// <summary>What <see cref="AuditLogVerifier"/> found: every check (<see cref="Checks"/>), and the first problem.</summary>
    public sealed class AuditVerificationResult
    {
        internal AuditVerificationResult(string folder, IReadOnlyList<string> files, long entriesChecked, long lastSequence, string? lastHash, AuditLogProblem? firstBadEntry, string? incompleteTail, long? startVouchedBy,
            IReadOnlyList<AuditCheckResult> checks, string? keyId)
        {
            Checks = checks;
            KeyId = keyId;
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

        /// <summary>One result per check, each with the guarantee it gives on this log.</summary>
        public IReadOnlyList<AuditCheckResult> Checks { get; }

        /// <summary>The fingerprint of the installation key used to verify; null when the key is not on this machine.</summary>
        public string? KeyId { get; }

        /// <summary>When older files were removed by retention, the sequence of the Retention entry that records it.</summary>
        public long? StartVouchedBy { get; }
    }
}

using System;
using System.Collections.Generic;

namespace Aether.TitanHst.Audit
{
    /// <summary>
    /// A signed statement of how far the log had reached: the last sequence and hash, and the month files that held
    /// it, signed with the installation key's "audit-checkpoint" key and chained to the checkpoint before it (like
    /// AWS CloudTrail's digest files). Written to <c>checkpoints.jsonl</c> at each run end, access and retention, and
    /// to the anchor outside the folder when one is configured. It is what makes dropping the last entries, or a
    /// whole file, visible.
    /// </summary>
    public sealed class AuditCheckpoint
    {
        internal AuditCheckpoint(long number, DateTimeOffset time, string log, long lastSequence, string lastHash, IReadOnlyList<string> files, string keyId, string? previousMac)
        {
            Number = number;
            Time = time;
            Log = log;
            LastSequence = lastSequence;
            LastHash = lastHash;
            Files = files;
            KeyId = keyId;
            PreviousMac = previousMac;
            Mac = string.Empty;
        }

        /// <summary>1 for the folder's first checkpoint, then one more each.</summary>
        public long Number { get; }

        public DateTimeOffset Time { get; }

        /// <summary>The audit folder it vouches for (full path), so one anchor can serve several logs.</summary>
        public string Log { get; }

        /// <summary>The sequence of the last entry when the checkpoint was written.</summary>
        public long LastSequence { get; }

        /// <summary>That entry's hash.</summary>
        public string LastHash { get; }

        /// <summary>The month files in the folder at that moment.</summary>
        public IReadOnlyList<string> Files { get; }

        /// <summary>The installation key's fingerprint (never the key).</summary>
        public string KeyId { get; }

        /// <summary>The previous checkpoint's MAC; null for the first.</summary>
        public string? PreviousMac { get; }

        /// <summary>"hmac-sha256:" + the signature over the line's bytes before <c>,"mac":</c>.</summary>
        public string Mac { get; internal set; }

        /// <summary>Whether the signature verified under the installation key (set by the verifier; null when the key is absent).</summary>
        public bool? SignatureValid { get; internal set; }

        /// <summary>Where it was read (file and line, or the anchor's description).</summary>
        public string Source { get; internal set; } = string.Empty;

        public override string ToString() => $"checkpoint {Number} at sequence {LastSequence} ({AuditEntryJson.FormatTime(Time)})";
    }
}

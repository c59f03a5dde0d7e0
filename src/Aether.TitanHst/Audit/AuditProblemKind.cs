namespace Aether.TitanHst.Audit
{
    /// <summary>What the verifier found wrong.</summary>
    public enum AuditProblemKind
    {
        /// <summary>The line's bytes no longer match the hash it carries (or it is not an entry at all); the links around it are intact.</summary>
        Altered,

        /// <summary>Entries are missing before this place: a sequence gap, a missing file, or a start no retention entry vouches for.</summary>
        Removed,

        /// <summary>A line that does not belong in the chain: a repeated or out-of-order sequence, or a link that matches neither neighbour.</summary>
        Inserted,

        /// <summary>An entry after the last checkpoint whose MAC does not verify: appended by someone without the installation key.</summary>
        ForgedEntry,

        /// <summary>Entries rewritten and their hashes recomputed without the installation key (the chain links, the MACs do not), or an entry a checkpoint recorded differently.</summary>
        Rechained,

        /// <summary>The log ends before the sequence a signed checkpoint (or the anchor) recorded: its last entries were removed.</summary>
        Truncated,

        /// <summary>A month file a signed checkpoint named is gone and no Retention entry records removing it.</summary>
        FileDeleted,

        /// <summary>The anchor holds checkpoints of this log but the folder holds no entries: the whole log was deleted.</summary>
        LogDeleted,

        /// <summary>A checkpoint whose signature does not verify under the installation key, or that breaks the checkpoints' chain.</summary>
        CheckpointInvalid,
    }
}

namespace Aether.TitanHst.Audit
{
    /// <summary>What the verifier found wrong with the first bad entry.</summary>
    public enum AuditProblemKind
    {
        /// <summary>The line's bytes no longer hash to the hash it carries (or it is not an entry at all).</summary>
        Altered,

        /// <summary>Entries are missing before this place: a sequence gap, a missing file, or a start no retention entry vouches for.</summary>
        Removed,

        /// <summary>A line that does not belong in the chain: a repeated or out-of-order sequence, or a forged link.</summary>
        Inserted,
    }
}

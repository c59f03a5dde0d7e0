namespace Aether.TitanHst.Apply
{
    /// <summary>How applying one change ended.</summary>
    public enum ApplyOutcomeKind
    {
        /// <summary>TitanHST now holds what the change asked for (confirmed by reading it back on a resume).</summary>
        Succeeded,

        /// <summary>The call failed after its retries; the change stays pending for the next run.</summary>
        Failed,

        /// <summary>The TitanHST record changed since the diff (its ETag no longer matches); nothing was overwritten. Diff again.</summary>
        Stale,

        /// <summary>Not attempted: a conflict, a held-back change, or a no-op.</summary>
        Skipped,

        /// <summary>Not attempted: the operator answered No (or No to All) at the confirmation prompt. Counted and audited, never retried.</summary>
        Declined,
    }
}

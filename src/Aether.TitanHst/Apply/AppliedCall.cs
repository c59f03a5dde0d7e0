namespace Aether.TitanHst.Apply
{
    /// <summary>What one change's calls to TitanHST came to.</summary>
    internal readonly struct AppliedCall
    {
        internal AppliedCall(ApplyOutcomeKind outcome, int? status, int attempts, string? reason, string? targetId)
        {
            Outcome = outcome;
            Status = status;
            Attempts = attempts;
            Reason = reason;
            TargetId = targetId;
        }

        internal ApplyOutcomeKind Outcome { get; }

        internal int? Status { get; }

        internal int Attempts { get; }

        internal string? Reason { get; }

        internal string? TargetId { get; }

        /// <summary>The client's breaker refused the call (TitanHST had been failing): the error, for how long to wait.</summary>
        internal Client.TitanHstApiException? Breaker { get; init; }
    }
}

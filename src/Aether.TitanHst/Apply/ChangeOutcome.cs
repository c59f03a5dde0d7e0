using System;
using Aether.TitanHst.Diff;

namespace Aether.TitanHst.Apply
{
    /// <summary>What happened to one change in one apply run.</summary>
    public sealed class ChangeOutcome
    {
        internal ChangeOutcome(string runId, StaffChange change, ApplyOutcomeKind outcome, int? httpStatus, int attempts, string? reason, string? targetId, DateTimeOffset at)
        {
            RunId = runId;
            Change = change;
            Outcome = outcome;
            HttpStatus = httpStatus;
            Attempts = attempts;
            Reason = reason;
            TargetId = targetId;
            At = at;
        }

        public string RunId { get; }

        public ChangeAction Action => Change.Action;

        public string ExternalId => Change.ExternalId;

        public string? DisplayName => Change.DisplayName;

        public ApplyOutcomeKind Outcome { get; }

        /// <summary>The final HTTP status, when a call was made.</summary>
        public int? HttpStatus { get; }

        /// <summary>HTTP attempts made, retries included.</summary>
        public int Attempts { get; }

        /// <summary>Why it failed, was stale or was skipped; null on success.</summary>
        public string? Reason { get; }

        /// <summary>The TitanHST id (new for a create).</summary>
        public string? TargetId { get; }

        public DateTimeOffset At { get; }

        public StaffChange Change { get; }

        public override string ToString() => $"{Outcome} {Action} {ExternalId}{(Reason is null ? string.Empty : ": " + Reason)}";
    }
}

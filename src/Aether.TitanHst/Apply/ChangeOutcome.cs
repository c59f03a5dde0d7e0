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
            _outcome = outcome;
            HttpStatus = httpStatus;
            Attempts = attempts;
            Reason = reason;
            TargetId = targetId;
            At = at;
        }

        public string RunId { get; }

        private readonly ApplyOutcomeKind _outcome;

        /// <summary>The change's action as text (as <see cref="StaffChange.GetAction"/> names it).</summary>
        public string Action => GetAction().ToString();

        /// <summary>The change's action, typed.</summary>
        public ChangeAction GetAction() => Change.GetAction();

        public string ExternalId => Change.ExternalId;

        public string? DisplayName => Change.DisplayName;

        /// <summary>Succeeded, Failed, Stale, Skipped... as text, for Where-Object, Export-Csv and ConvertTo-Json.</summary>
        public string Outcome => _outcome.ToString();

        /// <summary>The outcome, typed (a method, so it never serializes as a number).</summary>
        public ApplyOutcomeKind GetOutcome() => _outcome;

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

        public override string ToString() => $"{_outcome} {GetAction()} {ExternalId}{(Reason is null ? string.Empty : ": " + Reason)}";
    }
}

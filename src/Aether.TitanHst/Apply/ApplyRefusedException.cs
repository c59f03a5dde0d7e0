using System;

namespace Aether.TitanHst.Apply
{
    /// <summary>The run was refused before anything was written, and why, with a stable id.</summary>
    public sealed class ApplyRefusedException : Exception
    {
        public ApplyRefusedException(string errorId, string message)
            : base(message) => ErrorId = errorId;

        public string ErrorId { get; }
    }

    /// <summary>Stable ids for refused runs.</summary>
    public static class ApplyErrorIds
    {
        public const string DiffBlocked = nameof(DiffBlocked);
        public const string DeleteNotAllowed = nameof(DeleteNotAllowed);
        public const string RoleChangeNotAllowed = nameof(RoleChangeNotAllowed);
        public const string ChangesFromSeveralDiffs = nameof(ChangesFromSeveralDiffs);
        public const string TargetBusy = nameof(TargetBusy);
        public const string RunNotFound = nameof(RunNotFound);
        public const string JournalInvalid = nameof(JournalInvalid);
        public const string NothingToApply = nameof(NothingToApply);
        public const string ContractRequired = nameof(ContractRequired);
        public const string ContractMismatch = nameof(ContractMismatch);
        public const string ValueRejectedByContract = nameof(ValueRejectedByContract);
        public const string WrongTarget = nameof(WrongTarget);
        public const string TargetUnknown = nameof(TargetUnknown);
        public const string RunDamaged = nameof(RunDamaged);
        public const string RunPathInvalid = nameof(RunPathInvalid);
        public const string TargetUnavailable = nameof(TargetUnavailable);
        public const string SchemaChanged = nameof(SchemaChanged);
        public const string PlanAlreadyApplied = nameof(PlanAlreadyApplied);
        public const string ApprovalRequired = nameof(ApprovalRequired);
        public const string AuditChainMismatch = nameof(AuditChainMismatch);
        public const string ChangesClaimedByRun = nameof(ChangesClaimedByRun);
        public const string ThresholdBaselineUnverified = nameof(ThresholdBaselineUnverified);
    }
}

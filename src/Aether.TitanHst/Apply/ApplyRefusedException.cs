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
    }
}

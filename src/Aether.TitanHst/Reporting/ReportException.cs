using System;

namespace Aether.TitanHst.Reporting
{
    /// <summary>A report cannot be built, and why, with a stable id.</summary>
    public sealed class ReportException : Exception
    {
        public ReportException(string errorId, string message)
            : base(message) => ErrorId = errorId;

        public string ErrorId { get; }
    }

    /// <summary>Stable ids for reports that cannot be built.</summary>
    public static class ReportErrorIds
    {
        /// <summary>No run folder (run.json and plan.json) for the run id.</summary>
        public const string RunNotFound = nameof(RunNotFound);

        /// <summary>The run's folder cannot be trusted (run.json missing, edited or from another installation).</summary>
        public const string RunDamaged = nameof(RunDamaged);

        /// <summary>The contract given is another district's contract than the run's.</summary>
        public const string ContractMismatch = nameof(ContractMismatch);
    }
}

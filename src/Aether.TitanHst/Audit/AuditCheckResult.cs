namespace Aether.TitanHst.Audit
{
    /// <summary>
    /// One check of <see cref="AuditLogVerifier"/>: what was checked, the guarantee it gives on this log (keyed,
    /// unkeyed legacy, or none), whether it passed, and what it found.
    /// </summary>
    public sealed class AuditCheckResult
    {
        public const string Entries = nameof(Entries);
        public const string Chain = nameof(Chain);
        public const string Start = nameof(Start);
        public const string Checkpoints = nameof(Checkpoints);
        public const string Truncation = nameof(Truncation);
        public const string Files = nameof(Files);
        public const string Anchor = nameof(Anchor);

        internal AuditCheckResult(string check, string guarantee, bool passed, string detail, AuditProblemKind? problem = null)
        {
            Check = check;
            Guarantee = guarantee;
            Passed = passed;
            Detail = detail;
            _problem = problem;
        }

        /// <summary>Entries, Chain, Start, Checkpoints, Truncation, Files, Anchor.</summary>
        public string Check { get; }

        /// <summary>What passing this check proves about this log (and what it cannot).</summary>
        public string Guarantee { get; }

        public bool Passed { get; }

        /// <summary>What was found: counts when it passed; the problem, with file, line and sequence, when not.</summary>
        public string Detail { get; }

        /// <summary>The problem found (ForgedEntry, Rechained, Truncated, FileDeleted, LogDeleted, CheckpointInvalid, Altered, Removed, Inserted).</summary>
        public string? Problem => _problem?.ToString();

        /// <summary>The problem, typed (a method, so it never serializes as a number).</summary>
        public AuditProblemKind? GetProblem() => _problem;

        private readonly AuditProblemKind? _problem;

        public override string ToString() => $"{Check}: {(Passed ? "passed" : "FAILED")} ({Guarantee}) {Detail}";
    }
}

namespace Aether.TitanHst.Audit
{
    /// <summary>The first place where the log is not what was written: file, line, sequence, what and why.</summary>
    public sealed class AuditLogProblem
    {
        public AuditLogProblem(string file, int line, long sequence, AuditProblemKind problem, string message)
        {
            File = file;
            Line = line;
            Sequence = sequence;
            _problem = problem;
            Message = message;
        }

        public string File { get; }

        /// <summary>1-based. For Removed, the line where the missing entries were (the entry after the gap).</summary>
        public int Line { get; }

        /// <summary>The entry's sequence; for Removed, the first missing one; for an unreadable line, the one it should have had.</summary>
        public long Sequence { get; }

        private readonly AuditProblemKind _problem;

        /// <summary>ForgedEntry, Rechained, Truncated, ... as text; typed through <see cref="GetProblem"/>.</summary>
        public string Problem => _problem.ToString();

        /// <summary>The problem, typed (a method, so it never serializes as a number).</summary>
        public AuditProblemKind GetProblem() => _problem;

        public string Message { get; }

        public override string ToString() => $"{File}:{Line}: sequence {Sequence}: {_problem}: {Message}";
    }
}

namespace Aether.TitanHst.Plan
{
    /// <summary>How a person's change in a fresh diff differs from the reviewed plan.</summary>
    public enum PlanDifferenceKind
    {
        /// <summary>The fresh diff has a change the plan lacks.</summary>
        Added,

        /// <summary>The plan has a change the fresh diff no longer has (already applied, or the sources changed back).</summary>
        Removed,

        /// <summary>The action differs (for example Update then, Conflict now).</summary>
        ActionChanged,

        /// <summary>Same action, different field changes.</summary>
        FieldsChanged,

        /// <summary>The TitanHST record changed since the review (its ETag differs): applying the plan would give Stale.</summary>
        TargetChanged,

        /// <summary>Blocked or held back then, not now, or the other way round.</summary>
        SafetyChanged,
    }

    /// <summary>One person whose change is not what was reviewed.</summary>
    public sealed class PlanDifference
    {
        internal PlanDifference(PlanDifferenceKind kind, string externalId, string? planned, string? current, string detail)
        {
            _kind = kind;
            ExternalId = externalId;
            Planned = planned;
            Current = current;
            Detail = detail;
        }

        private readonly PlanDifferenceKind _kind;

        /// <summary>Added, Removed, ActionChanged, ... as text; typed through <see cref="GetKind"/>.</summary>
        public string Kind => _kind.ToString();

        /// <summary>The kind, typed (a method, so it never serializes as a number).</summary>
        public PlanDifferenceKind GetKind() => _kind;

        public string ExternalId { get; }

        /// <summary>The change as reviewed, in one line (null when Added).</summary>
        public string? Planned { get; }

        /// <summary>The change as the fresh diff has it, in one line (null when Removed).</summary>
        public string? Current { get; }

        public string Detail { get; }

        public override string ToString() => $"{_kind} {ExternalId}: {Detail}";
    }
}

namespace Aether.TitanHst.Normalization
{
    /// <summary>What applying one normalization rule to one value gave.</summary>
    public enum RuleOutcomeKind
    {
        /// <summary>The rule produced a value (possibly empty) for the next rule.</summary>
        Value,

        /// <summary>The value cannot be normalized (bad date, bad email, unmapped code under an error policy).</summary>
        Invalid,

        /// <summary>The contract says a record with this value is left out (unmapped code under a skip policy).</summary>
        SkipRecord,
    }

    /// <summary>The result of a rule: a value, or why there is none.</summary>
    public readonly struct RuleOutcome
    {
        private RuleOutcome(RuleOutcomeKind kind, string value, string? reason, bool unmappedCode = false)
        {
            Kind = kind;
            Value = value;
            Reason = reason;
            IsUnmappedCode = unmappedCode;
        }

        public RuleOutcomeKind Kind { get; }

        public string Value { get; }

        public string? Reason { get; }

        /// <summary>True when the value is a code that a value map or mapping table does not list.</summary>
        public bool IsUnmappedCode { get; }

        public static RuleOutcome Ok(string value) => new(RuleOutcomeKind.Value, value, null);

        public static RuleOutcome Invalid(string value, string reason) => new(RuleOutcomeKind.Invalid, value, reason);

        public static RuleOutcome Skip(string value, string reason) => new(RuleOutcomeKind.SkipRecord, value, reason, unmappedCode: true);

        public static RuleOutcome Unmapped(string code, string reason) => new(RuleOutcomeKind.Invalid, code, reason, unmappedCode: true);
    }
}

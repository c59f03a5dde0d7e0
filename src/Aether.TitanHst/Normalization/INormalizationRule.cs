namespace Aether.TitanHst.Normalization
{
    /// <summary>One step of a field's normalization pipeline, as named in the contract.</summary>
    public interface INormalizationRule
    {
        /// <summary>The rule's name in the contract (for example <c>trim</c>, <c>date</c>, <c>lookup</c>).</summary>
        string Name { get; }

        /// <summary>Applies the rule. The input is never null; an empty string means blank.</summary>
        RuleOutcome Apply(string value);
    }
}

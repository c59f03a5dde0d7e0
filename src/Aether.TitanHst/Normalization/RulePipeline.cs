using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;

namespace Aether.TitanHst.Normalization
{
    /// <summary>Runs rules in order, stopping at the first that cannot produce a value.</summary>
    public sealed class RulePipeline
    {
        public static readonly RulePipeline Empty = new(System.Array.Empty<INormalizationRule>());

        private readonly INormalizationRule[] _rules;

        public RulePipeline(IEnumerable<INormalizationRule> rules) => _rules = rules.ToArray();

        public IReadOnlyList<INormalizationRule> Rules => _rules;

        [MethodImpl(Hot.Path)]
        public RuleOutcome Apply(string value)
        {
            var outcome = RuleOutcome.Ok(value);
            foreach (var rule in _rules)
            {
                outcome = rule.Apply(outcome.Value);
                if (outcome.Kind != RuleOutcomeKind.Value)
                {
                    return outcome;
                }
            }

            return outcome;
        }

        public override string ToString() => string.Join(", ", _rules.Select(r => r.Name));
    }
}

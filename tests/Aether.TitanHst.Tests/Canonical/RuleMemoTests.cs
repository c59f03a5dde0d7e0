using System;
using System.Collections.Generic;
using System.Linq;
using Aether.TitanHst.Canonical;
using Aether.TitanHst.Normalization;

namespace Aether.TitanHst.Tests.Canonical
{
    /// <summary>
    /// The rule memo gives what the rules give, whether it remembers a value or not (a builder skips it for values its
    /// <see cref="SharedValueMemo{T}"/> remembers): the same kind, value and reason, for plain, unmapped and repeated values.
    /// </summary>
    public sealed class RuleMemoTests
    {
        [Fact]
        public void Remembered_or_not_an_outcome_is_what_the_rules_give()
        {
            var rules = new RulePipeline(new INormalizationRule[]
            {
                new TrimRule(),
                new CaseRule(upper: true),
                new ValueMapRule(new Dictionary<string, string>(StringComparer.Ordinal) { ["TCH"] = "TEACHER", ["AIDE"] = "AIDE" }, ignoreCase: false, UnmappedPolicy.Error),
            });
            var values = Enumerable.Range(0, 6000).Select(i => (i % 5) switch { 0 => " tch ", 1 => "aide", 2 => "xyz", 3 => "TCH", _ => "none" + (i % 7) }).ToArray();
            var remembering = new RuleMemo();
            var notRemembering = new RuleMemo();
            foreach (var raw in values)
            {
                var expected = rules.Apply(raw);
                foreach (var outcome in new[] { remembering.Apply(rules, raw), notRemembering.Apply(rules, raw, remember: false), remembering.Apply(rules, raw, remember: false) })
                {
                    Assert.Equal(expected.Kind, outcome.Kind);
                    Assert.Equal(expected.Value, outcome.Value);
                    Assert.Equal(expected.Reason, outcome.Reason);
                    Assert.Equal(expected.IsUnmappedCode, outcome.IsUnmappedCode);
                }
            }

            Assert.Equal(RuleOutcomeKind.Invalid, rules.Apply("xyz").Kind);
        }
    }
}

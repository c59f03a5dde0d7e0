using System;
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

        /// <summary>
        /// Whether every rule would give <paramref name="value"/> back as it is, told from its characters without making
        /// a string; false when it cannot be told so (a rule other than trim, case, stripLeadingZeros, nfc or
        /// collapseWhitespace), so the caller applies the rules. For printable ASCII only (U+0020-U+007E), where the
        /// only white space is the space and case is A-Z and a-z: the reader's check before it calls this.
        /// </summary>
        [MethodImpl(Hot.Path)]
        internal bool LeavesPrintableAsciiUnchanged(ReadOnlySpan<char> value)
        {
            foreach (var rule in _rules)
            {
                var unchanged = rule switch
                {
                    TrimRule => value.Length == 0 || (value[0] != ' ' && value[value.Length - 1] != ' '),
                    CaseRule { Upper: true } => !Contains(value, 'a', 'z'),
                    CaseRule => !Contains(value, 'A', 'Z'),
                    StripLeadingZerosRule => !(value.Length > 1 && value[0] == '0' && value[1] != ' '),
                    NfcRule => true,
                    CollapseWhitespaceRule => value.IndexOf("  ".AsSpan()) < 0,
                    _ => false,
                };
                if (!unchanged)
                {
                    return false;
                }
            }

            return true;
        }

        private static bool Contains(ReadOnlySpan<char> value, char first, char last)
        {
            foreach (var c in value)
            {
                if (c >= first && c <= last)
                {
                    return true;
                }
            }

            return false;
        }

        public override string ToString() => string.Join(", ", _rules.Select(r => r.Name));
    }
}

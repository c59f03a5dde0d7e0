using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Aether.TitanHst.Normalization;

namespace Aether.TitanHst.Canonical
{
    /// <summary>
    /// Remembers, for one extraction, what a rule pipeline made of a raw value, so a column with few distinct values
    /// (status, job class, site, title, dates) runs its rules once per value instead of once per person. Only plain
    /// values are remembered: an invalid or skipped outcome is computed again each time, so every person still gets
    /// their own issue. Adaptive: a pipeline whose values rarely repeat (names, e-mail) stops being remembered.
    /// </summary>
    internal sealed class RuleMemo
    {
        private const int Capacity = 16384;
        private const int Trial = 4096;

        private readonly ConditionalWeakTable<RulePipeline, Memo> _memos = new();

        /// <summary>
        /// What <paramref name="rules"/> make of <paramref name="raw"/>. <paramref name="remember"/> false when the caller
        /// remembers the outcome itself (<see cref="SharedValueMemo{T}"/>): the rules then simply run. Rules are pure and
        /// only a plain value (<see cref="RuleOutcome.Ok"/>, which carries nothing else) is remembered, so the outcome
        /// is the same either way.
        /// </summary>
        [MethodImpl(Hot.Path)]
        internal RuleOutcome Apply(RulePipeline rules, string raw, bool remember = true)
        {
            if (ReferenceEquals(rules, RulePipeline.Empty) || rules.Rules.Count == 0)
            {
                return RuleOutcome.Ok(raw);
            }

            if (!remember)
            {
                return rules.Apply(raw);
            }

            var memo = _memos.GetValue(rules, _ => new Memo());
            if (memo.Off)
            {
                return rules.Apply(raw);
            }

            memo.Lookups++;
            if (memo.Values.TryGetValue(raw, out var known))
            {
                memo.Hits++;
                return RuleOutcome.Ok(known);
            }

            if (memo.Lookups == Trial && memo.Hits < Trial / 4)
            {
                memo.Off = true;
                memo.Values.Clear();
            }

            var outcome = rules.Apply(raw);
            if (outcome.Kind == RuleOutcomeKind.Value && !memo.Off && memo.Values.Count < Capacity)
            {
                memo.Values[raw] = outcome.Value;
            }

            return outcome;
        }

        private sealed class Memo
        {
            internal readonly Dictionary<string, string> Values = new(StringComparer.Ordinal);
            internal int Lookups;
            internal int Hits;
            internal bool Off;
        }
    }
}

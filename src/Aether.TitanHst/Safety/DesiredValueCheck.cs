using System;
using System.Collections.Generic;
using System.Linq;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Diff;
using Aether.TitanHst.Normalization;

namespace Aether.TitanHst.Safety
{
    /// <summary>
    /// Whether the values a change would write are values the contract could have produced: owned fields only, each
    /// value a possible output of its field's rules (an email in an allowed domain, a code from the mapping table, a
    /// date in the output format, within the maximum length). Apply runs it on exactly what it is about to write, so a
    /// value edited into a plan is refused even when its marks look clean.
    /// </summary>
    /// <remarks>
    /// Each field's rules are read backwards from the value: a rule that checks its output (email, phone, maxLength)
    /// must accept the value unchanged; a rule that replaces the value wholesale (lookup, map, date) must list it
    /// among its outputs, and rules before it no longer say anything; rules that only reshape text add nothing. A
    /// field with several candidate columns accepts the value when any candidate's rules do.
    /// </remarks>
    public static class DesiredValueCheck
    {
        /// <summary>Every problem with the values of <paramref name="change"/>, as "field: reason" (never the value itself).</summary>
        public static IReadOnlyList<string> Problems(StaffChange change, MappingContract contract)
        {
            var problems = new List<string>();
            var desired = change.GetDesiredFields();
            var writes = change.GetAction() is ChangeAction.Create or ChangeAction.Update or ChangeAction.Reactivate;
            if (!writes)
            {
                if (desired.Count > 0)
                {
                    problems.Add($"a {change.GetAction()} writes no field values, yet {desired.Count} are given");
                }

                return problems;
            }

            var key = contract.Join.KeyRules.Apply(change.GetExternalId());
            if (change.GetExternalId().Length == 0 || key.Kind != RuleOutcomeKind.Value || !string.Equals(key.Value, change.GetExternalId(), StringComparison.Ordinal))
            {
                problems.Add($"{contract.MatchKeyField}: is not a match key the contract's key rules produce");
            }

            if (change.GetAction() != ChangeAction.Create)
            {
                var changed = change.GetFieldChanges().ToDictionary(f => f.Field, f => f.New, StringComparer.Ordinal);
                if (changed.Count != desired.Count || desired.Any(d => !changed.TryGetValue(d.Key, out var n) || !FieldValues.Same(n, d.Value)))
                {
                    problems.Add("the values to write are not the field changes shown for review");
                }
            }

            var owned = contract.Fields.Where(f => f.Owned).ToDictionary(f => f.Name, StringComparer.Ordinal);
            foreach (var pair in desired)
            {
                if (!owned.TryGetValue(pair.Key, out var field))
                {
                    problems.Add($"{pair.Key}: is not a field the contract owns");
                    continue;
                }

                var value = pair.Value ?? string.Empty;
                if (value.Length == 0)
                {
                    if (field.Required)
                    {
                        problems.Add($"{field.Name}: is required and blank");
                    }

                    continue;
                }

                var reason = Check(field, value);
                if (reason is not null)
                {
                    problems.Add($"{field.Name}: {reason}");
                }
            }

            if (change.GetAction() == ChangeAction.Create)
            {
                foreach (var field in owned.Values.Where(f => f.Required && !desired.ContainsKey(f.Name)))
                {
                    problems.Add($"{field.Name}: is required and missing");
                }
            }

            return problems;
        }

        // Null when some candidate's rules (then the field's rules) could have produced the value.
        private static string? Check(FieldDefinition field, string value)
        {
            var candidates = field.Candidates.Count == 0 ? new[] { RulePipeline.Empty } : field.Candidates.Select(c => c.Rules).ToArray();
            string? first = null;
            foreach (var candidate in candidates)
            {
                var rules = candidate.Rules.Concat(field.Rules.Rules).ToList();
                var reason = Walk(rules, value);
                if (reason is null)
                {
                    return null;
                }

                first ??= reason;
            }

            return first;
        }

        private static string? Walk(List<INormalizationRule> rules, string value)
        {
            for (var i = rules.Count - 1; i >= 0; i--)
            {
                switch (rules[i])
                {
                    case EmailRule or PhoneRule:
                        var outcome = rules[i].Apply(value);
                        if (outcome.Kind != RuleOutcomeKind.Value)
                        {
                            return outcome.Reason;
                        }

                        if (!string.Equals(outcome.Value, value, StringComparison.Ordinal))
                        {
                            return $"is not written the way the {rules[i].Name} rule writes it";
                        }

                        break;
                    case MaxLengthRule max when value.Length > max.Max:
                        return $"is {value.Length} characters long; at most {max.Max} are allowed";
                    case DateRule date:
                        return date.IsOutput(value) ? null : "is not a date in the contract's output format";
                    case LookupRule { Table: MappingTable table }:
                        if (table.Unmapped.Action == UnmappedAction.Keep
                            || table.Entries.Any(e => string.Equals(e.Value, value, StringComparison.Ordinal))
                            || (table.Unmapped.Action == UnmappedAction.Default && string.Equals(table.Unmapped.DefaultValue, value, StringComparison.Ordinal)))
                        {
                            return null;
                        }

                        return $"is not a value of mapping table '{table.Name}'";
                    case ValueMapRule map:
                        return map.KeepsUnmapped || map.Outputs.Contains(value, StringComparer.Ordinal) ? null : "is not a value of the field's value map";
                    case DefaultRule fixedValue when string.Equals(fixedValue.Value, value, StringComparison.Ordinal):
                        return null;
                }
            }

            return null;
        }
    }
}

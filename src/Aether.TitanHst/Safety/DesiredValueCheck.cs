using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
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
        // Per contract, built once: the check runs for every change of a diff (~19k at 100k staff).
        private static readonly ConditionalWeakTable<MappingContract, Dictionary<string, FieldDefinition>> OwnedFields = new();
        private static readonly ConditionalWeakTable<FieldDefinition, List<INormalizationRule>[]> CandidateRules = new();

        /// <summary>Every problem with the values of <paramref name="change"/>, as "field: reason" (never the value itself).</summary>
        public static IReadOnlyList<string> Problems(StaffChange change, MappingContract contract)
        {
            // Most changes have no problem: the list is made for the first one (an empty array is returned otherwise).
            List<string>? problems = null;
            var desired = change.GetDesiredFields();
            var writes = change.GetAction() is ChangeAction.Create or ChangeAction.Update or ChangeAction.Reactivate;
            if (!writes)
            {
                if (desired.Count > 0)
                {
                    Add(ref problems, $"a {change.GetAction()} writes no field values, yet {desired.Count} are given");
                }

                return problems ?? (IReadOnlyList<string>)Array.Empty<string>();
            }

            var key = contract.Join.KeyRules.Apply(change.GetExternalId());
            if (change.GetExternalId().Length == 0 || key.Kind != RuleOutcomeKind.Value || !string.Equals(key.Value, change.GetExternalId(), StringComparison.Ordinal))
            {
                Add(ref problems, $"{contract.MatchKeyField}: is not a match key the contract's key rules produce");
            }

            if (change.GetAction() != ChangeAction.Create && !DesiredAreFieldChanges(change.GetFieldChanges(), desired))
            {
                Add(ref problems, "the values to write are not the field changes shown for review");
            }

            var owned = OwnedFields.GetValue(contract, c => c.Fields.Where(f => f.Owned).ToDictionary(f => f.Name, StringComparer.Ordinal));
            if (desired is Dictionary<string, string?> values)
            {
                // The diff's own changes: the dictionary's struct enumerator, not a boxed one per change.
                foreach (var pair in values)
                {
                    CheckValue(owned, pair, ref problems);
                }
            }
            else
            {
                foreach (var pair in desired)
                {
                    CheckValue(owned, pair, ref problems);
                }
            }

            if (change.GetAction() == ChangeAction.Create)
            {
                foreach (var field in owned.Values)
                {
                    if (field.Required && !desired.ContainsKey(field.Name))
                    {
                        Add(ref problems, $"{field.Name}: is required and missing");
                    }
                }
            }

            return problems ?? (IReadOnlyList<string>)Array.Empty<string>();
        }

        private static void CheckValue(Dictionary<string, FieldDefinition> owned, KeyValuePair<string, string?> pair, ref List<string>? problems)
        {
            if (!owned.TryGetValue(pair.Key, out var field))
            {
                Add(ref problems, $"{pair.Key}: is not a field the contract owns");
                return;
            }

            var value = pair.Value ?? string.Empty;
            if (value.Length == 0)
            {
                if (field.Required)
                {
                    Add(ref problems, $"{field.Name}: is required and blank");
                }

                return;
            }

            var reason = Check(field, value);
            if (reason is not null)
            {
                Add(ref problems, $"{field.Name}: {reason}");
            }
        }

        private static void Add(ref List<string>? problems, string problem) => (problems ??= new List<string>()).Add(problem);

        /// <summary>True when the values to write are exactly the field changes' new values (blank equal to absent).</summary>
        private static bool DesiredAreFieldChanges(IReadOnlyList<FieldChange> changes, IReadOnlyDictionary<string, string?> desired)
        {
            // A field named twice makes ToDictionary throw, as it always has; otherwise a search of the few changes
            // answers the same as the dictionary did, without building one per change.
            for (var i = 1; i < changes.Count; i++)
            {
                for (var j = 0; j < i; j++)
                {
                    if (string.Equals(changes[i].Field, changes[j].Field, StringComparison.Ordinal))
                    {
                        _ = changes.ToDictionary(f => f.Field, f => f.New, StringComparer.Ordinal);
                    }
                }
            }

            if (changes.Count != desired.Count)
            {
                return false;
            }

            // As many distinct fields as values to write: every value has its change exactly when every change
            // has its value, and the changes are walked by index (no enumerator of the dictionary per change).
            for (var i = 0; i < changes.Count; i++)
            {
                if (!desired.TryGetValue(changes[i].Field, out var value) || !FieldValues.Same(changes[i].New, value))
                {
                    return false;
                }
            }

            return true;
        }

        // Null when some candidate's rules (then the field's rules) could have produced the value.
        private static string? Check(FieldDefinition field, string value)
        {
            string? first = null;
            foreach (var rules in CandidateRules.GetValue(field, RulesOf))
            {
                var reason = Walk(rules, value);
                if (reason is null)
                {
                    return null;
                }

                first ??= reason;
            }

            return first;
        }

        // Each candidate's rules followed by the field's, once per field rather than once per value checked.
        private static List<INormalizationRule>[] RulesOf(FieldDefinition field)
        {
            var candidates = field.Candidates.Count == 0 ? new[] { RulePipeline.Empty } : field.Candidates.Select(c => c.Rules).ToArray();
            return candidates.Select(candidate => candidate.Rules.Concat(field.Rules.Rules).ToList()).ToArray();
        }

        // A loop rather than Any with a lambda: the lambda's closure over the value was made on every Walk, whatever the rule.
        private static bool IsEntryValue(MappingTable table, string value)
        {
            foreach (var entry in table.Entries)
            {
                if (string.Equals(entry.Value, value, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
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
                            || IsEntryValue(table, value)
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

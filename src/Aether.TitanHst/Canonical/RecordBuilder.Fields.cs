using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Normalization;

namespace Aether.TitanHst.Canonical
{
    /// <summary>
    /// One field's value for one person: the first candidate source with a value, in the contract's precedence, run
    /// through its rules (remembered per repeated value), or the issue that says why the field has none.
    /// </summary>
    internal sealed partial class RecordBuilder
    {
        /// <summary>The assignments field's canonical text, or a field mirroring the primary assignment's site or role.</summary>
        [MethodImpl(Hot.Path)]
        private (string? Value, RuleOutcomeKind Kind) FromPositions(FieldDefinition field, PositionOutcome positions, string key, SourceRow?[] rows, List<ExtractIssue> issues)
        {
            var value = field.FromAssignments switch
            {
                AssignmentPart.Site => positions.PrimarySite,
                AssignmentPart.Role => positions.PrimaryRole,
                _ => positions.AssignmentsText,
            };
            if (value is null && field.Required)
            {
                var row = FirstRow(rows);
                issues.Add(Issue(IssueSeverity.Error, ExtractErrorIds.RequiredFieldMissing, field, null, row, key,
                    $"required field '{field.Name}' is blank: the person has no current position"));
                return (null, RuleOutcomeKind.Invalid);
            }

            return (value, RuleOutcomeKind.Value);
        }

        [MethodImpl(Hot.Path)]
        private (string? Value, RuleOutcomeKind Kind) Resolve(int fieldIndex, string key, SourceRow?[] rows, List<ExtractIssue> issues)
        {
            var field = _contract.Fields[fieldIndex];
            var shared = _shared[fieldIndex];
            // The first source the person has, to point at when no candidate fills the field.
            FieldCandidate? firstPresent = null;
            SourceRow? firstPresentRow = null;
            var candidates = field.Candidates;
            for (var c = 0; c < candidates.Count; c++)
            {
                var candidate = candidates[c];
                if (rows[candidate.SourceIndex] is not { } row)
                {
                    continue;
                }

                firstPresent ??= candidate;
                firstPresentRow ??= row;
                if (shared[c].TryGet(row, candidate.ColumnOrdinal, out var entry, out var known))
                {
                    if (known.Blank)
                    {
                        continue;
                    }

                    return (known.Value, RuleOutcomeKind.Value);
                }

                var raw = row[candidate.ColumnOrdinal];
                if (!string.IsNullOrWhiteSpace(raw))
                {
                    var before = issues.Count;
                    // A shared value's outcome is remembered by its number (above): the rule memo would only hold a
                    // second copy of it, keyed by string (6 MiB of entries per 100k people). Nor is a value of a
                    // column the read found distinct worth remembering (its memo filled to thousands, then gave up).
                    var result = Normalize(field, candidate, row, raw, key, issues, rememberRules: entry < 0 && !row.Store.IsDistinct(candidate.ColumnOrdinal));
                    if (result.Kind == RuleOutcomeKind.Value && issues.Count == before)
                    {
                        shared[c].Remember(entry, new Normalized(result.Value, blank: false));
                    }

                    return result;
                }

                shared[c].Remember(entry, new Normalized(null, blank: true));
            }

            if (!field.Required)
            {
                return (null, RuleOutcomeKind.Value);
            }

            // None of the field's sources has a row for the person: cite a row they do have, not line 0 of the first source.
            firstPresentRow ??= FirstRow(rows);
            issues.Add(Issue(IssueSeverity.Error, ExtractErrorIds.RequiredFieldMissing, field, firstPresent, firstPresentRow, key,
                $"required field '{field.Name}' is blank in every source it may come from ({string.Join(", ", field.Candidates)})"));
            return (null, RuleOutcomeKind.Invalid);
        }

        [MethodImpl(Hot.Path)]
        private (string? Value, RuleOutcomeKind Kind) Normalize(FieldDefinition field, FieldCandidate winner, SourceRow winnerRow, string raw, string key, List<ExtractIssue> issues, bool rememberRules)
        {
            if (UnsafeCharacters.Any(raw))
            {
                // Checked on the raw value, before any rule, so that a code with a zero-width space still maps.
                var kinds = UnsafeCharacters.Describe(raw);
                if (_contract.InputSafety.UnsafeCharacters == UnsafeCharacterAction.Reject)
                {
                    return Invalid(field, winner, winnerRow, key, RuleOutcome.Invalid(UnsafeCharacters.Strip(raw), $"holds {kinds} (inputSafety.unsafeCharacters: reject)"), issues);
                }

                issues.Add(Issue(IssueSeverity.Warning, ExtractErrorIds.TextCharactersRemoved, field, winner, winnerRow, key,
                    $"{field.Name}: {kinds} removed (inputSafety.unsafeCharacters: strip)"));
                raw = UnsafeCharacters.Strip(raw);
            }

            var outcome = _memo.Apply(winner.Rules, raw, rememberRules);
            if (outcome.Kind == RuleOutcomeKind.Value)
            {
                outcome = _memo.Apply(field.Rules, outcome.Value, rememberRules);
            }

            if (outcome.Kind == RuleOutcomeKind.SkipRecord)
            {
                var issue = Issue(IssueSeverity.Warning, ExtractErrorIds.CodeUnmapped, field, winner, winnerRow, key, $"record skipped: {outcome.Reason}");
                issue.Code = outcome.Value;
                issues.Add(issue);
                return (null, RuleOutcomeKind.SkipRecord);
            }

            if (outcome.Kind == RuleOutcomeKind.Invalid)
            {
                return Invalid(field, winner, winnerRow, key, outcome, issues);
            }

            var normalized = outcome.Value.Length == 0 ? null : outcome.Value;
            if (normalized is null && field.Required)
            {
                issues.Add(Issue(IssueSeverity.Error, ExtractErrorIds.RequiredFieldMissing, field, winner, winnerRow, key,
                    $"required field '{field.Name}' is blank after normalization ({field.Rules})"));
                return (null, RuleOutcomeKind.Invalid);
            }

            return (normalized, RuleOutcomeKind.Value);
        }

        private (string? Value, RuleOutcomeKind Kind) Invalid(FieldDefinition field, FieldCandidate winner, SourceRow row, string key, RuleOutcome outcome, List<ExtractIssue> issues)
        {
            // Personal values stay out of messages; codes and non-personal values help the operator find the row.
            var what = outcome.IsUnmappedCode ? outcome.Reason : field.Pii ? $"the value {outcome.Reason}" : $"'{outcome.Value}' {outcome.Reason}";
            var suffix = field.Invalid switch
            {
                InvalidValueAction.Blank when field.Required => "; a required field cannot be left blank (invalid: blank)",
                InvalidValueAction.Blank => "; field left blank (invalid: blank)",
                InvalidValueAction.SkipRecord => "; record skipped (invalid: skipRecord)",
                _ => string.Empty,
            };
            // "blank" cannot blank a required field: the record then fails, and that is an error, not a warning.
            var severity = field.Invalid == InvalidValueAction.Error || (field.Invalid == InvalidValueAction.Blank && field.Required)
                ? IssueSeverity.Error
                : IssueSeverity.Warning;
            var issue = Issue(severity, outcome.IsUnmappedCode ? ExtractErrorIds.CodeUnmapped : ExtractErrorIds.FieldValueInvalid, field, winner, row, key, $"{field.Name}: {what}{suffix}");
            if (outcome.IsUnmappedCode)
            {
                issue.Code = outcome.Value;
            }

            issues.Add(issue);
            return field.Invalid switch
            {
                InvalidValueAction.Blank when !field.Required => (null, RuleOutcomeKind.Value),
                InvalidValueAction.SkipRecord => (null, RuleOutcomeKind.SkipRecord),
                _ => (null, RuleOutcomeKind.Invalid),
            };
        }

        private ExtractIssue Issue(IssueSeverity severity, string id, FieldDefinition field, FieldCandidate? candidate, SourceRow? row, string key, string message)
        {
            var source = row is { } r ? _contract.Sources[r.SourceIndex] : _contract.Sources[0];
            return new ExtractIssue(severity, id, source.Name, source.Path, row?.Line ?? 0, candidate?.Column ?? string.Empty, field.Name, key, message);
        }

        private static SourceRow? FirstRow(SourceRow?[] rows)
        {
            foreach (var row in rows)
            {
                if (row is not null)
                {
                    return row;
                }
            }

            return null;
        }

        /// <summary>What a candidate's raw value came to: blank (the next candidate is tried), or its normalized value.</summary>
        private readonly struct Normalized
        {
            internal Normalized(string? value, bool blank)
            {
                Value = value;
                Blank = blank;
            }

            internal string? Value { get; }

            internal bool Blank { get; }
        }
    }
}

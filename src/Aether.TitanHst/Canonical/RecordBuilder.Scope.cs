using System;
using System.Linq;
using System.Runtime.CompilerServices;

namespace Aether.TitanHst.Canonical
{
    /// <summary>Who is left out of a built record and why: the contract's conflict rules and scope conditions, as markers with a reason that holds no personal value unless the field is not PII.</summary>
    internal sealed partial class RecordBuilder
    {
        [MethodImpl(Hot.Path)]
        private SourceMarker? Classify(string key, string?[] values, SourceRow?[] rows, ExtractStatistics statistics)
        {
            for (var c = 0; c < _conflicts.Length; c++)
            {
                var (rule, fields) = _conflicts[c];
                var met = true;
                for (var i = 0; i < fields.Length && met; i++)
                {
                    met = rule.When[i].IsMetBy(values[fields[i]]);
                }

                if (met)
                {
                    statistics.Conflicts++;
                    return new SourceMarker(SourceMarkerKind.Conflict, key, _conflictReasons[c], SourceRowReferences.Of(_contract.Sources, rows));
                }
            }

            for (var s = 0; s < _scope.Length; s++)
            {
                var (field, condition) = _scope[s];
                if (values[field] is null && NoRowToRead(field, rows) is { } missing)
                {
                    // Blank because no source the field is read from has a row for this person, though others do: a
                    // key changed in that export, or its row lost, looks exactly like this. Standing unknown, so a
                    // conflict for a person to look at, never "out of scope" (which removes someone from TitanHST).
                    statistics.Conflicts++;
                    return new SourceMarker(SourceMarkerKind.Conflict, key, StandingUnknownReason(field, missing), SourceRowReferences.Of(_contract.Sources, rows));
                }

                if (!condition.IsMetBy(values[field]))
                {
                    statistics.OutOfScope++;
                    return new SourceMarker(SourceMarkerKind.OutOfScope, key, ScopeReason(s, values[field]), SourceRowReferences.Of(_contract.Sources, rows));
                }
            }

            return null;
        }

        /// <summary>
        /// The names of the sources <paramref name="field"/> is read from, when none of them has a row for the person;
        /// null when one has (the value is really blank) or when the field is not read from rows (positions).
        /// </summary>
        private string? NoRowToRead(int field, SourceRow?[] rows)
        {
            var definition = _contract.Fields[field];
            var candidates = definition.Candidates;
            if (candidates.Count == 0 || definition.Positions is not null || definition.FromAssignments is not null)
            {
                return null;
            }

            for (var c = 0; c < candidates.Count; c++)
            {
                if (rows[candidates[c].SourceIndex] is not null)
                {
                    return null;
                }
            }

            return string.Join(", ", candidates.Select(c => c.Source).Distinct(StringComparer.Ordinal));
        }

        private string StandingUnknownReason(int field, string sources) =>
            $"standing unknown: scope reads {_contract.Fields[field].Name}, and {sources} has no row for this person though another source does (a changed key or a lost row in {sources}?)";

        /// <summary>"out of scope: status in (A, L) (status is 'T')": the personal value only for a field that is not PII.</summary>
        [MethodImpl(Hot.Path)]
        private string ScopeReason(int scope, string? value)
        {
            var (field, condition) = _scope[scope];
            var reasons = _scopeReasons[scope];
            var memoKey = value ?? string.Empty;
            if (value is not null && value.Length == 0)
            {
                // Never expected (values are null when blank); not remembered, so blank and empty stay apart.
                memoKey = null;
            }

            if (memoKey is not null && reasons.TryGetValue(memoKey, out var known))
            {
                return known;
            }

            var definition = _contract.Fields[field];
            var actual = definition.Pii ? string.Empty : $" ({definition.Name} is {(value is null ? "blank" : "'" + value + "'")})";
            var reason = $"out of scope: {condition}{actual}";
            if (memoKey is not null && reasons.Count < 4096)
            {
                reasons.Add(memoKey, reason);
            }

            return reason;
        }
    }
}

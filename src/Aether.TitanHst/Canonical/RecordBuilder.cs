using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Normalization;

namespace Aether.TitanHst.Canonical
{
    /// <summary>
    /// Builds one canonical record from a person's source rows: picks each field's value by precedence,
    /// runs the contract's rules, applies scope, and reports what cannot be built.
    /// </summary>
    /// <remarks>
    /// Scope and conflict fields are computed first, so that an out-of-scope person (a substitute, a terminated
    /// employee) never raises an error for a field that would not have been sent anyway, and so that a conflict is
    /// found even for a person the scope would drop (HR says terminated, Aeries says active).
    /// </remarks>
    internal sealed partial class RecordBuilder
    {
        private readonly MappingContract _contract;
        private readonly FieldSchema _schema;
        private readonly int[] _order;
        private readonly int _earlyFieldCount;
        private readonly (int Field, ScopeCondition Condition)[] _scope;
        private readonly (ConflictRule Rule, int[] Fields)[] _conflicts;
        private readonly PositionResolver? _positions;
        private readonly int _positionsField = -1;
        private readonly bool _earlyFieldsFromPositions;
        private readonly RuleMemo _memo = new();

        // Per field and candidate, what its column's repeated values normalize to (a title, a status, a job class):
        // a value met again skips its rules and look-ups. Only what raised no issue is kept.
        private readonly SharedValueMemo<Normalized>[][] _shared;

        // Marker reasons repeat (one text per conflict rule; per scope condition, one per value of its field), so
        // they are made once and shared rather than written again for every person out of scope.
        private readonly string[] _conflictReasons;
        private readonly Dictionary<string, string>[] _scopeReasons;

        // Per-person scratch, reused: one builder builds one person at a time, and nothing keeps these past Build.
        private readonly List<ExtractIssue> _positionIssues = new();
        private SourceRow?[] _rows = Array.Empty<SourceRow?>();

        // The scope and conflict fields' values until the person is known to be in scope: a person out of scope (one
        // in seven of the sample district) then costs no values array of its own.
        private string?[]? _earlyValues;

        /// <param name="contract">The loaded contract.</param>
        /// <param name="schema">Another builder's schema, so records built by two builders of one extraction share it.</param>
        internal RecordBuilder(MappingContract contract, FieldSchema? schema = null)
        {
            _contract = contract;
            _schema = schema ?? new FieldSchema(contract.Fields.Select(f => f.Name));
            var conflictConditions = contract.Policies.Conflicts.SelectMany(r => r.When);
            var earlyFields = contract.Scope.Concat(conflictConditions).Select(c => Ordinal(c.Field)).Distinct().ToList();
            _order = earlyFields.Concat(Enumerable.Range(0, contract.Fields.Count).Except(earlyFields)).ToArray();
            _earlyFieldCount = earlyFields.Count;
            _scope = contract.Scope.Select(c => (Ordinal(c.Field), c)).ToArray();
            _conflicts = contract.Policies.Conflicts.Select(r => (r, r.When.Select(c => Ordinal(c.Field)).ToArray())).ToArray();
            _conflictReasons = contract.Policies.Conflicts.Select(r => $"conflict rule '{r.Name}': {r.Description}".TrimEnd(' ', ':')).ToArray();
            _scopeReasons = _scope.Select(_ => new Dictionary<string, string>(StringComparer.Ordinal)).ToArray();
            _shared = contract.Fields.Select(f => f.Candidates.Select(_ => new SharedValueMemo<Normalized>()).ToArray()).ToArray();
            var positionsField = contract.Fields.FirstOrDefault(f => f.Positions is not null);
            if (positionsField is not null)
            {
                _positions = new PositionResolver(contract, positionsField, _memo);
                _positionsField = Ordinal(positionsField.Name);
                _earlyFieldsFromPositions = _order.Take(_earlyFieldCount)
                    .Any(i => i == _positionsField || contract.Fields[i].FromAssignments is not null);
            }
        }

        internal FieldSchema Schema => _schema;

        /// <summary>
        /// Builds the record, or a marker when the person is out of scope or in conflict; null when the record
        /// cannot be built (the issues say why).
        /// </summary>
        [MethodImpl(Hot.Path)]
        internal ExtractItem? Build(string key, IReadOnlyList<SourceRow>[] all, DateTime asOf, List<ExtractIssue> issues, ExtractStatistics statistics)
        {
            try
            {
                return BuildFromRows(key, all, asOf, issues, statistics);
            }
            finally
            {
                // A row is a view of its whole export's rows: the scratch kept for the next person must not keep
                // every export alive for as long as the builder lives (an extractor outlives its extraction).
                Array.Clear(_rows, 0, _rows.Length);
                if (_earlyValues is not null)
                {
                    // Personal values are not kept past the person either.
                    Array.Clear(_earlyValues, 0, _earlyValues.Length);
                }

                _positions?.ForgetRows();
            }
        }

        [MethodImpl(Hot.Path)]
        private ExtractItem? BuildFromRows(string key, IReadOnlyList<SourceRow>[] all, DateTime asOf, List<ExtractIssue> issues, ExtractStatistics statistics)
        {
            // Positions first: in a source with one row per position, every other field is read from the primary's row.
            if (_rows.Length != all.Length)
            {
                _rows = new SourceRow?[all.Length];
            }

            var rows = _rows;
            for (var s = 0; s < all.Length; s++)
            {
                rows[s] = all[s].Count == 0 ? null : all[s][0];
            }

            PositionOutcome? positions = null;
            var positionIssues = _positionIssues;
            positionIssues.Clear();
            if (_positions is not null)
            {
                positions = _positions.Resolve(key, all, asOf, positionIssues);
                if (!positions.Resolved && _earlyFieldsFromPositions)
                {
                    // Scope or a conflict rule reads the assignments: unknown assignments, unknown standing.
                    issues.AddRange(positionIssues);
                    return null;
                }

                for (var s = 0; s < rows.Length; s++)
                {
                    if (positions.ScalarRows[s] is { } scalar)
                    {
                        rows[s] = scalar;
                    }
                }
            }

            KeepRows(rows);
            // With scope or conflict fields, they are computed into scratch until the person is known to be in scope.
            var values = _earlyFieldCount == 0 ? new string?[_schema.Count] : _earlyValues ??= new string?[_schema.Count];

            var failed = false;
            var skipped = false;
            for (var step = 0; step < _order.Length; step++)
            {
                var index = _order[step];
                var (value, kind) = positions is not null && (index == _positionsField || _contract.Fields[index].FromAssignments is not null)
                    ? !positions.Resolved ? (null, RuleOutcomeKind.Value) : FromPositions(_contract.Fields[index], positions, key, rows, issues)
                    : Resolve(index, key, rows, issues);
                values[index] = value;
                failed |= kind == RuleOutcomeKind.Invalid;
                skipped |= kind == RuleOutcomeKind.SkipRecord;
                if (step < _earlyFieldCount && (failed || skipped))
                {
                    // A scope or conflict field that cannot be computed: the person's standing is unknown, so no record.
                    break;
                }

                if (step == _earlyFieldCount - 1)
                {
                    var marker = Classify(key, values, rows, statistics);
                    if (marker is not null)
                    {
                        return ExtractItem.Of(marker);
                    }

                    // In scope: the record's own array, with the early fields' values.
                    var owned = new string?[_schema.Count];
                    for (var early = 0; early < _earlyFieldCount; early++)
                    {
                        owned[_order[early]] = values[_order[early]];
                    }

                    values = owned;
                }
            }

            if (positions is { Resolved: false })
            {
                // In scope, and a position row could not be read: no record (a substitute's unmapped job class,
                // out of scope above, never gets here).
                issues.AddRange(positionIssues);
                return null;
            }

            if (failed || skipped)
            {
                if (!failed)
                {
                    statistics.Skipped++;
                }

                return null;
            }

            // With positions, one object is both the provenance (every row) and the assignments' rows.
            var provenance = positions is null
                ? SourceRowReferences.Of(_contract.Sources, rows)
                : AssignmentRows.Of(_contract.Sources, all, positions.Slots, positions.SlotRows);
            return ExtractItem.Of(new CanonicalStaffRecord(key, _schema, values, provenance) { AssignmentRows = provenance as AssignmentRows });
        }

        private int Ordinal(string field) => _schema.TryGetOrdinal(field, out var i) ? i : -1;
    }
}

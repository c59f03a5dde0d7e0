using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using Aether.TitanHst.Canonical;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Positions;
using Aether.TitanHst.Safety;
using Aether.TitanHst.Target;

namespace Aether.TitanHst.Diff
{
    /// <summary>Builds each kind of change with its field changes, risks, review fields and explanation.</summary>
    internal sealed class ChangeBuilder
    {
        private static readonly IReadOnlyDictionary<string, string?> NoValues = new Dictionary<string, string?>();

        // One builder per thread for display names that join several fields (the explanations have their own: ChangeExplanation).
        [ThreadStatic]
        private static StringBuilder? _text;

        private readonly MappingContract _contract;
        private readonly DiffIdentity _identity;
        private readonly FieldDefinition[] _owned;
        private readonly FieldDefinition? _assignments;
        private SchemaOrdinals? _ordinals;

        internal ChangeBuilder(MappingContract contract, DiffIdentity identity)
        {
            _contract = contract;
            _identity = identity;
            _owned = contract.Fields.Where(f => f.Owned).ToArray();
            _assignments = _owned.FirstOrDefault(f => f.Positions is not null);
        }

        [MethodImpl(Hot.Path)]
        internal StaffChange Create(CanonicalStaffRecord record)
        {
            // The match key travels as the change's ExternalId; the client puts it in TitanHST's match key field.
            var desired = new Dictionary<string, string?>(_owned.Length, StringComparer.Ordinal);
            foreach (var field in _owned)
            {
                desired[field.Name] = record[field.Name];
            }

            return New(ChangeAction.Create, record.ExternalId, null, record, null, Array.Empty<FieldChange>(), desired, null, record.Provenance,
                ChangeExplanation.Create(_contract.MatchKeyField, record));
        }

        /// <summary>The owned fields' names, in the order <see cref="Unchanged"/> reads a selection of them.</summary>
        internal IReadOnlyList<string> OwnedNames => _owned.Select(f => f.Name).ToArray();

        /// <summary>
        /// True when <see cref="Match"/> would give NoChange for the table's row: it is active and every owned field
        /// matches. Read from the row's cells in place (<paramref name="owned"/>, a selection of
        /// <see cref="OwnedNames"/>): no record is made for the unchanged majority.
        /// </summary>
        [MethodImpl(Hot.Path)]
        internal bool Unchanged(CanonicalStaffRecord record, TargetTable table, TargetFieldSelection owned, int row)
        {
            if (!table.Active(row))
            {
                return false;
            }

            if (!owned.Open(row))
            {
                for (var i = 0; i < _owned.Length; i++)
                {
                    if (!owned.Same(row, i, record[_owned[i].Name]))
                    {
                        return false;
                    }
                }

                return true;
            }

            // The record's values by schema ordinal (found once per schema), the row's cells in one walk: a name
            // look-up per owned field and person, and a walk of the row's earlier cells per field, were most of this.
            var ordinals = OrdinalsIn(record.Schema);
            for (var i = 0; i < ordinals.Length; i++)
            {
                var ordinal = ordinals[i];
                if (!owned.SameInOpen(i, ordinal < 0 ? null : record.ValueAt(ordinal)))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The owned fields' ordinals in a record schema (-1 for a field it does not define: its value reads as null).</summary>
        [MethodImpl(Hot.Path)]
        private int[] OrdinalsIn(FieldSchema schema)
        {
            // One schema per extract: the last one's ordinals are kept, swapped whole so a reader on another thread
            // never sees a schema with another's ordinals.
            var known = _ordinals;
            if (known is not null && ReferenceEquals(known.Schema, schema))
            {
                return known.Ordinals;
            }

            var ordinals = new int[_owned.Length];
            for (var i = 0; i < ordinals.Length; i++)
            {
                ordinals[i] = schema.TryGetOrdinal(_owned[i].Name, out var ordinal) ? ordinal : -1;
            }

            _ordinals = new SchemaOrdinals(schema, ordinals);
            return ordinals;
        }

        private sealed class SchemaOrdinals
        {
            internal SchemaOrdinals(FieldSchema schema, int[] ordinals)
            {
                Schema = schema;
                Ordinals = ordinals;
            }

            internal FieldSchema Schema { get; }

            internal int[] Ordinals { get; }
        }

        [MethodImpl(Hot.Path)]
        internal StaffChange Match(CanonicalStaffRecord record, TargetStaffRecord target)
        {
            var changes = new List<FieldChange>();
            foreach (var field in _owned)
            {
                var wanted = record[field.Name];
                var held = target[field.Name];
                if (!FieldValues.Same(wanted, held))
                {
                    if (field == _assignments)
                    {
                        // The old value is what TitanHST holds as assignments: its list, or a v1 record's siteCode and
                        // roleCode as one primary assignment, so the one safety policy judges sites and roles from the
                        // change alone (ChangeSafety.RiskOf), at diff time and again at apply time.
                        var heldSet = HeldValues.Assignments(_contract, field.Name, target);
                        changes.Add(new FieldChange(field.Name, heldSet.Format(), Blank(wanted), AssignmentSet.Describe(heldSet, AssignmentSet.Parse(wanted))));
                    }
                    else
                    {
                        changes.Add(new FieldChange(field.Name, Blank(held), Blank(wanted)));
                    }
                }
            }

            var action = !target.Active ? ChangeAction.Reactivate : changes.Count == 0 ? ChangeAction.NoChange : ChangeAction.Update;
            return New(action, record.ExternalId, target, record, target, changes, action == ChangeAction.NoChange ? NoValues : new ChangedValues(changes), null, record.Provenance,
                ChangeExplanation.Match(action, changes, target.Id, _contract.MatchKeyField, record));
        }

        internal StaffChange Removal(string key, TargetStaffRecord target, SourceMarker? outOfScope)
        {
            var rows = outOfScope?.Provenance ?? Array.Empty<SourceRowReference>();
            var action = _contract.Policies.Safety.Removal == RemovalMode.Delete ? ChangeAction.Delete : target.Active ? ChangeAction.Deactivate : ChangeAction.NoChange;
            return New(action, key, target, null, target, Array.Empty<FieldChange>(), NoValues, null, rows,
                ChangeExplanation.Removal(action, target.Id, _contract.MatchKeyField, key, outOfScope?.Reason, rows));
        }

        internal StaffChange Conflict(string key, TargetStaffRecord? target, string why, IReadOnlyList<SourceRowReference> rows) =>
            New(ChangeAction.Conflict, key, target, null, target, Array.Empty<FieldChange>(), NoValues,
                $"Conflict, not applied: {why}. Fix the sources, TitanHST or the contract, then diff again.", rows);

        internal StaffChange NoChange(string key, TargetStaffRecord target, string why, IReadOnlyList<SourceRowReference> rows) =>
            New(ChangeAction.NoChange, key, target, null, target, Array.Empty<FieldChange>(), NoValues, $"No change: {why}.", rows);

        [MethodImpl(Hot.Path)]
        private static StringBuilder Text()
        {
            var text = _text ??= new StringBuilder(512);
            text.Clear();
            return text;
        }

        [MethodImpl(Hot.Path)]
        private StaffChange New(ChangeAction action, string key, TargetStaffRecord? target, CanonicalStaffRecord? source, TargetStaffRecord? current,
            IReadOnlyList<FieldChange> changes, IReadOnlyDictionary<string, string?> desired, string? explanation, IReadOnlyList<SourceRowReference> rows, ChangeExplanation? deferred = null)
        {
            var review = _contract.Policies.Review;
            return new StaffChange(action, key, target?.Id, target?.ETag, DisplayName(review.DisplayName, source, current), Value(review.SiteField, source, current),
                Value(review.RoleField, source, current), changes, desired, ChangeSafety.RiskOf(action, changes, review, _assignments?.Name), explanation, deferred, rows, _identity);
        }

        /// <summary>The display name fields' values that are not blank, joined by a space; null when all are blank.</summary>
        [MethodImpl(Hot.Path)]
        private static string? DisplayName(IReadOnlyList<string> fields, CanonicalStaffRecord? source, TargetStaffRecord? current)
        {
            string? first = null;
            StringBuilder? more = null;
            for (var i = 0; i < fields.Count; i++)
            {
                if (Value(fields[i], source, current) is not { } value)
                {
                    continue;
                }

                if (first is null)
                {
                    first = value;
                }
                else
                {
                    more ??= Text().Append(first);
                    more.Append(' ').Append(value);
                }
            }

            return more?.ToString() ?? first;
        }

        [MethodImpl(Hot.Path)]
        private static string? Value(string? field, CanonicalStaffRecord? source, TargetStaffRecord? current) =>
            field is null ? null : Blank(source?[field]) ?? Blank(current?[field]);

        private static string? Blank(string? value) => FieldValues.Blank(value);
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using Aether.TitanHst.Canonical;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Safety;
using Aether.TitanHst.Target;

namespace Aether.TitanHst.Diff
{
    /// <summary>Builds each kind of change with its field changes, risks, review fields and explanation.</summary>
    internal sealed class ChangeBuilder
    {
        private static readonly IReadOnlyDictionary<string, string?> NoValues = new Dictionary<string, string?>();

        private readonly MappingContract _contract;
        private readonly DiffIdentity _identity;
        private readonly FieldDefinition[] _owned;

        internal ChangeBuilder(MappingContract contract, DiffIdentity identity)
        {
            _contract = contract;
            _identity = identity;
            _owned = contract.Fields.Where(f => f.Owned).ToArray();
        }

        internal StaffChange Create(CanonicalStaffRecord record)
        {
            // The match key travels as the change's ExternalId; the client puts it in TitanHST's match key field.
            var desired = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var field in _owned)
            {
                desired[field.Name] = record[field.Name];
            }

            return New(ChangeAction.Create, record.ExternalId, null, record, null, Array.Empty<FieldChange>(), desired,
                $"Create: in scope in the sources ({Rows(record.Provenance)}) and TitanHST has no record with {_contract.MatchKeyField} {record.ExternalId}.",
                record.Provenance);
        }

        internal StaffChange Match(CanonicalStaffRecord record, TargetStaffRecord target)
        {
            var changes = new List<FieldChange>();
            foreach (var field in _owned)
            {
                var wanted = record[field.Name];
                var held = target[field.Name];
                if (!FieldValues.Same(wanted, held))
                {
                    changes.Add(new FieldChange(field.Name, Blank(held), Blank(wanted)));
                }
            }

            var desired = changes.ToDictionary(c => c.Field, c => c.New, StringComparer.Ordinal);
            var matched = $"matched TitanHST {target.Id} by {_contract.MatchKeyField} {record.ExternalId}; sources {Rows(record.Provenance)}";
            if (!target.Active)
            {
                var also = changes.Count > 0 ? $" and updates {string.Join(", ", changes.Select(c => c.Field))}" : string.Empty;
                return New(ChangeAction.Reactivate, record.ExternalId, target, record, target, changes, desired,
                    $"Reactivate{also}: the TitanHST record is inactive but the person is in scope again; {matched}.", record.Provenance);
            }

            return changes.Count == 0
                ? New(ChangeAction.NoChange, record.ExternalId, target, record, target, changes, NoValues,
                    $"No change: every owned field matches; {matched}.", record.Provenance)
                : New(ChangeAction.Update, record.ExternalId, target, record, target, changes, desired,
                    $"Update {string.Join(", ", changes.Select(c => c.Field))}: owned fields differ after normalization; {matched}.", record.Provenance);
        }

        internal StaffChange Removal(string key, TargetStaffRecord target, SourceMarker? outOfScope)
        {
            var why = outOfScope is null
                ? "the person is no longer in any source export"
                : $"the person is {outOfScope.Reason} ({Rows(outOfScope.Provenance)})";
            var rows = outOfScope?.Provenance ?? Array.Empty<SourceRowReference>();
            if (_contract.Policies.Safety.Removal == RemovalMode.Delete)
            {
                return New(ChangeAction.Delete, key, target, null, target, Array.Empty<FieldChange>(), NoValues,
                    $"Delete TitanHST {target.Id} ({_contract.MatchKeyField} {key}): {why}; the contract removes by deleting (safety.removal).", rows);
            }

            return target.Active
                ? New(ChangeAction.Deactivate, key, target, null, target, Array.Empty<FieldChange>(), NoValues,
                    $"Deactivate TitanHST {target.Id} ({_contract.MatchKeyField} {key}): {why}.", rows)
                : New(ChangeAction.NoChange, key, target, null, target, Array.Empty<FieldChange>(), NoValues,
                    $"No change: TitanHST {target.Id} is already inactive and {why}.", rows);
        }

        internal StaffChange Conflict(string key, TargetStaffRecord? target, string why, IReadOnlyList<SourceRowReference> rows) =>
            New(ChangeAction.Conflict, key, target, null, target, Array.Empty<FieldChange>(), NoValues,
                $"Conflict, not applied: {why}. Fix the sources, TitanHST or the contract, then diff again.", rows);

        internal StaffChange NoChange(string key, TargetStaffRecord target, string why, IReadOnlyList<SourceRowReference> rows) =>
            New(ChangeAction.NoChange, key, target, null, target, Array.Empty<FieldChange>(), NoValues, $"No change: {why}.", rows);

        private StaffChange New(ChangeAction action, string key, TargetStaffRecord? target, CanonicalStaffRecord? source, TargetStaffRecord? current,
            IReadOnlyList<FieldChange> changes, IReadOnlyDictionary<string, string?> desired, string explanation, IReadOnlyList<SourceRowReference> rows)
        {
            var review = _contract.Policies.Review;
            string? Value(string? field) => field is null ? null : Blank(source?[field]) ?? Blank(current?[field]);
            var name = string.Join(" ", review.DisplayName.Select(Value).Where(v => v is not null));
            return new StaffChange(action, key, target?.Id, target?.ETag, name.Length == 0 ? null : name, Value(review.SiteField), Value(review.RoleField),
                changes, desired, ChangeSafety.RiskOf(action, changes, review), explanation, rows, _identity);
        }

        private static string? Blank(string? value) => FieldValues.Blank(value);

        private static string Rows(IReadOnlyList<SourceRowReference> rows) => rows.Count == 0 ? "no source rows" : string.Join(", ", rows);
    }
}

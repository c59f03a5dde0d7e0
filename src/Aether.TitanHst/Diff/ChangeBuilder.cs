using System;
using System.Collections.Generic;
using System.Linq;
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

        private readonly MappingContract _contract;
        private readonly DiffIdentity _identity;
        private readonly FieldDefinition[] _owned;
        private readonly FieldDefinition? _assignments;

        internal ChangeBuilder(MappingContract contract, DiffIdentity identity)
        {
            _contract = contract;
            _identity = identity;
            _owned = contract.Fields.Where(f => f.Owned).ToArray();
            _assignments = _owned.FirstOrDefault(f => f.Positions is not null);
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
                $"Create: in scope in the sources ({Rows(record.Provenance)}) and TitanHST has no record with {_contract.MatchKeyField} {record.ExternalId}{AssignmentRows(record)}.",
                record.Provenance);
        }

        /// <summary>True when <see cref="Match"/> would give NoChange: the record is active and every owned field matches.</summary>
        internal bool Unchanged(CanonicalStaffRecord record, TargetStaffRecord target)
        {
            if (!target.Active)
            {
                return false;
            }

            foreach (var field in _owned)
            {
                if (!FieldValues.Same(record[field.Name], target[field.Name]))
                {
                    return false;
                }
            }

            return true;
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
                    if (field == _assignments)
                    {
                        // The old value is what TitanHST holds as assignments: its list, or a v1 record's siteCode and
                        // roleCode as one primary assignment, so the one safety policy judges sites and roles from the
                        // change alone (ChangeSafety.RiskOf), at diff time and again at apply time.
                        var heldSet = HeldAssignments(target);
                        changes.Add(new FieldChange(field.Name, heldSet.Format(), Blank(wanted), AssignmentSet.Describe(heldSet, AssignmentSet.Parse(wanted))));
                    }
                    else
                    {
                        changes.Add(new FieldChange(field.Name, Blank(held), Blank(wanted)));
                    }
                }
            }

            var desired = changes.ToDictionary(c => c.Field, c => c.New, StringComparer.Ordinal);
            var matched = $"matched TitanHST {target.Id} by {_contract.MatchKeyField} {record.ExternalId}; sources {Rows(record.Provenance)}{AssignmentRows(record)}";
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

        /// <summary>What TitanHST holds: its assignments, or for a v1 record its siteCode/roleCode as one primary assignment.</summary>
        private AssignmentSet HeldAssignments(TargetStaffRecord target)
        {
            if (AssignmentSet.TryParse(target[_assignments!.Name], out var held) && held.Count > 0)
            {
                return held;
            }

            var review = _contract.Policies.Review;
            var site = review.SiteField is null ? null : Blank(target[review.SiteField]);
            var role = review.RoleField is null ? null : Blank(target[review.RoleField]);
            return site is not null && role is not null && AssignmentSet.IsValidCode(site) && AssignmentSet.IsValidCode(role)
                ? AssignmentSet.Of(new[] { new Assignment(site, role, primary: true, fte: null) })
                : AssignmentSet.Empty;
        }

        /// <summary>"; assignments LHS/TEACHER from hr:12, aeriesSchools:4; LMS/TEACHER from hr:13" or empty.</summary>
        private static string AssignmentRows(CanonicalStaffRecord record) =>
            record.AssignmentSources is not { Count: > 0 } sources
                ? string.Empty
                : "; assignments " + string.Join("; ", sources.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} from {string.Join(", ", p.Value)}"));

        private StaffChange New(ChangeAction action, string key, TargetStaffRecord? target, CanonicalStaffRecord? source, TargetStaffRecord? current,
            IReadOnlyList<FieldChange> changes, IReadOnlyDictionary<string, string?> desired, string explanation, IReadOnlyList<SourceRowReference> rows)
        {
            var review = _contract.Policies.Review;
            string? Value(string? field) => field is null ? null : Blank(source?[field]) ?? Blank(current?[field]);
            var name = string.Join(" ", review.DisplayName.Select(Value).Where(v => v is not null));
            return new StaffChange(action, key, target?.Id, target?.ETag, name.Length == 0 ? null : name, Value(review.SiteField), Value(review.RoleField),
                changes, desired, ChangeSafety.RiskOf(action, changes, review, _assignments?.Name), explanation, rows, _identity);
        }

        private static string? Blank(string? value) => FieldValues.Blank(value);

        private static string Rows(IReadOnlyList<SourceRowReference> rows) => rows.Count == 0 ? "no source rows" : string.Join(", ", rows);
    }
}

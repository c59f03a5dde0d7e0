using System.Linq;
using System.Runtime.CompilerServices;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Positions;
using Aether.TitanHst.Target;

namespace Aether.TitanHst.Diff
{
    /// <summary>
    /// What a change records as the value TitanHST holds (<see cref="FieldChange.Old"/>). The diff reads it from the
    /// record it compared; apply reads it again from the live record before a write whose risk was judged on it, so a
    /// change whose old value was edited (in a snapshot file, or in a plan by someone holding the key) is never written.
    /// </summary>
    internal static class HeldValues
    {
        /// <summary>The contract's positions field, when it has one (decision 0011).</summary>
        internal static string? AssignmentsField(MappingContract contract) => contract.Fields.FirstOrDefault(f => f.Owned && f.Positions is not null)?.Name;

        /// <summary>The value <paramref name="field"/> holds in <paramref name="target"/>, as a field change records it.</summary>
        internal static string? Of(MappingContract contract, string field, string? assignmentsField, TargetStaffRecord target) =>
            field == assignmentsField ? Assignments(contract, field, target).Format() : FieldValues.Blank(target[field]);

        /// <summary>What TitanHST holds: its assignments, or for a v1 record its siteCode/roleCode as one primary assignment.</summary>
        [MethodImpl(Hot.Path)]
        internal static AssignmentSet Assignments(MappingContract contract, string assignmentsField, TargetStaffRecord target)
        {
            if (AssignmentSet.TryParse(target[assignmentsField], out var held) && held.Count > 0)
            {
                return held;
            }

            var review = contract.Policies.Review;
            var site = review.SiteField is null ? null : FieldValues.Blank(target[review.SiteField]);
            var role = review.RoleField is null ? null : FieldValues.Blank(target[review.RoleField]);
            return site is not null && role is not null && AssignmentSet.IsValidCode(site) && AssignmentSet.IsValidCode(role)
                ? AssignmentSet.Of(new[] { new Assignment(site, role, primary: true, fte: null) })
                : AssignmentSet.Empty;
        }
    }
}

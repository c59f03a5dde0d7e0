using System.Collections.Generic;
using System.Linq;
using Aether.TitanHst.Diff;
using Aether.TitanHst.Safety;

namespace Aether.TitanHst.Apply
{
    /// <summary>
    /// Checks a set of changes against the run's options and the contract before anything is written. It never
    /// trusts the marks a change carries (they may come from a file): it runs the one safety policy
    /// (<see cref="ChangeSafety"/>) again on exactly these changes, refuses values the contract rejects, and keeps
    /// a stored mark only when it is stricter. A first apply and a resume go through the same gate.
    /// </summary>
    public static class ApplyGate
    {
        private const int ListedProblems = 10;

        /// <returns>The safety policy's verdict on these changes, for the checks that need TitanHST (the percentage thresholds' baseline).</returns>
        /// <exception cref="ApplyRefusedException">The run must not start.</exception>
        public static SafetyVerdict Check(IReadOnlyList<StaffChange> changes, ApplyOptions options)
        {
            if (changes.Count == 0)
            {
                throw new ApplyRefusedException(ApplyErrorIds.NothingToApply, "No changes were given; pipe changes from Get-TitanHstDiff or Import-TitanHstPlan.");
            }

            var diffs = changes.Select(c => c.DiffId).Distinct().ToList();
            if (diffs.Count > 1)
            {
                throw new ApplyRefusedException(ApplyErrorIds.ChangesFromSeveralDiffs,
                    $"The changes come from {diffs.Count} diffs ({string.Join(", ", diffs)}); apply the changes of one reviewed diff or plan at a time.");
            }

            var contract = options.Contract ?? throw new ApplyRefusedException(ApplyErrorIds.ContractRequired,
                "The contract the changes were computed with is needed to check them again before writing; pass it with -Contract.");
            if (!string.Equals(changes[0].ContractHash, contract.Hash, System.StringComparison.Ordinal))
            {
                throw new ApplyRefusedException(ApplyErrorIds.ContractMismatch,
                    $"The changes were computed with contract {changes[0].ContractVersion} ({changes[0].ContractHash}), not with {contract.Version} ({contract.Hash}). Nothing was applied.");
            }

            var verdict = ChangeSafety.Mark(changes, contract, changes[0].Identity.ManagedActive ?? 0);
            if (verdict.Invalid.Count > 0)
            {
                var listed = verdict.Invalid.Take(ListedProblems).Select(i => $"{i.Change.GetAction()} {i.Change.ExternalId}: {string.Join("; ", i.Problems)}");
                var more = verdict.Invalid.Count > ListedProblems ? $" and {verdict.Invalid.Count - ListedProblems} more" : string.Empty;
                throw new ApplyRefusedException(ApplyErrorIds.ValueRejectedByContract,
                    $"{verdict.Invalid.Count} change(s) would write values contract {contract.Id} {contract.Version} rejects ({string.Join(" | ", listed)}{more}). Nothing was applied; no override lets them through. Diff again from the sources.");
            }

            CheckApprovals(changes, contract, options);

            var blocked = changes.Where(c => c.Blocked && !c.HeldBack).ToList();
            if (blocked.Count > 0 && string.IsNullOrWhiteSpace(options.OverrideReason))
            {
                var reasons = string.Join("; ", blocked.Select(c => c.BlockReason).Distinct());
                throw new ApplyRefusedException(ApplyErrorIds.DiffBlocked,
                    $"{blocked.Count} change(s) are blocked by the contract's safety thresholds ({reasons}). Nothing was applied. Review them, then apply with an override and its reason, or leave them out.");
            }

            var deletes = changes.Count(c => c.GetAction() == ChangeAction.Delete && !c.HeldBack);
            if (deletes > 0 && !options.AllowDelete)
            {
                throw new ApplyRefusedException(ApplyErrorIds.DeleteNotAllowed, $"{deletes} change(s) delete TitanHST records. Nothing was applied. Deletes need their own explicit permission.");
            }

            var roleChanges = changes.Count(c => (c.GetRisk() & RiskFlags.RoleChange) != 0 && !c.HeldBack);
            if (roleChanges > 0 && !options.AllowRoleChange)
            {
                throw new ApplyRefusedException(ApplyErrorIds.RoleChangeNotAllowed, $"{roleChanges} change(s) change a person's role. Nothing was applied. Role changes need their own explicit permission.");
            }

            return verdict;
        }

        // The contract's safety.approvals: enough people other than the author approved exactly this plan.
        private static void CheckApprovals(IReadOnlyList<StaffChange> changes, Contract.MappingContract contract, ApplyOptions options)
        {
            var required = contract.Policies.Safety.Approvals.RequiredFor(changes.Where(c => SkipReason(c) is null));
            if (required == 0)
            {
                return;
            }

            if (options.Approvers is null)
            {
                throw new ApplyRefusedException(ApplyErrorIds.ApprovalRequired,
                    $"Contract {contract.Id} {contract.Version} requires {required} approval(s) of a saved plan before these changes are applied (safety.approvals). Nothing was applied. "
                    + "Export-TitanHstPlan, have another person run Approve-TitanHstPlan on it, then Invoke-TitanHstApply -PlanPath.");
            }

            var distinct = options.Approvers.Distinct(System.StringComparer.OrdinalIgnoreCase).Count();
            if (distinct < required)
            {
                throw new ApplyRefusedException(ApplyErrorIds.ApprovalRequired,
                    $"The plan has {distinct} valid approval(s); contract {contract.Id} {contract.Version} requires {required} (safety.approvals). Nothing was applied. "
                    + (options.ApprovalSummary ?? string.Empty) + " Another person approves with Approve-TitanHstPlan.");
            }
        }

        /// <summary>
        /// Why the gate would refuse a run holding this change under these options (a blocked change without an
        /// override, a delete or role change without its permission), or null. For a -WhatIf preview of a refused run;
        /// the gate itself (<see cref="Check"/>) still decides. Call after <see cref="Check"/>, which re-derives the marks.
        /// </summary>
        public static string? RefusalReason(StaffChange change, ApplyOptions options)
        {
            if (change.HeldBack || SkipReason(change) is not null)
            {
                return null;
            }

            if (change.Blocked && string.IsNullOrWhiteSpace(options.OverrideReason))
            {
                return $"blocked ({change.BlockReason}); needs -Override -Reason";
            }

            if (change.GetAction() == ChangeAction.Delete && !options.AllowDelete)
            {
                return "a delete; needs -AllowDelete";
            }

            return (change.GetRisk() & RiskFlags.RoleChange) != 0 && !options.AllowRoleChange ? "a role change; needs -AllowRoleChange" : null;
        }

        /// <summary>Why a change that passed the gate is still not attempted, or null when it is.</summary>
        public static string? SkipReason(StaffChange change) => change switch
        {
            _ when change.GetAction() == ChangeAction.Conflict => "a Conflict is never applied; fix the sources, TitanHST or the contract and diff again",
            _ when change.GetAction() == ChangeAction.NoChange => "nothing to do",
            { HeldBack: true } => change.BlockReason ?? "held back",
            _ => null,
        };
    }
}

using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Aether.TitanHst.Apply;
using Aether.TitanHst.Approvals;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Diff;
using Aether.TitanHst.Errors;
using Aether.TitanHst.Plan;
using Aether.TitanHst.PowerShell.Internal;
using Aether.TitanHst.Security;

namespace Aether.TitanHst.PowerShell.Approvals
{
    /// <summary>Before a plan is applied: the approvals its changes need, read beside the plan file and verified with this installation's key.</summary>
    internal static class PlanApprovals
    {
        /// <summary>Records the approvers that count on <paramref name="options"/>; the gate then refuses a plan short of them.</summary>
        internal static void Check(PSCmdlet cmdlet, SavedPlan plan, MappingContract contract, IReadOnlyCollection<StaffChange> changes, ApplyOptions options)
        {
            var policy = contract.Policies.Safety.Approvals;
            var required = policy.RequiredFor(changes);
            if (required == 0)
            {
                return;
            }

            try
            {
                using var key = InstallationKey.LoadOrCreate();
                var verdict = ApprovalVerifier.Verify(plan.Hash, plan.Operator, required, policy, ApprovalStore.Read(plan.Path), key);
                options.Approvers = verdict.Checks.Where(c => c.Counts).Select(c => c.Approval.Identity).ToList();
                options.ApprovalSummary = verdict.Describe();
                cmdlet.WriteVerbose($"Approvals of plan {plan.PlanId}: {verdict.Describe()}.");
            }
            catch (InputFileException ex)
            {
                cmdlet.ThrowTerminatingError(ErrorRecords.FromInputFile(ex));
            }
        }
    }
}

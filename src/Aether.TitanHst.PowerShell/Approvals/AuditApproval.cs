using System;
using System.IO;
using System.Management.Automation;
using Aether.TitanHst.Audit;
using Aether.TitanHst.Errors;
using Aether.TitanHst.Plan;
using Aether.TitanHst.PowerShell.Audit;

namespace Aether.TitanHst.PowerShell.Approvals
{
    /// <summary>Writes an approval, or an apply refused for approvals, to the audit log; a failure to write stops the command.</summary>
    internal static class AuditApproval
    {
        internal static void Record(PSCmdlet cmdlet, SavedPlan plan, string outcome, string reason)
        {
            var options = Session.ProfileResolver.AuditOptions(cmdlet, null);
            try
            {
                using var writer = new AuditLogWriter(options);
                writer.Append(new AuditEvent(AuditEntryKind.Approval)
                {
                    Contract = new AuditContractInfo(plan.ContractId, plan.ContractVersion, plan.ContractHash),
                    PlanHash = plan.Hash,
                    Outcome = outcome,
                    Reason = reason,
                });
            }
            catch (Exception ex) when (ex is InputFileException or IOException or UnauthorizedAccessException)
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(ex, AccessAudit.AuditWriteFailed, ErrorCategory.WriteError, options.Folder)
                {
                    ErrorDetails = new ErrorDetails($"Approvals must be recorded in the audit log at {options.Folder}, and that failed: {AccessAudit.Why(ex)}"),
                });
            }
        }
    }
}

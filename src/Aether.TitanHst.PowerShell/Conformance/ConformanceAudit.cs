using System;
using System.IO;
using System.Management.Automation;
using Aether.TitanHst.Audit;
using Aether.TitanHst.Errors;

namespace Aether.TitanHst.PowerShell.Conformance
{
    /// <summary>
    /// Write checks change TitanHST outside a plan, so they are recorded in the audit log before the first write:
    /// an Action entry on a sandbox, an Override entry with the operator's reason when -Force overrode a target that
    /// does not say it is a sandbox. When the log cannot be written, nothing is written to TitanHST either.
    /// </summary>
    internal static class ConformanceAudit
    {
        internal const string Action = "conformanceWriteChecks";

        internal static void Record(PSCmdlet cmdlet, Uri target, string? environment, string? overrideReason)
        {
            var options = Session.ProfileResolver.AuditOptions(cmdlet, null);
            try
            {
                using var writer = new AuditLogWriter(options);
                writer.Append(new AuditEvent(overrideReason is null ? AuditEntryKind.Action : AuditEntryKind.Override)
                {
                    Action = Action,
                    Outcome = "environment=" + (environment ?? "unstated"),
                    Reason = overrideReason,
                    Access = new AuditAccess(Action, 0, target.GetLeftPart(UriPartial.Authority)),
                });
                cmdlet.WriteVerbose($"Recorded in the audit log: conformance write checks on {target.GetLeftPart(UriPartial.Authority)}{(overrideReason is null ? string.Empty : " (forced)")}.");
            }
            catch (Exception ex) when (ex is InputFileException or IOException or UnauthorizedAccessException)
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(ex, ConformanceErrorIds.ConformanceAuditFailed, ErrorCategory.WriteError, options.Folder)
                {
                    ErrorDetails = new ErrorDetails($"Conformance write checks must be recorded in the audit log at {options.Folder}, and that failed: {ex.Message}")
                    {
                        RecommendedAction = $"Make the audit folder writable, or point {AuditLogOptions.FolderVariable} at one that is.",
                    },
                });
            }
        }
    }
}

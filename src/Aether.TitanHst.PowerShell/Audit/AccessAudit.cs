using System;
using System.IO;
using System.Management.Automation;
using Aether.TitanHst.Audit;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Diff;
using Aether.TitanHst.Errors;

namespace Aether.TitanHst.PowerShell.Audit
{
    /// <summary>
    /// Records that TitanHST data (personal data) was read or exported: who, when, what, how many records.
    /// A read that cannot be accounted for does not go ahead, so a failure to write is a terminating error.
    /// </summary>
    internal static class AccessAudit
    {
        internal const string AuditWriteFailed = nameof(AuditWriteFailed);

        /// <summary>Fails now, before any data is read, when the audit folder cannot be written.</summary>
        internal static void EnsureWritable(PSCmdlet cmdlet, MappingContract? contract) => Run(cmdlet, contract, _ => { });

        internal static void Record(PSCmdlet cmdlet, MappingContract? contract, string what, long count, string target) =>
            Record(cmdlet, contract, contract is null ? null : new AuditContractInfo(contract.Id, contract.Version, contract.Hash), what, count, target);

        /// <summary>
        /// Records an export of changes whose contract is known only from the changes themselves (a plan, a review
        /// sheet): the entry names that contract, so an auditor can tell which mapping the exported data came from.
        /// </summary>
        internal static void Record(PSCmdlet cmdlet, MappingContract? contract, AuditContractInfo? info, string what, long count, string target) =>
            Run(cmdlet, contract, writer =>
            {
                writer.RecordAccess(what, count, target, null, info);
                cmdlet.WriteVerbose($"Recorded in the audit log: {what}, {count} record(s).");
            });

        /// <summary>The contract a diff's change was computed with, as the audit names it.</summary>
        internal static AuditContractInfo ContractOf(StaffChange change) => new(change.ContractId, change.ContractVersion, change.ContractHash);

        /// <summary>Records that the operator let something go ahead that a safety check stops (an acknowledged schema change).</summary>
        internal static void RecordOverride(PSCmdlet cmdlet, MappingContract? contract, string reason) =>
            Run(cmdlet, contract, writer =>
            {
                var info = contract is null ? null : new AuditContractInfo(contract.Id, contract.Version, contract.Hash);
                writer.Append(new AuditEvent(AuditEntryKind.Override) { Contract = info, Reason = reason });
            });

        /// <summary>The failure for the message, led by its own id when it has one (AuditFileNotRegular: a planted link), so the cause is not only in the text.</summary>
        internal static string Why(Exception ex) => ex is InputFileException input ? $"{input.ErrorId}: {ex.Message}" : ex.Message;

        private static void Run(PSCmdlet cmdlet, MappingContract? contract, Action<AuditLogWriter> action)
        {
            var options = Session.ProfileResolver.AuditOptions(cmdlet, contract);
            try
            {
                using var writer = new AuditLogWriter(options);
                action(writer);
            }
            catch (Exception ex) when (ex is InputFileException or IOException or UnauthorizedAccessException)
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(ex, AuditWriteFailed, ErrorCategory.WriteError, options.Folder)
                {
                    ErrorDetails = new ErrorDetails($"Reading TitanHST data must be recorded in the audit log at {options.Folder}, and that failed: {Why(ex)}")
                    {
                        RecommendedAction = $"Make the audit folder writable, or give the operating profile one that is (the connector configuration's audit.folder, or {AuditLogOptions.FolderVariable}).",
                    },
                });
            }
        }
    }
}

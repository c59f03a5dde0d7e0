using System.Management.Automation;
using Aether.TitanHst.Apply;
using Aether.TitanHst.Contract;
using Aether.TitanHst.PowerShell.Audit;

namespace Aether.TitanHst.PowerShell.Session
{
    /// <summary>
    /// The schema-drift stop for the cmdlets that read or write TitanHST: the contract's titanHstSchemaVersion against
    /// what TitanHST reports; an acknowledgement of the exact reported version goes ahead and is audited.
    /// </summary>
    internal static class SchemaCheck
    {
        internal static void Run(PSCmdlet cmdlet, MappingContract contract, string? reported, string? acknowledged)
        {
            if (reported is null)
            {
                return;
            }

            try
            {
                if (SchemaGuard.Check(contract, reported, acknowledged))
                {
                    var reason = $"TitanHST schema {reported} acknowledged by the operator; contract {contract.Id} {contract.Version} was written for {contract.TitanHstSchemaVersion}";
                    AccessAudit.RecordOverride(cmdlet, contract, reason);
                    cmdlet.WriteWarning(reason + " (recorded in the audit log).");
                }
            }
            catch (ApplyRefusedException ex)
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(ex, ex.ErrorId, ErrorCategory.InvalidData, contract));
            }
        }
    }
}

using System.Management.Automation;
using Aether.TitanHst.Audit;

namespace Aether.TitanHst.PowerShell.Audit
{
    /// <summary>
    /// <para type="synopsis">Verifies an audit log's hash chain and names the first entry that was altered, removed or inserted.</para>
    /// <para type="description">Recomputes every entry's hash, follows each entry's link to the one before it across
    /// all month files, and checks that files removed by retention were recorded by a Retention entry. Returns a
    /// result with Passed, the entries and files checked, FirstBadEntry (file, line, sequence, problem) and the
    /// last hash, worth keeping outside the folder to pin the log as it is now.</para>
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "TitanHstAuditLog")]
    [OutputType(typeof(AuditVerificationResult))]
    [OutputType(typeof(bool))]
    public sealed class TestTitanHstAuditLogCommand : PSCmdlet
    {
        /// <summary>The audit folder; the user's data folder (Aether.TitanHst/audit) by default.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Folder")]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        /// <summary>Returns only $true (the log verifies) or $false.</summary>
        [Parameter]
        public SwitchParameter Quiet { get; set; }

        /// <summary>Verifies the folder.</summary>
        protected override void ProcessRecord()
        {
            var folder = AuditFolderResolver.Resolve(this, Path);
            WriteVerbose($"Verifying the audit log at {folder}");
            var result = AuditLogVerifier.Verify(folder);
            if (result.IncompleteTail is { } tail)
            {
                WriteWarning($"The last line ({tail}) was cut off by an interrupted write; it was never acknowledged and the next entry written removes it.");
            }

            if (result.FirstBadEntry is { } bad)
            {
                WriteVerbose($"First bad entry: {bad}");
            }

            WriteObject(Quiet ? result.Passed : result);
        }
    }
}

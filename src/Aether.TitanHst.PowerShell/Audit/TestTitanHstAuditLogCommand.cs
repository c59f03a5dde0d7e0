using System.IO;
using System.Management.Automation;
using Aether.TitanHst.Audit;
using Aether.TitanHst.Errors;
using Aether.TitanHst.PowerShell.Internal;

namespace Aether.TitanHst.PowerShell.Audit
{
    /// <summary>
    /// <para type="synopsis">Verifies an audit log and reports, check by check, what each check guarantees and what it found.</para>
    /// <para type="description">Checks each entry's MAC under the installation key, the chain's links across all month
    /// files, the start vouched for by retention, the signed checkpoints, truncation against the last checkpoint, the
    /// files the last checkpoint named, and the anchor outside the folder. Writes one object per check (Check,
    /// Guarantee, Passed, Detail, Problem); -Summary writes one result with every check and the first bad entry.</para>
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "TitanHstAuditLog", DefaultParameterSetName = ChecksSet)]
    [OutputType(typeof(AuditCheckResult), ParameterSetName = new[] { ChecksSet })]
    [OutputType(typeof(AuditVerificationResult), ParameterSetName = new[] { SummarySet })]
    [OutputType(typeof(bool), ParameterSetName = new[] { QuietSet })]
    public sealed class TestTitanHstAuditLogCommand : PSCmdlet
    {
        private const string ChecksSet = "Checks";
        private const string SummarySet = "Summary";
        private const string QuietSet = "Quiet";

        /// <summary>The audit folder; the user's data folder (Aether.TitanHst/audit) by default.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Folder")]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        /// <summary>The anchor to compare with: "syslog", "eventlog", "file:&lt;path&gt;" or "none"; AETHER_TITANHST_AUDIT_ANCHOR by default.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Anchor { get; set; }

        /// <summary>The folder holding the installation key; AETHER_TITANHST_KEYS or the user's data folder by default.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? KeyPath { get; set; }

        /// <summary>Writes one result (Passed, Checks, FirstBadEntry, LastSequence, LastHash) instead of one object per check.</summary>
        [Parameter(Mandatory = true, ParameterSetName = SummarySet)]
        public SwitchParameter Summary { get; set; }

        /// <summary>Returns only $true (every check passed) or $false.</summary>
        [Parameter(Mandatory = true, ParameterSetName = QuietSet)]
        public SwitchParameter Quiet { get; set; }

        /// <summary>Verifies the folder.</summary>
        protected override void ProcessRecord()
        {
            AuditAnchorSettings anchor;
            try
            {
                // The operating profile's anchor (its configuration's audit.anchor, else AETHER_TITANHST_AUDIT_ANCHOR) unless -Anchor says.
                anchor = Anchor is null ? Session.ProfileResolver.AuditOptions(this, null).Anchor : AuditAnchorSettings.Parse(Anchor, "-Anchor");
            }
            catch (InputFileException e)
            {
                ThrowTerminatingError(new ErrorRecord(e, e.ErrorId, ErrorCategory.InvalidArgument, Anchor));
                return;
            }

            // With an anchor, a folder that is gone is evidence (a deleted log), not a wrong path.
            var folder = anchor.Kind != AuditAnchorKind.None && !string.IsNullOrEmpty(Path)
                ? PathResolver.Resolve(this, Path!)
                : AuditFolderResolver.Resolve(this, Path);
            var keyFolder = KeyPath is null ? null : PathResolver.Resolve(this, KeyPath);
            WriteVerbose($"Verifying the audit log at {folder}");
            AuditVerificationResult result;
            try
            {
                result = AuditLogVerifier.Verify(folder, keyFolder, anchor);
            }
            catch (InputFileException e)
            {
                // A name the log cannot be read through (a planted link): refused by its own id, nothing followed.
                ThrowTerminatingError(new ErrorRecord(e, e.ErrorId, ErrorCategory.InvalidData, folder));
                return;
            }

            if (result.IncompleteTail is { } tail)
            {
                WriteWarning($"The last line ({tail}) was cut off by an interrupted write; it was never acknowledged and the next entry written removes it.");
            }

            if (result.FirstBadEntry is { } bad)
            {
                WriteVerbose($"First bad entry: {bad}");
            }

            switch (ParameterSetName)
            {
                case QuietSet:
                    WriteObject(result.Passed);
                    break;
                case SummarySet:
                    WriteObject(result);
                    break;
                default:
                    WriteObject(result.Checks, enumerateCollection: true);
                    break;
            }
        }
    }
}

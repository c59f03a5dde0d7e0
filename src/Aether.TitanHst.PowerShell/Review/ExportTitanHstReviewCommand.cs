using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using Aether.TitanHst.Audit;
using Aether.TitanHst.Diff;
using Aether.TitanHst.Errors;
using Aether.TitanHst.PowerShell.Audit;
using Aether.TitanHst.PowerShell.Internal;
using Aether.TitanHst.PowerShell.Plan;
using Aether.TitanHst.Review;

namespace Aether.TitanHst.PowerShell.Review
{
    /// <summary>
    /// <para type="synopsis">Writes a diff as a review sheet (CSV for Excel) with an Approve column, one row per change.</para>
    /// </summary>
    [Cmdlet(VerbsData.Export, "TitanHstReview", SupportsShouldProcess = true)]
    [OutputType(typeof(FileInfo))]
    public sealed class ExportTitanHstReviewCommand : PSCmdlet
    {
        private readonly List<StaffChange> _changes = new();

        /// <summary>The CSV file to write; its folder is created when missing.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = null!;

        /// <summary>The changes to review, from Get-TitanHstDiff.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [ValidateNotNull]
        public StaffChange[] InputObject { get; set; } = null!;

        /// <summary>Overwrites an existing file.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Collects the changes.</summary>
        protected override void ProcessRecord() => _changes.AddRange(InputObject);

        /// <summary>Writes the sheet and returns the file.</summary>
        protected override void EndProcessing()
        {
            var path = PathResolver.Resolve(this, Path);
            if (_changes.Count == 0)
            {
                ThrowTerminatingError(ErrorRecords.Argument(PlanErrorIds.PlanEmpty, "No changes were piped in; there is nothing to review.", path));
            }

            // Before the overwrite check: writing over a folder would fail as "not writable" or "exists already".
            if (InputFiles.IsFolder(path))
            {
                ThrowTerminatingError(ErrorRecords.OutputIsFolder(path));
            }

            if (File.Exists(path) && !Force)
            {
                ThrowTerminatingError(new ErrorRecord(new IOException($"The review sheet {path} exists already; use -Force to replace it."),
                    PlanErrorIds.PlanExists, ErrorCategory.ResourceExists, path));
            }

            if (!ShouldProcess(path, $"Export a review sheet of {_changes.Count} change(s) from diff {_changes[0].DiffId}"))
            {
                return;
            }

            AccessAudit.EnsureWritable(this, null);
            int rows;
            try
            {
                rows = ReviewSheetWriter.Write(path, _changes);
            }
            catch (IOException ex)
            {
                ThrowTerminatingError(new ErrorRecord(new IOException($"Cannot write the review sheet {path}: {ex.Message}", ex),
                    PlanErrorIds.OutputNotWritable, ErrorCategory.WriteError, path));
                return;
            }
            catch (System.UnauthorizedAccessException ex)
            {
                ThrowTerminatingError(new ErrorRecord(new IOException($"Cannot write the review sheet {path}: {ex.Message}", ex),
                    PlanErrorIds.OutputNotWritable, ErrorCategory.PermissionDenied, path));
                return;
            }

            AccessAudit.Record(this, null, AccessAudit.ContractOf(_changes[0]), AuditAccess.ReviewExport, rows, $"review sheet of diff {_changes[0].DiffId} to {path}");
            WriteVerbose($"{rows} change(s) written to {path}; mark approved rows with yes in the Approve column, then run Import-TitanHstReview.");
            // As Get-Item gives it (the provider's properties set), so the default view shows its mode and size.
            WriteObject(SessionState.InvokeProvider.Item.Get(new[] { path }, force: true, literalPath: true), enumerateCollection: true);
        }
    }
}

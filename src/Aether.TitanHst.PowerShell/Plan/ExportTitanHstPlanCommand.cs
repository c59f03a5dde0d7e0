using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using Aether.TitanHst.Audit;
using Aether.TitanHst.Diff;
using Aether.TitanHst.Errors;
using Aether.TitanHst.Plan;
using Aether.TitanHst.PowerShell.Audit;
using Aether.TitanHst.PowerShell.Internal;
using Aether.TitanHst.Review;

namespace Aether.TitanHst.PowerShell.Plan
{
    /// <summary>
    /// <para type="synopsis">Saves reviewed changes (all of a diff, or the subset piped in) to a plan file with its own hash.</para>
    /// </summary>
    [Cmdlet(VerbsData.Export, "TitanHstPlan", SupportsShouldProcess = true)]
    [OutputType(typeof(SavedPlan))]
    public sealed class ExportTitanHstPlanCommand : PSCmdlet
    {
        private readonly List<StaffChange> _changes = new();

        /// <summary>The plan file to write.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = null!;

        /// <summary>
        /// The reviewed changes, from Get-TitanHstDiff (filtered, through Out-GridView -PassThru, or from Import-TitanHstReview).
        /// Taken as objects so that rows of a CSV (Import-Csv) get an error saying what to pipe instead of a binding error.
        /// </summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [ValidateNotNull]
        public PSObject[] InputObject { get; set; } = null!;

        /// <summary>Overwrites an existing plan file.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Collects the changes.</summary>
        protected override void ProcessRecord()
        {
            foreach (var item in InputObject)
            {
                if (item?.BaseObject is StaffChange change)
                {
                    _changes.Add(change);
                    continue;
                }

                // A CSV row (Import-Csv of a review sheet or of Export-Csv output) only describes a change; a plan must
                // hold the diff's own changes, so say exactly what to pipe instead.
                var isReviewRow = item?.Properties[ReviewSheetLayout.Approve] is not null;
                var message = isReviewRow
                    ? "Rows of a review sheet cannot be saved as a plan; read the sheet back against its diff instead: Import-TitanHstReview -Path <review.csv> -Diff $diff | Export-TitanHstPlan -Path <plan.json>"
                    : $"Export-TitanHstPlan takes changes from Get-TitanHstDiff (or Import-TitanHstReview), not {item?.BaseObject?.GetType().Name ?? "null"}; for a spreadsheet review use Export-TitanHstReview, then Import-TitanHstReview -Path <review.csv> -Diff $diff | Export-TitanHstPlan -Path <plan.json>";
                ThrowTerminatingError(new ErrorRecord(new PSArgumentException(message), ReviewErrorIds.ReviewRowsNotChanges, ErrorCategory.InvalidType, item));
            }
        }

        private static string FolderProblem(string path)
        {
            var folder = System.IO.Path.GetDirectoryName(path);
            return File.Exists(folder) ? $"{folder} is a file, not a folder"
                : Directory.Exists(folder) ? $"the folder {folder} is not writable" : $"the folder {folder} cannot be created";
        }

        /// <summary>Writes the plan and returns it as read back from disk.</summary>
        protected override void EndProcessing()
        {
            var path = PathResolver.Resolve(this, Path);
            if (_changes.Count == 0)
            {
                ThrowTerminatingError(ErrorRecords.Argument(PlanErrorIds.PlanEmpty, "No changes were piped in; there is nothing to save.", path));
            }

            // Before the overwrite check: writing over a folder would fail as "not writable" or "exists already".
            if (InputFiles.IsFolder(path))
            {
                ThrowTerminatingError(ErrorRecords.OutputIsFolder(path));
            }

            if (File.Exists(path) && !Force)
            {
                ThrowTerminatingError(new ErrorRecord(new IOException($"The plan {path} exists already; use -Force to replace it."),
                    PlanErrorIds.PlanExists, ErrorCategory.ResourceExists, path));
            }

            if (!ShouldProcess(path, $"Export a plan of {_changes.Count} change(s) from diff {_changes[0].DiffId}"))
            {
                return;
            }

            try
            {
                AccessAudit.EnsureWritable(this, null);
                var plan = PlanWriter.Write(path, _changes, OperatorName.Current);
                AccessAudit.Record(this, null, AccessAudit.ContractOf(_changes[0]), AuditAccess.PlanExport, plan.ChangeCount, $"plan {plan.PlanId} ({plan.Hash}) to {path}");
                WriteVerbose($"Plan {plan.PlanId} written to {path}, hash {plan.Hash}");
                WriteObject(plan);
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(new ErrorRecord(ex, PlanErrorIds.PlanMixesDiffs, ErrorCategory.InvalidArgument, path));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Never the raw exception, which names the temporary .partial file rather than the plan asked for.
                ThrowTerminatingError(new ErrorRecord(new IOException($"Cannot write the plan {path}: {ex.GetType().Name.Replace("Exception", string.Empty)} ({FolderProblem(path)}).", ex),
                    PlanErrorIds.OutputNotWritable, ErrorCategory.WriteError, path)
                {
                    ErrorDetails = new ErrorDetails($"Cannot write the plan {path}: {FolderProblem(path)}.") { RecommendedAction = "Choose a folder you can write to, or create it first." },
                });
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using Aether.TitanHst.Audit;
using Aether.TitanHst.Diff;
using Aether.TitanHst.Plan;
using Aether.TitanHst.PowerShell.Audit;
using Aether.TitanHst.PowerShell.Internal;

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

        /// <summary>The reviewed changes, from Get-TitanHstDiff (filtered, or through Out-GridView -PassThru).</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [ValidateNotNull]
        public StaffChange[] InputObject { get; set; } = null!;

        /// <summary>Overwrites an existing plan file.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Collects the changes.</summary>
        protected override void ProcessRecord() => _changes.AddRange(InputObject);

        /// <summary>Writes the plan and returns it as read back from disk.</summary>
        protected override void EndProcessing()
        {
            var path = PathResolver.Resolve(this, Path);
            if (_changes.Count == 0)
            {
                ThrowTerminatingError(ErrorRecords.Argument(PlanErrorIds.PlanEmpty, "No changes were piped in; there is nothing to save.", path));
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
                AccessAudit.Record(this, null, AuditAccess.PlanExport, plan.ChangeCount, $"plan {plan.PlanId} ({plan.Hash}) to {path}");
                WriteVerbose($"Plan {plan.PlanId} written to {path}, hash {plan.Hash}");
                WriteObject(plan);
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(new ErrorRecord(ex, PlanErrorIds.PlanMixesDiffs, ErrorCategory.InvalidArgument, path));
            }
        }
    }
}

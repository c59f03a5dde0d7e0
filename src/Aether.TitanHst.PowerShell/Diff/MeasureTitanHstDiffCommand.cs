using System.Collections.Generic;
using System.Management.Automation;
using Aether.TitanHst.Apply;
using Aether.TitanHst.Diff;

namespace Aether.TitanHst.PowerShell.Diff
{
    /// <summary>
    /// <para type="synopsis">Counts changes by action, site and role, for the whole diff or a filtered part of it.</para>
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Measure, "TitanHstDiff")]
    [OutputType(typeof(DiffSummary))]
    public sealed class MeasureTitanHstDiffCommand : PSCmdlet
    {
        private readonly List<StaffChange> _changes = new();

        /// <summary>
        /// Changes from Get-TitanHstDiff or Import-TitanHstPlan. Taken as objects so that anything else piped in gets an
        /// error saying what to pipe instead, rather than a binding error per object and then a summary of nothing.
        /// </summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [ValidateNotNull]
        public PSObject[] InputObject { get; set; } = null!;

        /// <summary>Collects the changes; stops at the first object that is not one.</summary>
        protected override void ProcessRecord()
        {
            foreach (var item in InputObject)
            {
                if (item?.BaseObject is StaffChange change)
                {
                    _changes.Add(change);
                    continue;
                }

                var given = item?.BaseObject?.GetType().Name ?? "null";
                var message = item?.BaseObject is ChangeOutcome or ApplyRunSummary
                    ? $"Measure-TitanHstDiff counts the changes of a diff, not what an apply did ({given}); for a run's counts read its summary: Get-TitanHstRun -RunId <RunId>, or count the changes before applying them: Get-TitanHstDiff -Contract <contract> | Measure-TitanHstDiff"
                    : $"Measure-TitanHstDiff counts changes from Get-TitanHstDiff or Import-TitanHstPlan, not {given}; pipe those in: Get-TitanHstDiff -Contract <contract> | Measure-TitanHstDiff, or Import-TitanHstPlan <plan.json> | Measure-TitanHstDiff";
                ThrowTerminatingError(new ErrorRecord(new PSArgumentException(message), DiffErrorIds.NotDiffChanges, ErrorCategory.InvalidType, item));
            }
        }

        /// <summary>Writes one summary of everything collected.</summary>
        protected override void EndProcessing() => WriteObject(DiffSummary.FromChanges(_changes));
    }
}

using System.Collections.Generic;
using System.Management.Automation;
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

        /// <summary>Changes from Get-TitanHstDiff or Import-TitanHstPlan.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [ValidateNotNull]
        public StaffChange[] InputObject { get; set; } = null!;

        /// <summary>Collects the changes.</summary>
        protected override void ProcessRecord() => _changes.AddRange(InputObject);

        /// <summary>Writes one summary of everything collected.</summary>
        protected override void EndProcessing() => WriteObject(DiffSummary.FromChanges(_changes));
    }
}

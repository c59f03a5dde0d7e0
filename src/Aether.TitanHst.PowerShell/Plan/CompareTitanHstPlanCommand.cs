using System.Collections.Generic;
using System.Management.Automation;
using Aether.TitanHst.Diff;
using Aether.TitanHst.Errors;
using Aether.TitanHst.Plan;
using Aether.TitanHst.PowerShell.Internal;

namespace Aether.TitanHst.PowerShell.Plan
{
    /// <summary>
    /// <para type="synopsis">Shows what changed since a plan was reviewed, by comparing it with a fresh diff piped in.</para>
    /// </summary>
    [Cmdlet(VerbsData.Compare, "TitanHstPlan")]
    [OutputType(typeof(PlanDifference))]
    public sealed class CompareTitanHstPlanCommand : PSCmdlet
    {
        private readonly List<StaffChange> _current = new();

        /// <summary>The reviewed plan file.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = null!;

        /// <summary>The fresh diff: Get-TitanHstDiff ... | Compare-TitanHstPlan -Path plan.json.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [AllowEmptyCollection]
        public StaffChange[] InputObject { get; set; } = null!;

        /// <summary>Collects the fresh changes.</summary>
        protected override void ProcessRecord() => _current.AddRange(InputObject);

        /// <summary>Writes one difference per person whose change is not what was reviewed.</summary>
        protected override void EndProcessing()
        {
            SavedPlan plan;
            try
            {
                plan = PlanReader.Read(PathResolver.Resolve(this, Path));
            }
            catch (InputFileException ex)
            {
                ThrowTerminatingError(ErrorRecords.FromInputFile(ex));
                return;
            }

            if (_current.Count > 0 && _current[0].ContractHash != plan.ContractHash)
            {
                WriteWarning($"The plan was reviewed under contract {plan.ContractId} {plan.ContractVersion} ({plan.ContractHash}); the fresh diff uses {_current[0].ContractVersion} ({_current[0].ContractHash}).");
            }

            var count = 0;
            foreach (var difference in PlanComparer.Compare(plan.Changes, _current))
            {
                count++;
                WriteObject(difference);
            }

            WriteVerbose(count == 0 ? $"The fresh diff matches plan {plan.PlanId}." : $"{count} person(s) differ from plan {plan.PlanId}.");
        }
    }
}

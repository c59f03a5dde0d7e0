using System.Management.Automation;
using Aether.TitanHst.Diff;
using Aether.TitanHst.Errors;
using Aether.TitanHst.Plan;
using Aether.TitanHst.PowerShell.Internal;

namespace Aether.TitanHst.PowerShell.Plan
{
    /// <summary>
    /// <para type="synopsis">Reads a saved plan back as change objects, refusing a file edited since it was exported.</para>
    /// </summary>
    [Cmdlet(VerbsData.Import, "TitanHstPlan")]
    [OutputType(typeof(StaffChange))]
    [OutputType(typeof(SavedPlan))]
    public sealed class ImportTitanHstPlanCommand : PSCmdlet
    {
        /// <summary>The plan file from Export-TitanHstPlan.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName", "PSPath")]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = null!;

        /// <summary>Writes the plan itself (id, hash, contract, operator, changes) instead of its changes.</summary>
        [Parameter]
        public SwitchParameter AsPlan { get; set; }

        /// <summary>Reads and verifies the plan.</summary>
        protected override void ProcessRecord()
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

            WriteVerbose($"Plan {plan.PlanId}: {plan.ChangeCount} changes from diff {plan.DiffId}, contract {plan.ContractId} {plan.ContractVersion}, exported {plan.CreatedAt:u} by {plan.Operator}; hash verified");
            if (AsPlan)
            {
                WriteObject(plan);
            }
            else
            {
                WriteObject(plan.Changes, enumerateCollection: true);
            }
        }
    }
}

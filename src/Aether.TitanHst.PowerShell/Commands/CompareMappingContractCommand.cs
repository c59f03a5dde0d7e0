using System.Collections;
using System.Linq;
using System.Management.Automation;
using Aether.TitanHst.Audit;
using Aether.TitanHst.Client;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Errors;
using Aether.TitanHst.PowerShell.Audit;
using Aether.TitanHst.PowerShell.Completion;
using Aether.TitanHst.PowerShell.Internal;
using Aether.TitanHst.PowerShell.Session;
using Aether.TitanHst.Preview;

namespace Aether.TitanHst.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Previews a contract edit: runs the old and the new contract over the same exports (and the same TitanHST state) and lists every person whose outcome differs.</para>
    /// </summary>
    [Cmdlet(VerbsData.Compare, "MappingContract", DefaultParameterSetName = SourcesSet)]
    [OutputType(typeof(ContractOutcomeDifference))]
    [OutputType(typeof(ContractComparisonSummary))]
    public sealed class CompareMappingContractCommand : PSCmdlet
    {
        private const string SourcesSet = "Sources";
        private const string SnapshotSet = "Snapshot";
        private const string ConnectionSet = "Connection";

        /// <summary>The contract in force today (the reference): an object from Import-MappingContract, or a path.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [MappingContractTransformation]
        [ArgumentCompleter(typeof(ContractPathCompleter))]
        [ValidateNotNull]
        public MappingContract Reference { get; set; } = null!;

        /// <summary>The edited contract (the difference): an object from Import-MappingContract, or a path.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true)]
        [MappingContractTransformation]
        [ArgumentCompleter(typeof(ContractPathCompleter))]
        [ValidateNotNull]
        public MappingContract Difference { get; set; } = null!;

        /// <summary>Also compares the change each contract would make in TitanHST, against this snapshot (Get-TitanHstStaff -IncludeInactive -OutFile).</summary>
        [Parameter(Mandatory = true, ParameterSetName = SnapshotSet)]
        [ValidateNotNullOrEmpty]
        public string TargetSnapshot { get; set; } = null!;

        /// <summary>Also compares the change each contract would make in the connected TitanHST (the session's connection unless -Connection names another).</summary>
        [Parameter(Mandatory = true, ParameterSetName = ConnectionSet)]
        public SwitchParameter Live { get; set; }

        /// <summary>With -Live: the connection to read from instead of the session's.</summary>
        [Parameter(ParameterSetName = ConnectionSet)]
        [ValidateNotNull]
        public TitanHstConnection? Connection { get; set; }

        /// <summary>Reads the sources of both contracts from these files, by source name: @{ hr = './hr-today.csv' }.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(SourcePathCompleter))]
        public Hashtable? SourcePath { get; set; }

        /// <summary>Writes only the summary: counts by kind, field, site and role.</summary>
        [Parameter]
        public SwitchParameter Summary { get; set; }

        /// <summary>Runs both contracts and writes the people whose outcome differs (or the summary).</summary>
        protected override void ProcessRecord()
        {
            var reference = SourcePaths.Apply(this, Reference, SourcePath);
            var difference = SourcePaths.Apply(this, Difference, SourcePath);
            if (reference.Id != difference.Id)
            {
                WriteWarning($"The contracts have different ids ('{reference.Id}' and '{difference.Id}'); comparing them anyway.");
            }

            var withTarget = ParameterSetName != SourcesSet;
            if (withTarget)
            {
                AccessAudit.EnsureWritable(this, difference);
            }

            var progress = new ProgressRecord(4, "Compare-MappingContract", $"{reference.Version} → {difference.Version}");
            ContractComparisonResult result;
            string targetDescription = "no target";
            try
            {
                var comparer = new ContractComparer(reference, difference)
                {
                    Progress = (done, all) =>
                    {
                        if (done % 5000 == 0 || done == all)
                        {
                            progress.StatusDescription = $"{done:N0} of {all:N0} people compared";
                            progress.PercentComplete = all == 0 ? 100 : (int)(100L * done / all);
                            WriteProgress(progress);
                        }
                    },
                };
                if (withTarget)
                {
                    using var target = TargetSource.Open(this, ParameterSetName == SnapshotSet ? TargetSnapshot : null, Connection, null);
                    targetDescription = target.Description;
                    progress.StatusDescription = "Reading TitanHST and the exports";
                    WriteProgress(progress);
                    // TitanHST is read on a worker while the exports are read, as Get-TitanHstDiff does.
                    result = comparer.Compare(target.Read);
                }
                else
                {
                    result = comparer.Compare();
                }
            }
            catch (InputFileException ex)
            {
                ThrowTerminatingError(ErrorRecords.FromInputFile(ex));
                return;
            }
            catch (TitanHstApiException ex)
            {
                ThrowTerminatingError(ClientErrors.FromApi(ex, TargetSnapshot ?? "TitanHST"));
                return;
            }
            finally
            {
                progress.RecordType = ProgressRecordType.Completed;
                WriteProgress(progress);
            }

            if (withTarget)
            {
                AccessAudit.Record(this, difference, AuditAccess.ContractCompare, result.Summary.PeopleCompared,
                    $"{targetDescription}; {reference.Version} → {difference.Version}");
            }

            WriteVerbose($"{result.Summary.PeopleDiffering} of {result.Summary.PeopleCompared} people differ between {result.Summary.ReferenceContract} and {result.Summary.DifferenceContract}.");
            if (Summary)
            {
                WriteObject(result.Summary);
            }
            else
            {
                WriteObject(result.Differences, enumerateCollection: true);
            }
        }
    }
}

using System.Management.Automation;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Errors;
using Aether.TitanHst.PowerShell.Completion;
using Aether.TitanHst.PowerShell.Internal;

namespace Aether.TitanHst.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Loads and validates a TitanHST mapping contract.</para>
    /// </summary>
    [Cmdlet(VerbsData.Import, "MappingContract")]
    [OutputType(typeof(MappingContract))]
    public sealed class ImportMappingContractCommand : PSCmdlet
    {
        /// <summary>The contract file (JSON with comments). Relative paths inside it are resolved from its folder.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName", "PSPath")]
        [ArgumentCompleter(typeof(ContractPathCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = null!;

        /// <summary>Loads each contract and writes it to the pipeline; a broken one is an error naming file, line and property.</summary>
        protected override void ProcessRecord()
        {
            foreach (var path in Path)
            {
                var resolved = PathResolver.Resolve(this, path);
                WriteVerbose($"Loading mapping contract {resolved}");
                try
                {
                    var contract = ContractLoader.Load(resolved);
                    WriteVerbose($"Loaded {contract.Id} {contract.Version} (hash {contract.ShortHash})");
                    WriteObject(contract);
                }
                catch (InputFileException ex)
                {
                    WriteError(ErrorRecords.FromInputFile(ex));
                }
            }
        }
    }
}

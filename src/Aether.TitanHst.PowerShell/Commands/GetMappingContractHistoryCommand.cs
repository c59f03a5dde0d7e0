using System.Management.Automation;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Errors;
using Aether.TitanHst.PowerShell.Completion;
using Aether.TitanHst.PowerShell.Internal;

namespace Aether.TitanHst.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Lists the published versions of a mapping contract: version, hash, when, by whom and why.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "MappingContractHistory")]
    [OutputType(typeof(PublishedContractVersion))]
    public sealed class GetMappingContractHistoryCommand : PSCmdlet
    {
        /// <summary>The mapping contract (or its path); its history is &lt;contract name&gt;.versions.json beside it.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [MappingContractTransformation]
        [ArgumentCompleter(typeof(ContractPathCompleter))]
        [ValidateNotNull]
        public MappingContract Contract { get; set; } = null!;

        /// <summary>Only the newest N versions.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int Last { get; set; }

        /// <summary>Writes the published versions oldest first; warns when the loaded content is not the latest published one.</summary>
        protected override void ProcessRecord()
        {
            var path = ContractVersionHistory.PathFor(Contract);
            ContractVersionHistory? history;
            try
            {
                history = ContractVersionHistory.Read(path);
            }
            catch (InputFileException ex)
            {
                ThrowTerminatingError(ErrorRecords.FromInputFile(ex));
                return;
            }

            if (history is null || history.Versions.Count == 0)
            {
                WriteWarning($"{Contract.Id} has never been published: there is no {path}. Publish-MappingContract -Reason '...' records a reviewed version.");
                return;
            }

            var ordered = history.Ordered();
            var skip = Last > 0 && ordered.Count > Last ? ordered.Count - Last : 0;
            for (var i = skip; i < ordered.Count; i++)
            {
                WriteObject(ordered[i]);
            }

            var published = history.Find(Contract.Version);
            if (published is null)
            {
                WriteWarning($"The loaded contract's version {Contract.Version} is not published yet (latest published: {history.Latest?.Version}).");
            }
            else if (published.Hash != Contract.Hash)
            {
                WriteWarning($"The loaded contract's content ({Contract.ShortHash}) differs from what was published as {Contract.Version} ({published.ShortHash}): bump the version and publish.");
            }
        }
    }
}

using System;
using System.Management.Automation;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Errors;
using Aether.TitanHst.PowerShell.Completion;
using Aether.TitanHst.PowerShell.Internal;

namespace Aether.TitanHst.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Records a reviewed contract version and its hash in the version history beside the contract.</para>
    /// </summary>
    [Cmdlet(VerbsData.Publish, "MappingContract", SupportsShouldProcess = true)]
    [OutputType(typeof(PublishedContractVersion))]
    public sealed class PublishMappingContractCommand : PSCmdlet
    {
        internal const string ContractVersionNotBumped = nameof(ContractVersionNotBumped);
        internal const string ContractVersionNotGreater = nameof(ContractVersionNotGreater);

        /// <summary>The reviewed mapping contract (or its path).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [MappingContractTransformation]
        [ArgumentCompleter(typeof(ContractPathCompleter))]
        [ValidateNotNull]
        public MappingContract Contract { get; set; } = null!;

        /// <summary>Writes the version and hash to &lt;contract&gt;.versions.json; refuses changed content under a published version.</summary>
        protected override void ProcessRecord()
        {
            var path = ContractVersionHistory.PathFor(Contract);
            ContractVersionHistory history;
            try
            {
                history = ContractVersionHistory.Read(path) ?? new ContractVersionHistory { ContractId = Contract.Id };
            }
            catch (InputFileException ex)
            {
                ThrowTerminatingError(ErrorRecords.FromInputFile(ex));
                return;
            }

            var existing = history.Find(Contract.Version);
            if (existing is not null)
            {
                if (existing.Hash == Contract.Hash)
                {
                    WriteVerbose($"Version {Contract.Version} is already published with this hash.");
                    WriteObject(existing);
                    return;
                }

                ThrowTerminatingError(new ErrorRecord(
                    new InvalidOperationException($"Version {Contract.Version} was published with hash {existing.Hash}; the contract now hashes to {Contract.Hash}. Bump \"version\" in {Contract.Path} and publish again."),
                    ContractVersionNotBumped, ErrorCategory.InvalidData, Contract));
            }

            var latest = history.Latest;
            if (latest is not null && SemanticVersionComparer.Instance.Compare(Contract.Version, latest.Version) <= 0)
            {
                ThrowTerminatingError(new ErrorRecord(
                    new InvalidOperationException($"Version {Contract.Version} is not greater than the latest published version {latest.Version}."),
                    ContractVersionNotGreater, ErrorCategory.InvalidData, Contract));
            }

            if (!ShouldProcess(path, $"Publish {Contract.Id} version {Contract.Version} ({Contract.ShortHash})"))
            {
                return;
            }

            var entry = new PublishedContractVersion
            {
                Version = Contract.Version,
                Hash = Contract.Hash,
                PublishedAt = DateTimeOffset.UtcNow,
                PublishedBy = $"{Environment.UserDomainName}\\{Environment.UserName}".TrimStart('\\'),
            };
            history.ContractId = Contract.Id;
            history.Versions.Add(entry);
            history.Write(path);
            WriteObject(entry);
        }
    }
}

using System;
using System.Management.Automation;
using Aether.TitanHst.Audit;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Errors;
using Aether.TitanHst.PowerShell.Audit;
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
        internal const string ContractPublishReasonInvalid = nameof(ContractPublishReasonInvalid);
        private static readonly char[] LineBreaks = { '\r', '\n' };

        /// <summary>The reviewed mapping contract (or its path).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [MappingContractTransformation]
        [ArgumentCompleter(typeof(ContractPathCompleter))]
        [ValidateNotNull]
        public MappingContract Contract { get; set; } = null!;

        /// <summary>One line saying what changed and why ("HR job class 2210 now maps to COUNSEL"); kept in the history and the audit log.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        public string Reason { get; set; } = null!;

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

            var reason = Reason.Trim();
            if (reason.IndexOfAny(LineBreaks) >= 0)
            {
                ThrowTerminatingError(ErrorRecords.Argument(ContractPublishReasonInvalid, "-Reason must be one line: say what changed and why in a sentence.", Reason));
            }

            var entry = new PublishedContractVersion
            {
                Version = Contract.Version,
                Hash = Contract.Hash,
                PublishedAt = DateTimeOffset.UtcNow,
                PublishedBy = OperatorName.Current,
                Reason = reason,
            };

            // The audit entry first: a publish that cannot be accounted for does not happen.
            try
            {
                using var writer = new AuditLogWriter(Session.ProfileResolver.AuditOptions(this, Contract));
                writer.Append(new AuditEvent(AuditEntryKind.ContractPublish)
                {
                    Contract = new AuditContractInfo(Contract.Id, Contract.Version, Contract.Hash),
                    Reason = reason,
                });
            }
            catch (Exception ex) when (ex is InputFileException or System.IO.IOException or UnauthorizedAccessException)
            {
                ThrowTerminatingError(new ErrorRecord(ex, AccessAudit.AuditWriteFailed, ErrorCategory.WriteError, Contract)
                {
                    ErrorDetails = new ErrorDetails($"Publishing a contract version must be recorded in the audit log, and that failed: {AccessAudit.Why(ex)}"),
                });
            }

            history.ContractId = Contract.Id;
            history.Versions.Add(entry);
            history.Write(path);
            entry.ContractId = Contract.Id;
            entry.PreviousVersion = latest?.Version ?? string.Empty;
            WriteObject(entry);
        }
    }
}

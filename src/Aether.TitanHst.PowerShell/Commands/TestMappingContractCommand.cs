using System.Collections;
using System.Linq;
using System.Management.Automation;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Contract.Checks;
using Aether.TitanHst.Errors;
using Aether.TitanHst.Client;
using Aether.TitanHst.PowerShell.Completion;
using Aether.TitanHst.PowerShell.Internal;
using Aether.TitanHst.PowerShell.Session;
using Aether.TitanHst.Target;

namespace Aether.TitanHst.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Checks a mapping contract against its sources: schema, mapping coverage, required fields, unique keys, version.</para>
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "MappingContract", DefaultParameterSetName = ContractSet)]
    [OutputType(typeof(ContractCheckResult))]
    [OutputType(typeof(bool))]
    public sealed class TestMappingContractCommand : PSCmdlet
    {
        private const string ContractSet = "Contract";
        private const string PathSet = "Path";

        /// <summary>
        /// The mapping contract, from Import-MappingContract, or a contract file's path (text or a file from
        /// Get-ChildItem). A contract that does not load is reported as a ContractValid error, as with -Path.
        /// </summary>
        /// <remarks>
        /// Typed object, not MappingContract with the path transformation the other cmdlets use: a transformation
        /// that fails fails the binding, and this is the cmdlet that reports a broken contract instead of stopping.
        /// </remarks>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = ContractSet)]
        [ArgumentCompleter(typeof(ContractPathCompleter))]
        [ValidateNotNull]
        public object Contract { get; set; } = null!;

        /// <summary>The contract file. A contract that does not load is reported as a ContractValid error rather than thrown.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = PathSet)]
        [Alias("FullName", "PSPath")]
        [ArgumentCompleter(typeof(ContractPathCompleter))]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = null!;

        /// <summary>Checks other source files of the same shape, by source name: @{ hr = './hr-today.csv' }.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(SourcePathCompleter))]
        public Hashtable? SourcePath { get; set; }

        /// <summary>TitanHST's role codes; role mapping tables are checked against them. Get-TitanHstReference -Kind Role gives them.</summary>
        [Parameter]
        public string[]? TargetRoleCode { get; set; }

        /// <summary>TitanHST's site codes; site mapping tables are checked against them.</summary>
        [Parameter]
        public string[]? TargetSiteCode { get; set; }

        /// <summary>
        /// The TitanHST connection whose roles and sites the mapping tables are checked against; the session's
        /// (Connect-TitanHst) by default. Not used when -TargetRoleCode and -TargetSiteCode are given.
        /// </summary>
        [Parameter]
        [ValidateNotNull]
        public TitanHstConnection? Connection { get; set; }

        /// <summary>Records the exports' current headers as the baseline (after a reviewed export change), instead of reporting them as drift.</summary>
        [Parameter]
        public SwitchParameter AcceptSourceHeader { get; set; }

        /// <summary>Returns only $true (no Error results) or $false.</summary>
        [Parameter]
        public SwitchParameter Quiet { get; set; }

        /// <summary>Runs the checks and writes one result per finding.</summary>
        protected override void ProcessRecord()
        {
            var contract = ParameterSetName == PathSet ? TryLoad(Path) : FromArgument(Contract);
            if (contract is null)
            {
                return;
            }

            contract = SourcePaths.Apply(this, contract, SourcePath);
            var checker = new MappingContractChecker(contract)
            {
                TargetRoles = TargetRoleCode ?? ReadReferenceCodes(TargetReferenceKind.Role),
                TargetSites = TargetSiteCode ?? ReadReferenceCodes(TargetReferenceKind.Site),

                // One-off files given with -SourcePath are compared with the baseline but never become it.
                HeaderDrift = new SourceHeaderDriftCheck(contract) { Accept = AcceptSourceHeader, Record = SourcePath is null || SourcePath.Count == 0 },
            };
            var progress = new ProgressRecord(2, "Test-MappingContract", $"Checking {contract.Id} {contract.Version}");
            checker.Progress = people =>
            {
                progress.StatusDescription = $"{people} people checked";
                WriteProgress(progress);
            };

            var failed = false;
            foreach (var result in checker.Run())
            {
                failed |= result.GetSeverity() == CheckSeverity.Error;
                if (!Quiet)
                {
                    WriteObject(result);
                }
            }

            progress.RecordType = ProgressRecordType.Completed;
            WriteProgress(progress);
            if (Quiet)
            {
                WriteObject(!failed);
            }
        }

        // When connected, the mapping tables are checked against what TitanHST really has.
        private string[]? ReadReferenceCodes(TargetReferenceKind kind)
        {
            var connection = Connection ?? TitanHstSession.Current;
            if (connection is null)
            {
                return null;
            }

            try
            {
                var codes = connection.Client.GetReferencesAsync(kind).GetAwaiter().GetResult().Select(r => r.Code).ToArray();
                WriteVerbose($"Checking mapping tables against {codes.Length} TitanHST {kind.ToString().ToLowerInvariant()} codes from {connection.BaseUri}");
                return codes;
            }
            catch (TitanHstApiException e)
            {
                ThrowTerminatingError(ClientErrors.FromApi(e, kind.ToString()));
                return null;
            }
        }

        // A contract object as it is; a path (text or a file) loaded, or reported when it does not load.
        private MappingContract? FromArgument(object argument)
        {
            if (ContractArgument.Unwrap(argument) is MappingContract contract)
            {
                return contract;
            }

            if (ContractArgument.PathOf(argument) is { } path)
            {
                return TryLoad(path);
            }

            WriteError(ErrorRecords.Argument("ContractArgumentInvalid",
                $"-Contract takes a contract from Import-MappingContract or the path of a contract file, not a {ContractArgument.Unwrap(argument)!.GetType().Name}.", argument));
            return null;
        }

        private MappingContract? TryLoad(string path)
        {
            try
            {
                return ContractLoader.Load(PathResolver.Resolve(this, path));
            }
            catch (InputFileException ex)
            {
                var result = new ContractCheckResult(CheckRules.ContractValid, CheckSeverity.Error, ex.Message, new[] { $"{ex.File}:{ex.Line}" });
                WriteObject(Quiet ? (object)false : result);
                return null;
            }
        }
    }
}

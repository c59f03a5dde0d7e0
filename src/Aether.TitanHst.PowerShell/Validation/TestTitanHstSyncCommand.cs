using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using Aether.TitanHst.Audit;
using Aether.TitanHst.Canonical;
using Aether.TitanHst.Client;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Diff;
using Aether.TitanHst.Errors;
using Aether.TitanHst.PowerShell.Audit;
using Aether.TitanHst.PowerShell.Completion;
using Aether.TitanHst.PowerShell.Diff;
using Aether.TitanHst.PowerShell.Internal;
using Aether.TitanHst.PowerShell.Session;
using Aether.TitanHst.Target;
using Aether.TitanHst.Validation;

namespace Aether.TitanHst.PowerShell.Validation
{
    /// <summary>
    /// <para type="synopsis">Checks after an apply that TitanHST holds what the sources say: what still differs, counts by site and role, and a seeded spot check.</para>
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "TitanHstSync", DefaultParameterSetName = ConnectionSet)]
    [OutputType(typeof(SyncValidationResult))]
    [OutputType(typeof(bool))]
    public sealed class TestTitanHstSyncCommand : PSCmdlet, IDisposable
    {
        private const string ConnectionSet = "Connection";
        private const string SnapshotSet = "Snapshot";
        private readonly CancellationTokenSource _stop = new();

        /// <summary>The mapping contract: an object from Import-MappingContract, or the path of a contract file.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [MappingContractTransformation]
        [ArgumentCompleter(typeof(ContractPathCompleter))]
        [ValidateNotNull]
        public MappingContract Contract { get; set; } = null!;

        /// <summary>The TitanHST connection to re-read the target from; the session's (Connect-TitanHst) by default.</summary>
        [Parameter(ParameterSetName = ConnectionSet)]
        [ValidateNotNull]
        public TitanHstConnection? Connection { get; set; }

        /// <summary>A snapshot file from Get-TitanHstStaff -IncludeInactive -OutFile taken after the apply, to validate without a connection.</summary>
        [Parameter(Mandatory = true, ParameterSetName = SnapshotSet)]
        [ValidateNotNullOrEmpty]
        public string TargetSnapshot { get; set; } = null!;

        /// <summary>How many matched people to compare field by field (default 25; 0 skips the spot check).</summary>
        [Parameter]
        [ValidateRange(0, 100000)]
        public int SampleSize { get; set; } = SyncValidationOptions.DefaultSampleSize;

        /// <summary>Seeds the spot check's sample, to draw the same people again; a drawn seed is reported otherwise.</summary>
        [Parameter]
        public int? Seed { get; set; }

        /// <summary>Reads some sources from other files of the same shape, by source name: @{ hr = './hr-today.csv' }.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(SourcePathCompleter))]
        public Hashtable? SourcePath { get; set; }

        /// <summary>Writes only $true (passed) or $false.</summary>
        [Parameter]
        public SwitchParameter Quiet { get; set; }

        /// <summary>Goes ahead although TitanHST reports this staff schema version, not the one the contract was written for; recorded in the audit log.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? AcknowledgeSchemaVersion { get; set; }

        /// <summary>Re-reads TitanHST, re-diffs it against the sources and writes the validation result.</summary>
        protected override void ProcessRecord()
        {
            var contract = SourcePaths.Apply(this, Contract, SourcePath);
            var progress = new ProgressRecord(4, "Test-TitanHstSync", $"Validating TitanHST against {contract.Id} {contract.Version}");
            AccessAudit.EnsureWritable(this, contract);
            SyncValidationResult result;
            string targetDescription;
            try
            {
                using var target = TargetSource.Open(this, ParameterSetName == SnapshotSet ? TargetSnapshot : null, Connection, null);
                targetDescription = target.Description;
                SchemaCheck.Run(this, contract, target.SchemaVersion, AcknowledgeSchemaVersion);
                // Each export is read once: the hashes recorded are of exactly the bytes the extract parsed.
                var identity = DiffIdentity.New(contract, null, targetDescription, target.Identity);
                var extractor = new StaffExtractor(contract);
                var validator = new SyncValidator(contract, identity);
                progress.StatusDescription = "Reading the exports and TitanHST";
                WriteProgress(progress);

                // TitanHST is re-read on a worker thread while this one reads the exports, as Get-TitanHstDiff does:
                // a broken export fails before a long live read ends, and the worker only counts for the progress
                // this thread reports while it waits (a cmdlet writes from its own thread only).
                var targetRead = new TargetReadCounter();
                result = validator.Validate(
                    ProgressCounter.Count(extractor.Extract(), this, progress, "source people"),
                    stop => TargetRecordStream.Read(target.Read, targetRead.Add, stop, _stop.Token),
                    new SyncValidationOptions { SampleSize = SampleSize, Seed = Seed },
                    () => targetRead.Report(this, progress));
                identity.RecordSourceFiles(SourceFileHash.Read(contract, extractor.SourceHashes));
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
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                // Ctrl+C stopped the read of TitanHST in flight; the pipeline is stopping, nothing to report.
                return;
            }
            finally
            {
                ProgressCounter.Complete(this, progress);
            }

            AccessAudit.Record(this, contract, AuditAccess.Validate, result.Diff.TargetRecords,
                $"{targetDescription}; {result.SourceRecords} source records; spot check of {result.SampledPeople} (seed {result.Seed})");
            WriteVerbose($"Validation {result.DiffId}: {result}; {result.SourceRecords} people in scope, {result.TargetManagedActive} managed active TitanHST records; seed {result.Seed}");
            if (result.Outstanding.Count > 0)
            {
                WriteWarning($"{result.Outstanding.Count} change(s) wait for a person ({result.Conflict} conflict(s), {result.Blocked} blocked, {result.HeldBack} held back): "
                    + "apply does not make them without a decision or an override, so they do not fail the check. See the Outstanding property.");
            }

            WriteObject(Quiet ? result.Passed : result);
        }

        /// <summary>Ctrl+C: stops the read of TitanHST in flight.</summary>
        protected override void StopProcessing() => _stop.Cancel();

        /// <summary>Releases the stop signal.</summary>
        public void Dispose() => _stop.Dispose();
    }
}

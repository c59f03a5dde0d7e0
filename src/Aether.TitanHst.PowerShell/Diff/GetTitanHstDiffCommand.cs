using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
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
using Aether.TitanHst.PowerShell.Internal;
using Aether.TitanHst.PowerShell.Session;
using Aether.TitanHst.Target;

namespace Aether.TitanHst.PowerShell.Diff
{
    /// <summary>
    /// <para type="synopsis">Computes what would change in TitanHST: one reviewable change object per person.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "TitanHstDiff", DefaultParameterSetName = ConnectionSet)]
    [OutputType(typeof(StaffChange))]
    [OutputType(typeof(DiffSummary))]
    public sealed class GetTitanHstDiffCommand : PSCmdlet, IDisposable
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

        /// <summary>The TitanHST connection to read the target from; the session's (Connect-TitanHst) by default.</summary>
        [Parameter(ParameterSetName = ConnectionSet)]
        [ValidateNotNull]
        public TitanHstConnection? Connection { get; set; }

        /// <summary>A snapshot file from Get-TitanHstStaff -IncludeInactive -OutFile, to diff without a connection.</summary>
        [Parameter(Mandatory = true, ParameterSetName = SnapshotSet)]
        [ValidateNotNullOrEmpty]
        public string TargetSnapshot { get; set; } = null!;

        /// <summary>Narrows the diff to these people (match keys), for a quick check of one person.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? ExternalId { get; set; }

        /// <summary>Also writes NoChange changes (always counted in the summary).</summary>
        [Parameter]
        public SwitchParameter IncludeNoChange { get; set; }

        /// <summary>Writes only the summary: counts by action, site and role, and whether safety blocked the diff.</summary>
        [Parameter]
        public SwitchParameter Summary { get; set; }

        /// <summary>Reads some sources from other files of the same shape, by source name: @{ hr = './hr-today.csv' }.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(SourcePathCompleter))]
        public Hashtable? SourcePath { get; set; }

        /// <summary>Goes ahead although TitanHST reports this staff schema version, not the one the contract was written for; recorded in the audit log.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? AcknowledgeSchemaVersion { get; set; }

        /// <summary>Reads both sides, computes the diff, and writes the changes (or the summary).</summary>
        protected override void ProcessRecord()
        {
            var contract = SourcePaths.Apply(this, Contract, SourcePath);
            var progress = new ProgressRecord(3, "Get-TitanHstDiff", $"Diffing {contract.Id} {contract.Version} against TitanHST");
            AccessAudit.EnsureWritable(this, contract);
            DiffResult result;
            string targetDescription;
            try
            {
                using var target = TargetSource.Open(this, ParameterSetName == SnapshotSet ? TargetSnapshot : null, Connection, ExternalId);
                targetDescription = target.Description;
                SchemaCheck.Run(this, contract, target.SchemaVersion, AcknowledgeSchemaVersion);

                // The sources' hashes and the target's identity go with every change, so a saved plan proves what it
                // was computed from and is applied only to that TitanHST.
                // Each export is read once: the extractor hashes the bytes it parses, and those hashes are recorded.
                var identity = DiffIdentity.New(contract, null, targetDescription, target.Identity);
                var extractor = new StaffExtractor(contract);
                var engine = new DiffEngine(contract, identity);
                progress.StatusDescription = "Reading the exports and TitanHST";
                WriteProgress(progress);

                // TitanHST is read on the engine's worker thread while this one reads the exports: the worker only
                // counts, and this thread reports the count while it waits (a cmdlet writes from its own thread only).
                var targetRead = new TargetReadCounter();
                result = engine.Compute(
                    ProgressCounter.Count(extractor.Extract(), this, progress, "source people"),
                    stop => TargetRecordStream.Read(target.Read, targetRead.Add, stop, _stop.Token),
                    new DiffOptions { IncludeNoChange = IncludeNoChange, ExternalIds = ExternalId, WhileWaitingForTarget = () => targetRead.Report(this, progress) });
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

            var summary = result.Summary;
            AccessAudit.Record(this, contract, AuditAccess.Diff, summary.TargetRecords, $"{targetDescription}; {summary.SourceRecords} source records");
            WriteVerbose($"Diff {summary.DiffId}: {summary.Create} create, {summary.Update} update, {summary.Deactivate} deactivate, {summary.Reactivate} reactivate, "
                + $"{summary.Delete} delete, {summary.Conflict} conflict, {summary.NoChange} unchanged; {summary.SourceRecords} source records, "
                + $"{summary.TargetRecords} TitanHST records ({summary.ManagedActive} managed active, {summary.Unmanaged} never touched)");
            if (Summary)
            {
                WriteObject(summary);
            }
            else
            {
                WriteObject(result.Changes, enumerateCollection: true);
            }

            WarnAboutUnmatchedIds(result.Changes, contract);
            if (summary.Blocked)
            {
                WriteWarning($"This diff is BLOCKED by the contract's safety thresholds: {string.Join("; ", summary.BlockReasons)}. "
                    + "Review the blocked changes (Where-Object Blocked); Invoke-TitanHstApply refuses them unless given an override with a reason.");
            }

            if (summary.HeldBack > 0)
            {
                WriteWarning($"{summary.HeldBack} deactivation(s)/deletion(s) are held back: the contract is in additions-only mode.");
            }

            // A person HR dropped but Aeries still lists (onlyIn: skip) stays active in TitanHST for good: say so each time.
            if (summary.LeftAlone > 0)
            {
                WriteWarning($"{summary.LeftAlone} active TitanHST record(s) are left as they are because the sources skip their person by policy "
                    + "(join.onlyIn or an unmapped code set to skip): they are neither updated nor deactivated. "
                    + "List them: Get-TitanHstDiff -IncludeNoChange | Where-Object Explanation -like '*left alone*'.");
            }
        }

        // -ExternalId for a quick check of one person: silence would not tell "unchanged" from "nobody by that id".
        private void WarnAboutUnmatchedIds(IReadOnlyList<StaffChange> changes, MappingContract contract)
        {
            if (ExternalId is null)
            {
                return;
            }

            var found = new HashSet<string>(changes.Select(c => c.GetExternalId()), StringComparer.Ordinal);
            // As the engine narrows: each id written as the contract's join rules write keys.
            foreach (var id in ExternalId.Where(id => !found.Contains(contract.Join.KeyRules.Apply(id).Value)))
            {
                WriteWarning(IncludeNoChange
                    ? $"No person with externalId '{id}' is in the exports or in TitanHST."
                    : $"No change for externalId '{id}': the person is unchanged, or in neither the exports nor TitanHST (-IncludeNoChange tells which).");
            }
        }

        /// <summary>Cancels TitanHST's read in flight (Ctrl+C); the engine then stops and waits for its worker.</summary>
        protected override void StopProcessing() => _stop.Cancel();

        /// <summary>Releases the Ctrl+C token.</summary>
        public void Dispose() => _stop.Dispose();

    }
}

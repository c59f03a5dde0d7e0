using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using Aether.TitanHst.Apply;
using Aether.TitanHst.Audit;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Diff;
using Aether.TitanHst.Errors;
using Aether.TitanHst.Plan;
using Aether.TitanHst.PowerShell.Internal;
using Aether.TitanHst.PowerShell.Session;

using Aether.TitanHst.PowerShell.Completion;

namespace Aether.TitanHst.PowerShell.Apply
{
    /// <summary>
    /// <para type="synopsis">Applies reviewed changes to TitanHST, with a journal to resume from and an audit entry for every call.</para>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "TitanHstApply", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = ChangesSet)]
    [OutputType(typeof(ChangeOutcome))]
    [OutputType(typeof(ApplyRunSummary))]
    public sealed class InvokeTitanHstApplyCommand : PSCmdlet, IDisposable
    {
        private const string ChangesSet = "Changes";
        private const string PlanSet = "Plan";
        private const string ResumeSet = "Resume";
        private const string OverrideNeedsReason = nameof(OverrideNeedsReason);
        private const string ContractMismatch = nameof(ContractMismatch);

        private readonly List<StaffChange> _changes = new();
        private readonly CancellationTokenSource _stop = new();

        /// <summary>Reviewed changes from Get-TitanHstDiff, Import-TitanHstPlan or Out-GridView -PassThru.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ChangesSet)]
        [ValidateNotNull]
        public StaffChange[] InputObject { get; set; } = null!;

        /// <summary>A saved plan (Export-TitanHstPlan); refused if it was edited after export.</summary>
        [Parameter(Mandatory = true, ParameterSetName = PlanSet)]
        [ValidateNotNullOrEmpty]
        public string PlanPath { get; set; } = null!;

        /// <summary>The RunId of an interrupted run to finish.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ResumeSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(RunIdCompleter))]
        public string Resume { get; set; } = null!;

        /// <summary>The contract the changes were computed with; its audit section says how field values are stored in the audit log (all hashed without it).</summary>
        [Parameter(ParameterSetName = ChangesSet)]
        [Parameter(ParameterSetName = PlanSet)]
        [MappingContractTransformation]
        [ArgumentCompleter(typeof(ContractPathCompleter))]
        public MappingContract? Contract { get; set; }

        /// <summary>The TitanHST connection; the session's (Connect-TitanHst) by default.</summary>
        [Parameter]
        [ValidateNotNull]
        public TitanHstConnection? Connection { get; set; }

        /// <summary>Changes in flight at once (the client's rate limit still paces the calls).</summary>
        [Parameter(ParameterSetName = ChangesSet)]
        [Parameter(ParameterSetName = PlanSet)]
        [ValidateRange(1, 32)]
        public int ThrottleLimit { get; set; } = 4;

        /// <summary>Applies changes the diff marked Blocked by a safety threshold. Needs -Reason; both are recorded in the audit log.</summary>
        [Parameter(ParameterSetName = ChangesSet)]
        [Parameter(ParameterSetName = PlanSet)]
        public SwitchParameter Override { get; set; }

        /// <summary>Why the override is justified (who approved it, the ticket): recorded in the audit log.</summary>
        [Parameter(ParameterSetName = ChangesSet)]
        [Parameter(ParameterSetName = PlanSet)]
        public string? Reason { get; set; }

        /// <summary>Lets Delete changes go ahead; without it a run holding deletes is refused.</summary>
        [Parameter(ParameterSetName = ChangesSet)]
        [Parameter(ParameterSetName = PlanSet)]
        public SwitchParameter AllowDelete { get; set; }

        /// <summary>Lets role changes go ahead; without it a run holding role changes is refused.</summary>
        [Parameter(ParameterSetName = ChangesSet)]
        [Parameter(ParameterSetName = PlanSet)]
        public SwitchParameter AllowRoleChange { get; set; }

        /// <summary>The folder of run journals; AETHER_TITANHST_RUNS or the user's data folder by default.</summary>
        [Parameter]
        public string? JournalPath { get; set; }

        /// <summary>Collects piped changes.</summary>
        protected override void ProcessRecord()
        {
            if (ParameterSetName == ChangesSet)
            {
                _changes.AddRange(InputObject);
            }
        }

        /// <summary>Checks, confirms and applies; writes one outcome per change and the run summary.</summary>
        protected override void EndProcessing()
        {
            var connection = ConnectionResolver.Resolve(this, Connection);
            var root = JournalPath is null ? null : PathResolver.Resolve(this, JournalPath);
            if (ParameterSetName == ResumeSet)
            {
                if (ShouldProcess(connection.BaseUri.ToString(), $"Resume apply run {Resume}: check the calls whose outcome is unknown and do what is left"))
                {
                    Run(connection, engine => engine.Resume(Resume, _stop.Token), null, root, expected: 0);
                }

                return;
            }

            string? planHash = null;
            if (ParameterSetName == PlanSet)
            {
                var plan = ReadPlan();
                planHash = plan.Hash;
                _changes.AddRange(plan.Changes);
            }

            if (Override && string.IsNullOrWhiteSpace(Reason))
            {
                ThrowTerminatingError(ErrorRecords.Argument(OverrideNeedsReason, "-Override needs -Reason: say who approved applying the blocked changes and why; it goes into the audit log.", "Reason"));
            }

            if (Contract is not null && _changes.Count > 0 && _changes[0].ContractHash != Contract.Hash)
            {
                ThrowTerminatingError(ErrorRecords.Argument(ContractMismatch, $"The changes were computed with contract {_changes[0].ContractVersion} ({_changes[0].ContractHash}), not with {Contract.Version} ({Contract.Hash}).", Contract));
            }

            var options = new ApplyOptions
            {
                ThrottleLimit = ThrottleLimit,
                OverrideReason = Override ? Reason : null,
                AllowDelete = AllowDelete,
                AllowRoleChange = AllowRoleChange,
                PlanHash = planHash,
                Operator = OperatorName.Current,
            };
            Gate(options);

            // One confirmation per change that writes; -WhatIf lists the exact calls. Declined changes are left out of the run.
            var accepted = _changes.Where(c => ApplyGate.SkipReason(c) is not null || ShouldProcess(ApplyCallDescription.Target(c), ApplyCallDescription.For(c))).ToList();
            if (accepted.Count == 0 || accepted.All(c => ApplyGate.SkipReason(c) is not null))
            {
                WriteVerbose("Nothing to apply.");
                return;
            }

            Run(connection, engine => engine.Start(accepted, options, _stop.Token), options, root, accepted.Count);
        }

        /// <summary>Stops taking new changes (Ctrl+C); calls in flight finish and the run can be resumed.</summary>
        protected override void StopProcessing() => _stop.Cancel();

        /// <summary>Releases the cancellation source.</summary>
        public void Dispose() => _stop.Dispose();

        private void Run(TitanHstConnection connection, Func<ApplyEngine, IEnumerable<ChangeOutcome>> run, ApplyOptions? options, string? root, int expected)
        {
            var auditOptions = Contract is null ? new AuditLogOptions() : AuditLogOptionsForContract.Create(Contract);
            using var audit = new AuditLogWriter(auditOptions);
            var engine = new ApplyEngine(connection.Client, audit, root);
            ApplyProgress? progress = null;
            try
            {
                foreach (var outcome in run(engine))
                {
                    progress ??= new ApplyProgress(this, engine.RunId ?? string.Empty, expected > 0 ? expected : 100);
                    progress.Add(outcome);
                    if (outcome.Outcome == ApplyOutcomeKind.Failed)
                    {
                        WriteWarning($"{outcome.ExternalId}: {outcome.Action} failed after {outcome.Attempts} attempt(s): {outcome.Reason}");
                    }

                    WriteObject(outcome);
                }
            }
            catch (ApplyRefusedException ex)
            {
                ThrowTerminatingError(new ErrorRecord(ex, ex.ErrorId, ErrorCategory.ResourceBusy, connection.BaseUri));
            }
            catch (InputFileException ex)
            {
                ThrowTerminatingError(ErrorRecords.FromInputFile(ex));
            }
            finally
            {
                progress?.Complete();
                ConnectionResolver.WriteCalls(this, connection);
            }

            if (engine.Summary is not null)
            {
                WriteObject(engine.Summary);
                if (engine.Summary.Pending > 0)
                {
                    WriteWarning($"{engine.Summary.Pending} change(s) are still pending; finish them with Invoke-TitanHstApply -Resume {engine.Summary.RunId}.");
                }
            }
        }

        private void Gate(ApplyOptions options)
        {
            try
            {
                ApplyGate.Check(_changes, options);
            }
            catch (ApplyRefusedException ex)
            {
                var category = ex.ErrorId is ApplyErrorIds.DiffBlocked or ApplyErrorIds.DeleteNotAllowed or ApplyErrorIds.RoleChangeNotAllowed
                    ? ErrorCategory.PermissionDenied
                    : ErrorCategory.InvalidArgument;
                ThrowTerminatingError(new ErrorRecord(ex, ex.ErrorId, category, _changes.Count));
            }
        }

        private SavedPlan ReadPlan()
        {
            try
            {
                return PlanReader.Read(PathResolver.Resolve(this, PlanPath));
            }
            catch (InputFileException ex)
            {
                ThrowTerminatingError(ErrorRecords.FromInputFile(ex));
                throw;
            }
        }
    }
}

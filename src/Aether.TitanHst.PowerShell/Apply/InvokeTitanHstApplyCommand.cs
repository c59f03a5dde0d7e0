using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Runtime.ExceptionServices;
using System.Threading;
using System;
using Aether.TitanHst.Apply;
using Aether.TitanHst.Audit;
using Aether.TitanHst.Client;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Diff;
using Aether.TitanHst.Errors;
using Aether.TitanHst.Plan;
using Aether.TitanHst.PowerShell.Approvals;
using Aether.TitanHst.PowerShell.Internal;
using Aether.TitanHst.PowerShell.Session;
using Aether.TitanHst.Profile;

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

        /// <summary>
        /// The contract the changes were computed with: every safety decision and every value is checked against it
        /// again before writing. By default the diff's own (piped changes) or the file the plan records, if its hash matches.
        /// </summary>
        [Parameter]
        [MappingContractTransformation]
        [ArgumentCompleter(typeof(ContractPathCompleter))]
        public MappingContract? Contract { get; set; }

        /// <summary>Goes ahead although TitanHST reports this staff schema version, not the one the contract was written for; recorded in the audit log.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? AcknowledgeSchemaVersion { get; set; }

        /// <summary>The TitanHST connection; the session's (Connect-TitanHst) by default.</summary>
        [Parameter]
        [ValidateNotNull]
        public TitanHstConnection? Connection { get; set; }

        /// <summary>Changes in flight at once (the client's rate limit still paces the calls); the operating profile's apply.throttleLimit, else 4, by default.</summary>
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

        /// <summary>The folder of run journals; by default the operating profile's (its configuration's runs.folder, else AETHER_TITANHST_RUNS, else the user's data folder).</summary>
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
            var profile = ProfileResolver.Announce(this);
            var root = JournalPath is null ? profile.RunsFolder : PathResolver.Resolve(this, JournalPath);
            if (ParameterSetName == ResumeSet)
            {
                if (ShouldProcess(connection.BaseUri.ToString(), $"Resume apply run {Resume}: check the calls whose outcome is unknown and do what is left"))
                {
                    Run(connection, profile, engine => engine.Resume(Resume, Contract, AcknowledgeSchemaVersion, _stop.Token), Contract, root, expected: 0);
                }

                return;
            }

            string? planHash = null;
            SavedPlan? plan = null;
            if (ParameterSetName == PlanSet)
            {
                plan = ReadPlan();
                planHash = plan.Hash;
                _changes.AddRange(plan.Changes);
            }

            if (Override && string.IsNullOrWhiteSpace(Reason))
            {
                ThrowTerminatingError(ErrorRecords.Argument(OverrideNeedsReason, "-Override needs -Reason: say who approved applying the blocked changes and why; it goes into the audit log.", "Reason"));
            }

            var contract = _changes.Count == 0 ? Contract : ResolveContract(_changes[0].GetIdentity());
            var options = new ApplyOptions
            {
                Contract = contract,
                AcknowledgedSchemaVersion = AcknowledgeSchemaVersion,
                ThrottleLimit = MyInvocation.BoundParameters.ContainsKey(nameof(ThrottleLimit)) ? ThrottleLimit : profile.ThrottleLimit,
                OverrideReason = Override ? Reason : null,
                AllowDelete = AllowDelete,
                AllowRoleChange = AllowRoleChange,
                PlanHash = planHash,
                ConfigPath = profile.ConfigPath,
                Operator = OperatorName.Current,
            };
            if (plan is not null && contract is not null)
            {
                PlanApprovals.Check(this, plan, contract, _changes, options);
            }

            if (!Gate(options, plan))
            {
                return;
            }

            // One confirmation per change that writes; -WhatIf lists the exact calls. A change answered No (or No to
            // All) stays in the run as Declined, so the run's numbers add up to the plan and the audit says who declined.
            var toCall = 0;
            foreach (var change in _changes.Where(c => ApplyGate.SkipReason(c) is null))
            {
                if (Confirm(change, out var reason))
                {
                    toCall++;
                }
                else if (reason != ShouldProcessReason.WhatIf)
                {
                    options.Declined.Add(change.GetExternalId());
                }
            }

            if (toCall == 0 && options.Declined.Count == 0)
            {
                WriteVerbose("Nothing to apply.");
                return;
            }

            if (toCall == 0 && WhatIfInEffect())
            {
                return;
            }

            Run(connection, profile, engine => engine.Start(_changes, options, _stop.Token), contract, root, _changes.Count);
        }

        /// <summary>Stops taking new changes (Ctrl+C); calls in flight finish and the run can be resumed.</summary>
        protected override void StopProcessing() => _stop.Cancel();

        /// <summary>Releases the cancellation source.</summary>
        public void Dispose() => _stop.Dispose();

        // ShouldProcess with the reason, so a change answered No is told apart from -WhatIf; the texts are the usual ones.
        private bool Confirm(StaffChange change, out ShouldProcessReason reason)
        {
            var description = $"Performing the operation \"{ApplyCallDescription.For(change)}\" on target \"{ApplyCallDescription.Target(change)}\".";
            return ShouldProcess(description, "Are you sure you want to perform this action?\n" + description, "Confirm", out reason);
        }

        private bool WhatIfInEffect() =>
            MyInvocation.BoundParameters.TryGetValue("WhatIf", out var given) ? ((SwitchParameter)given).IsPresent : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));

        private void Run(TitanHstConnection connection, OperatingProfile profile, Func<ApplyEngine, IEnumerable<ChangeOutcome>> run, MappingContract? contract, string root, int expected)
        {
            // Before anything else: a read-only credential stops here, before any call and any journal.
            var writeClient = WriteAccess.Open(this, connection);
            using var audit = new AuditLogWriter(profile.AuditOptions(contract));
            var engine = new ApplyEngine(writeClient, audit, root);
            ApplyProgress? progress = null;
            Exception? stoppedBy = null;

            // A write throws once the pipeline stops: PipelineStoppedException after Ctrl+C (StopProcessing has
            // cancelled _stop, so the engine takes no new change) or after a later command stopped reading
            // (Select-Object -First, ThrowTerminatingError), and the script's own exception when a later script block
            // throws. Whatever it is, the engine is drained to its end, so no call is left running behind the command
            // and the journal and the audit close the run; only Ctrl+C interrupts it. Then the exception goes on to
            // the pipeline: swallowed, it left Select-Object -First without its object and ended the caller's script
            // silently; let through at once, it abandoned the run with its calls still in flight.
            void Say(Action write)
            {
                if (stoppedBy is not null)
                {
                    return;
                }

                try
                {
                    write();
                }
                catch (Exception ex)
                {
                    stoppedBy = ex;
                }
            }

            try
            {
                var warned = false;
                foreach (var outcome in run(engine))
                {
                    if (!warned)
                    {
                        warned = true;
                        foreach (var warning in engine.Warnings)
                        {
                            Say(() => WriteWarning(warning));
                        }
                    }

                    progress ??= new ApplyProgress(this, engine.RunId ?? string.Empty, expected > 0 ? expected : 100);
                    Say(() => progress.Add(outcome));
                    if (outcome.GetOutcome() == ApplyOutcomeKind.Failed)
                    {
                        Say(() => WriteWarning($"{outcome.ExternalId}: {outcome.GetAction()} failed after {outcome.Attempts} attempt(s): {outcome.Reason}"));
                    }

                    Say(() => WriteObject(outcome));
                    // Calls and waits (a Retry-After: "TitanHST asked to wait 30 s (429) ...") as they happen, not at the end.
                    Say(() => ConnectionResolver.WriteCalls(this, connection));
                }
            }
            catch (ApplyRefusedException ex)
            {
                ThrowTerminatingError(ApplyRefusalErrors.Record(ex, ParameterSetName == ResumeSet ? Resume : connection.BaseUri));
            }
            catch (InputFileException ex)
            {
                ThrowTerminatingError(ErrorRecords.FromInputFile(ex));
            }
            catch (TitanHstApiException ex)
            {
                ThrowTerminatingError(ClientErrors.FromApi(ex, connection.BaseUri));
            }
            finally
            {
                Say(() => progress?.Complete());
                Say(() => ConnectionResolver.WriteCalls(this, connection));
            }

            if (stoppedBy is not null || _stop.IsCancellationRequested)
            {
                // The streams are closed: what the run needs next goes to the host, and only if it is true.
                foreach (var line in ApplyStopAdvice.Lines(engine))
                {
                    Host.UI.WriteWarningLine(line);
                }

                ExceptionDispatchInfo.Capture(stoppedBy ?? new PipelineStoppedException()).Throw();
                return;
            }

            if (engine.WaitAdvice is not null)
            {
                WriteWarning(engine.WaitAdvice);
            }

            if (engine.Summary is not null)
            {
                WriteObject(engine.Summary);
                if (engine.Summary.Declined > 0)
                {
                    WriteVerbose($"{engine.Summary.Declined} change(s) declined at the prompt: recorded as Declined in run {engine.Summary.RunId} and the audit log, never called.");
                }

                if (engine.Summary.ToResume > 0)
                {
                    WriteWarning($"{engine.Summary.ToResume} change(s) are still to do (failed or not attempted); finish them with Invoke-TitanHstApply -Resume {engine.Summary.RunId}.");
                }
            }
        }

        private MappingContract ResolveContract(DiffIdentity identity)
        {
            try
            {
                return ApplyContract.Resolve(identity, Contract);
            }
            catch (ApplyRefusedException ex)
            {
                ThrowTerminatingError(ApplyRefusalErrors.Record(ex, Contract ?? (object)identity.ContractId));
                throw;
            }
        }

        // False when -WhatIf previewed a run the gate refuses; a refusal without -WhatIf stops the command.
        private bool Gate(ApplyOptions options, SavedPlan? plan)
        {
            try
            {
                ApplyGate.Check(_changes, options);
                return true;
            }
            catch (ApplyRefusedException ex) when (ex.ErrorId is ApplyErrorIds.DiffBlocked or ApplyErrorIds.DeleteNotAllowed or ApplyErrorIds.RoleChangeNotAllowed && WhatIfInEffect())
            {
                PreviewRefused(ex, options);
                return false;
            }
            catch (ApplyRefusedException ex)
            {
                if (ex.ErrorId == ApplyErrorIds.ApprovalRequired && plan is not null)
                {
                    AuditApproval.Record(this, plan, "refused", ex.Message);
                }

                ThrowTerminatingError(ApplyRefusalErrors.Record(ex, _changes.Count));
                return false;
            }
        }

        // -WhatIf on a run the gate refuses: what would be refused and why, and the calls the rest would make.
        private void PreviewRefused(ApplyRefusedException refusal, ApplyOptions options)
        {
            var refused = 0;
            var wouldRun = 0;
            foreach (var change in _changes.Where(c => ApplyGate.SkipReason(c) is null))
            {
                if (ApplyGate.RefusalReason(change, options) is { } why)
                {
                    refused++;
                    ShouldProcess(ApplyCallDescription.Target(change), $"REFUSED ({why}), would not make: {ApplyCallDescription.For(change)}");
                }
                else
                {
                    wouldRun++;
                    ShouldProcess(ApplyCallDescription.Target(change), ApplyCallDescription.For(change));
                }
            }

            WriteWarning($"What if: as given, this apply would be refused ({refusal.ErrorId}): {refusal.Message} {refused} change(s) marked REFUSED need the switch named; "
                + $"the other {wouldRun} would run without them (leave the refused ones out, or add the switch).");
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

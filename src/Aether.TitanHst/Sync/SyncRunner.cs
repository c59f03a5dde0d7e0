using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using Aether.TitanHst.Apply;
using Aether.TitanHst.Audit;
using Aether.TitanHst.Canonical;
using Aether.TitanHst.Client;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Contract.Checks;
using Aether.TitanHst.Diff;
using Aether.TitanHst.Plan;
using Aether.TitanHst.Reporting;
using Aether.TitanHst.Security;
using Aether.TitanHst.Target;
using Aether.TitanHst.Validation;

namespace Aether.TitanHst.Sync
{
    /// <summary>
    /// The playbook for a scheduled task: check the contract, diff, stop for review when anything is unusual,
    /// otherwise apply, validate and report. It never overrides a safety decision: an unattended run has no one
    /// to give a reason.
    /// </summary>
    public sealed class SyncRunner
    {
        private readonly ConnectorConfig _config;
        private readonly MappingContract _contract;
        private readonly TitanHstClient _client;
        private readonly AuditLogWriter _audit;

        public SyncRunner(ConnectorConfig config, MappingContract contract, TitanHstClient client, AuditLogWriter audit)
        {
            _config = config;
            _contract = contract;
            _client = client;
            _audit = audit;
        }

        /// <summary>
        /// Opens the client an apply writes with (its token asks for staff.write), called only once the diff says there
        /// is something to apply; it returns null for a read-only credential. Unset: the one client does everything.
        /// </summary>
        public Func<TitanHstClient?>? OpenWriteClient { get; set; }

        /// <summary>Called with each step's message as it happens (for verbose output).</summary>
        public Action<string>? Progress { get; set; }

        public SyncRunResult Run(bool planOnly, string @operator, CancellationToken cancellationToken = default)
        {
            var result = new SyncRunResult(_config, _contract.Id, _contract.Version);
            try
            {
                RunSteps(result, planOnly, @operator, cancellationToken);
            }
            finally
            {
                result.FinishedAt = DateTimeOffset.UtcNow;
            }

            return result;
        }

        private void RunSteps(SyncRunResult result, bool planOnly, string @operator, CancellationToken cancellationToken)
        {
            var schema = _client.GetSchemaAsync(cancellationToken).GetAwaiter().GetResult();
            if (_config.ExpectedSchemaVersion is not null && schema.SchemaVersion != _config.ExpectedSchemaVersion)
            {
                Stop(result, SyncStatus.NeedsReview, $"TitanHST reports schema {schema.SchemaVersion}, not {_config.ExpectedSchemaVersion}: review the contract against the new schema before any apply (runbook: schema changed).");
                return;
            }

            try
            {
                // An unattended run never acknowledges a schema change: that takes a person.
                SchemaGuard.Check(_contract, schema.SchemaVersion, acknowledged: null);
            }
            catch (ApplyRefusedException ex)
            {
                Stop(result, SyncStatus.NeedsReview, ex.Message);
                return;
            }

            var checker = new MappingContractChecker(_contract)
            {
                TargetRoles = _client.GetReferencesAsync(TargetReferenceKind.Role, cancellationToken).GetAwaiter().GetResult().Select(r => r.Code).ToList(),
                TargetSites = _client.GetReferencesAsync(TargetReferenceKind.Site, cancellationToken).GetAwaiter().GetResult().Select(r => r.Code).ToList(),
                HeaderDrift = new SourceHeaderDriftCheck(_contract),
            };
            var checks = checker.Run().ToList();
            foreach (var drift in checks.Where(r => r.Rule == CheckRules.SourceHeaderDrift && r.GetSeverity() == CheckSeverity.Warning))
            {
                Say(result, $"Export changed: {drift.Message}");
            }

            var errors = checks.Where(r => r.GetSeverity() == CheckSeverity.Error).ToList();
            if (errors.Count > 0)
            {
                Stop(result, SyncStatus.Failed, $"The contract check failed: {string.Join("; ", errors.Select(Describe))}");
                return;
            }

            // Every warning goes to the log: codes skipped by the contract's unmapped policy (named with their count and
            // first file:line, as Test-MappingContract does, so the log says what to add to the mapping table), and a
            // contract that was never published (VersionBumped: a deleted history file turns "changed under its
            // published version", an error, into this warning, so an unattended run must not keep it to itself).
            foreach (var warning in checks.Where(r => r.GetSeverity() == CheckSeverity.Warning && r.Rule != CheckRules.SourceHeaderDrift))
            {
                Say(result, $"Contract check warning: {Describe(warning)}");
            }

            Say(result, $"Contract {_contract.Id} {_contract.Version} checked against the exports and TitanHST's roles and sites.");
            var targetIdentity = TargetIdentity.Of(_client.BaseUri, schema.InstanceId);
            var identity = DiffIdentity.New(_contract, null, _client.BaseUri.ToString(), targetIdentity);
            DiffResult diff;
            using (var target = ReadTarget(result, targetIdentity, schema, cancellationToken))
            {
                // Each export is read once: the hashes recorded are of exactly the bytes the extract parsed.
                var extractor = new StaffExtractor(_contract);
                diff = new DiffEngine(_contract, identity).Compute(extractor.Extract(), target.Read);
                identity.RecordSourceFiles(SourceFileHash.Read(_contract, extractor.SourceHashes));
            }

            _audit.RecordAccess(AuditAccess.Diff, diff.Summary.TargetRecords, $"{_client.BaseUri}; {diff.Summary.SourceRecords} source records", null, new AuditContractInfo(_contract.Id, _contract.Version, _contract.Hash));
            result.Diff = diff.Summary;
            var s = diff.Summary;
            Say(result, $"Diff {s.DiffId}: {s.Create} create, {s.Update} update, {s.Reactivate} reactivate, {s.Deactivate} deactivate, {s.Delete} delete, {s.Conflict} conflict"
                + (s.LeftAlone > 0 ? $"; {s.LeftAlone} active record(s) left as they are because the sources skip their person by policy." : "."));

            if (s.SourceErrors > 0)
            {
                Stop(result, SyncStatus.NeedsReview, $"{s.SourceErrors} source record(s) cannot be built (see the Conflict changes); fix the exports or mapping tables first.");
                return;
            }

            if (s.Blocked)
            {
                Stop(result, SyncStatus.NeedsReview, $"The diff is blocked by the contract's safety thresholds: {string.Join("; ", s.BlockReasons)}. Review it and apply by hand with an override if approved.");
                return;
            }

            var applicable = diff.Changes.Where(c => c.IsApplicable).ToList();
            var standing = StandingWork(diff.Changes);
            var peopleRecord = SourcePeopleRecord.PathFor(_config.SnapshotFolder, SyncTargetRecords.KeptSnapshotName(targetIdentity));
            var removals = applicable.Count(c => c.GetAction() is ChangeAction.Deactivate or ChangeAction.Delete);
            if (applicable.Count == 0)
            {
                SourcePeopleRecord.Write(peopleRecord, s.SourceRecords, DateTimeOffset.UtcNow);
                if (standing is null)
                {
                    Say(result, "TitanHST already matches the sources.");
                }
                else
                {
                    // Not "in sync": nothing was applied, but conflicts or blocked changes wait for a person (exit 2).
                    Stop(result, SyncStatus.NeedsReview, $"Nothing to apply, but {standing}");
                }

                Validate(result, cancellationToken);
                return;
            }

            PrivateFiles.EnsureFolder(_config.ReportsFolder);
            var planPath = Path.Combine(_config.ReportsFolder, $"plan-{identity.DiffId}.json");
            result.PlanPath = PlanWriter.Write(planPath, applicable, @operator).Path;
            if (SourcePeopleRecord.StopReason(peopleRecord, s.SourceRecords, removals) is { } held)
            {
                // Nothing is applied and the count is not recorded: tomorrow's whole export is compared with the last good one.
                Stop(result, SyncStatus.NeedsReview, $"{held}; if these people really left, apply the saved plan by hand: Invoke-TitanHstApply -PlanPath '{planPath}'. Nothing was applied.");
                return;
            }

            if (planOnly)
            {
                Stop(result, SyncStatus.NeedsReview, $"{applicable.Count} change(s) saved for review in {planPath} (-PlanOnly); nothing was applied.");
                return;
            }

            var approvalsNeeded = _contract.Policies.Safety.Approvals.RequiredFor(applicable);
            if (approvalsNeeded > 0)
            {
                // An unattended run can never have a second person's approval of the plan it just wrote.
                Stop(result, SyncStatus.NeedsReview, $"{applicable.Count} change(s) saved in {planPath}; the contract requires {approvalsNeeded} approval(s) before they are applied (safety.approvals). "
                    + $"Approve-TitanHstPlan -Path '{planPath}' -Reason '...' by another person, then Invoke-TitanHstApply -PlanPath '{planPath}'.");
                return;
            }

            var options = new ApplyOptions
            {
                ThrottleLimit = _config.ThrottleLimit,
                AllowDelete = _config.AllowDelete,
                AllowRoleChange = _config.AllowRoleChange,
                PlanHash = PlanReader.Read(planPath).Hash,
                Contract = _contract,
                ConfigVersion = _config.Version,
                Operator = @operator,
            };
            try
            {
                ApplyGate.Check(applicable, options);
            }
            catch (ApplyRefusedException ex)
            {
                Stop(result, SyncStatus.NeedsReview, $"{ex.Message} ({ex.ErrorId}; the configuration's apply section decides what an unattended run may do).");
                return;
            }

            // The diff ran on the read credential; only now, to apply, is the write credential's token asked for.
            var writer = OpenWriteClient is null ? _client : OpenWriteClient();
            if (writer is null)
            {
                Stop(result, SyncStatus.NeedsReview, $"{applicable.Count} change(s) saved for review in {planPath}; the connector holds a read-only credential, so nothing was applied (configure the write credential to apply).");
                return;
            }

            options.ConfigPath = _config.Path;
            var runsFolder = _config.RunsFolder ?? RunJournal.DefaultRoot;
            var engine = new ApplyEngine(writer, _audit, runsFolder);
            List<ChangeOutcome> outcomes;
            try
            {
                outcomes = engine.Start(applicable, options, cancellationToken).ToList();
            }
            catch (TitanHstApiException ex) when (engine.RunId is not null)
            {
                // The run started and TitanHST failed under it: the journal says what is pending; a resume finishes it.
                result.Apply = RunCatalog.Summarize(Path.Combine(runsFolder, engine.RunId));
                Stop(result, SyncStatus.Failed, Stopped(result.Apply, $"TitanHST failed mid-apply ({ex.Message})"));
                return;
            }
            catch (ApplyRefusedException ex)
            {
                // Refused before any write (another apply holds the target, TitanHST unavailable, ...): the plan is kept.
                var status = ex.ErrorId == ApplyErrorIds.TargetUnavailable ? SyncStatus.Failed : SyncStatus.NeedsReview;
                Stop(result, status, $"{ex.ErrorId}: {ex.Message} The plan is saved in {planPath}; the next run diffs again, or apply it by hand once the cause is gone: Invoke-TitanHstApply -PlanPath '{planPath}'.");
                return;
            }

            result.Apply = engine.Summary;
            var failed = outcomes.Count(o => o.GetOutcome() is ApplyOutcomeKind.Failed or ApplyOutcomeKind.Stale);
            if (failed == 0 && result.Apply is { Pending: 0 })
            {
                // Accepted: these exports reached TitanHST whole. A run refused, stopped or failing never moves the baseline.
                SourcePeopleRecord.Write(peopleRecord, s.SourceRecords, DateTimeOffset.UtcNow);
            }

            // Pending (no outcome) and failed changes are both what a resume takes up (ApplyRunSummary.ToResume).
            if (result.Apply is { ToResume: > 0 } stopped)
            {
                var why = engine.WaitAdvice is not null ? "TitanHST kept failing, so the run paused (circuit breaker open)"
                    : cancellationToken.IsCancellationRequested ? "the run was stopped"
                    : $"{failed} change(s) failed";
                Stop(result, SyncStatus.Failed, Stopped(stopped, why));
            }
            else if (failed > 0)
            {
                result.Escalate(SyncStatus.Failed, $"Run {engine.RunId}: {failed} change(s) failed or went stale; diff again (Get-TitanHstDiff) for the stale ones.");
            }
            else
            {
                result.Escalate(SyncStatus.Applied, $"Run {engine.RunId}: {outcomes.Count(o => o.GetOutcome() == ApplyOutcomeKind.Succeeded)} change(s) applied.");
            }

            if (standing is not null)
            {
                // What was safe is applied; what still needs a person keeps the run at exit 2, never "applied".
                result.Escalate(SyncStatus.NeedsReview, $"Run {engine.RunId} applied what it could, but {standing}");
            }

            try
            {
                Validate(result, cancellationToken);
            }
            catch (TitanHstApiException ex) when (result.Apply is not null)
            {
                // An outage after the apply: the run's record and its report still matter more than the validation.
                Stop(result, SyncStatus.Failed, $"Validation could not read TitanHST ({ex.Message}); run Test-TitanHstSync once it answers.");
            }

            if (result.Apply is not null)
            {
                result.ReportPath = WriteReport(result.Apply, result.Validation);
                Say(result, $"Report written to {result.ReportPath}.");
            }
        }

        /// <summary>
        /// TitanHST's records for the diff: the live listing, or with targetReads.mode "incremental" the kept snapshot
        /// refreshed (or read again in full when due or in doubt, decision 0016) and read back from the file.
        /// </summary>
        private SyncTargetRecords ReadTarget(SyncRunResult result, TargetIdentity target, TargetSchemaInfo schema, CancellationToken cancellationToken)
        {
            if (_config.TargetReads.Mode == TargetReadMode.Full)
            {
                // Read on the diff's worker thread: stopped by the run's token or by the diff failing first.
                return new SyncTargetRecords(stop => ReadAll(stop, cancellationToken), null);
            }

            PrivateFiles.EnsureFolder(_config.SnapshotFolder);
            var path = Path.Combine(_config.SnapshotFolder, SyncTargetRecords.KeptSnapshotName(target));
            using (var key = InstallationKey.LoadOrCreate())
            {
                var read = new TargetSnapshotRefresher(_client, key, _config.TargetReads).Read(path, target, schema.ApiVersion, schema.SchemaVersion, cancellationToken: cancellationToken);
                result.TargetRead = read;
                Say(result, $"TitanHST read {read.Made.ToString().ToLowerInvariant()}: {read.PagesRead} page(s), {read.Changed} record(s) read, {read.Records} in the snapshot ({read.Reason}).");
            }

            // Read again under its seal: the file the refresh just wrote is verified over the bytes the diff parses.
            var snapshot = TargetSnapshotReader.OpenChecked(path, () => InstallationKey.LoadOrCreate());
            return new SyncTargetRecords(_ => snapshot.ReadRecords(), snapshot);
        }

        private IEnumerable<TargetStaffRecord> ReadAll(CancellationToken diffStop, CancellationToken runStop)
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(diffStop, runStop);
            foreach (var record in _client.EnumerateStaff(StaffQuery.All, cancellationToken: stop.Token))
            {
                yield return record;
            }
        }

        // The stakeholder report of the run, beside its plan; personal data limited to what the contract marks reportable.
        private string WriteReport(ApplyRunSummary run, SyncValidationResult? validation)
        {
            var report = RunReportBuilder.Build(run.Folder, _contract, validation);
            var path = Path.Combine(_config.ReportsFolder, $"report-{run.RunId}.html");
            PrivateFiles.WriteAllText(path, HtmlReportRenderer.Render(report), new System.Text.UTF8Encoding(false));
            _audit.RecordAccess(AuditAccess.ReportExport, run.Succeeded + run.Failed + run.Stale + run.Skipped, path, run.RunId, new AuditContractInfo(_contract.Id, _contract.Version, _contract.Hash));
            return path;
        }

        private void Validate(SyncRunResult result, CancellationToken cancellationToken)
        {
            // TitanHST is re-read on a worker thread while the exports are read, as the diff reads it.
            var validation = new SyncValidator(_contract).Validate(
                new StaffExtractor(_contract).Extract(),
                stop => TargetRecordStream.Read(token => _client.EnumerateStaff(StaffQuery.All, cancellationToken: token), null, stop, cancellationToken),
                new SyncValidationOptions { SampleSize = _config.SampleSize });
            result.Validation = validation;
            _audit.RecordAccess(AuditAccess.Validate, validation.Diff.TargetRecords, _client.BaseUri.ToString(), result.RunId, new AuditContractInfo(_contract.Id, _contract.Version, _contract.Hash));
            if (validation.Passed)
            {
                Say(result, $"Validation passed ({validation.Outstanding.Count} outstanding for review, {validation.SpotCheckMismatches.Count} spot-check mismatches).");
            }
            else
            {
                result.Escalate(SyncStatus.Failed, $"Validation failed: {validation.Remaining.Count} change(s) still remain after the apply.");
            }
        }

        /// <summary>Conflicts and blocked changes, which no unattended run resolves, in one sentence; null when there are none.</summary>
        private static string? StandingWork(IReadOnlyCollection<StaffChange> changes)
        {
            var conflicts = changes.Count(c => c.GetAction() == ChangeAction.Conflict);
            var blocked = changes.Count(c => c.Blocked && c.GetAction() != ChangeAction.Conflict);
            if (conflicts == 0 && blocked == 0)
            {
                return null;
            }

            var parts = new List<string>();
            if (conflicts > 0)
            {
                parts.Add($"{conflicts} conflict(s) to fix in the sources");
            }

            if (blocked > 0)
            {
                parts.Add($"{blocked} blocked change(s) to review");
            }

            return string.Join(" and ", parts) + " still need a person (Get-TitanHstDiff | Where-Object { $_.Action -eq 'Conflict' -or $_.Blocked }).";
        }

        // The run's id, what is pending and the exact command that finishes it: what a person reading the log needs.
        private static string Stopped(ApplyRunSummary run, string why) =>
            $"Run {run.RunId} stopped: {why}; {run.ToResume} change(s) pending ({run.Failed} failed, {run.Pending} not attempted yet; {run.Succeeded} succeeded). "
            + $"Resume when TitanHST answers: Invoke-TitanHstApply -Resume {run.RunId}";

        private static string Describe(ContractCheckResult check) =>
            check.Items.Count == 0 ? $"{check.Rule}: {check.Message}" : $"{check.Rule}: {check.Message}: {string.Join(", ", check.Items)}{(check.Count > check.Items.Count ? $" and {check.Count - check.Items.Count} more" : string.Empty)}";

        private void Say(SyncRunResult result, string message)
        {
            result.Note(message);
            Progress?.Invoke(message);
        }

        private void Stop(SyncRunResult result, SyncStatus status, string message)
        {
            result.Escalate(status, message);
            Progress?.Invoke(message);
        }
    }
}

using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Aether.TitanHst.Audit;
using Aether.TitanHst.Client;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Diff;
using Aether.TitanHst.Security;
using Aether.TitanHst.Target;

namespace Aether.TitanHst.Apply
{
    /// <summary>
    /// Applies reviewed changes to TitanHST: one run at a time per target, every call announced in the journal and
    /// the audit log before it is made and recorded after, a bounded number in flight, resumable after any crash.
    /// </summary>
    /// <remarks>
    /// Outcomes stream back on the caller's thread (the PowerShell pipeline thread) while workers make the calls.
    /// Everything that writes to TitanHST goes through here; there is no second path.
    /// </remarks>
    public sealed class ApplyEngine
    {
        private readonly TitanHstClient _client;
        private readonly AuditLogWriter _audit;
        private readonly string _root;
        private readonly ChangeApplier _applier;
        private string? _schemaAcknowledgement;

        public ApplyEngine(TitanHstClient client, AuditLogWriter audit, string? journalRoot = null)
        {
            _client = client;
            _audit = audit;
            _root = journalRoot ?? RunJournal.DefaultRoot;
            _applier = new ChangeApplier(client);
        }

        /// <summary>The run being applied, once <see cref="Start"/> or <see cref="Resume"/> has begun.</summary>
        public string? RunId { get; private set; }

        /// <summary>Set when the enumeration of <see cref="Start"/> or <see cref="Resume"/> has ended.</summary>
        public ApplyRunSummary? Summary { get; private set; }

        /// <summary>Why the run stopped early to wait for TitanHST (its client's circuit breaker is open), or null.</summary>
        public string? WaitAdvice { get; private set; }

        /// <summary>What opening the run noticed and worked around (a torn last journal line), for the operator.</summary>
        public IReadOnlyList<string> Warnings { get; private set; } = Array.Empty<string>();

        /// <summary>
        /// Starts a new run. Refused (<see cref="ApplyRefusedException"/>, on the first <c>MoveNext</c>) before anything
        /// is written if the gate says no, if the plan was applied already, or if the connected TitanHST is not the one
        /// the changes were computed against.
        /// </summary>
        /// <remarks>
        /// Everything that decides whether the run may go ahead is read under the target's lock: checked before it,
        /// another run could apply the same plan, or claim its changes, between the check and the first write.
        /// </remarks>
        public IEnumerable<ChangeOutcome> Start(IReadOnlyList<StaffChange> changes, ApplyOptions options, CancellationToken cancellationToken = default)
        {
            var verdict = ApplyGate.Check(changes, options);
            var planned = Planned(changes[0].Identity.TargetIdentity);
            var runId = DateTimeOffset.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N").Substring(0, 6);
            using var targetLock = TargetLock.Acquire(planned, runId);
            RunRefusals.SecondApply(_root, options.PlanHash, changes);
            var target = CheckTarget(planned, "The changes were computed against", options, cancellationToken);
            PercentBaselineCheck.Check(_client, changes, options.Contract!, verdict);
            var first = changes[0];
            var header = new RunHeader
            {
                RunId = runId,
                StartedAt = DateTimeOffset.UtcNow,
                Operator = options.Operator,
                Target = _client.BaseUri.ToString(),
                TargetBaseUri = target.BaseUri,
                TargetInstanceId = target.InstanceId,
                ContractId = first.ContractId,
                ContractVersion = first.ContractVersion,
                ContractHash = first.ContractHash,
                PlanHash = options.PlanHash,
                ConfigVersion = options.ConfigVersion,
                ThrottleLimit = options.ThrottleLimit,
                OverrideReason = options.OverrideReason,
                AllowDelete = options.AllowDelete,
                AllowRoleChange = options.AllowRoleChange,
                Approvers = options.Approvers?.ToList(),
                DiffId = first.DiffId,
                AuditFolder = _audit.Folder,
                ConfigPath = options.ConfigPath,
            };
            RunId = header.RunId;
            var declined = new HashSet<string>(changes.Select(c => c.GetExternalId()).Where(options.Declined.Contains), KeyHash.Comparer);
            using var journal = RunJournal.Create(_root, header, changes);
            foreach (var outcome in Run(header, journal, isResume: false, declined, cancellationToken))
            {
                yield return outcome;
            }
        }

        /// <summary>
        /// Finishes an interrupted run: checks the changes whose outcome is unknown, retries the failed ones, does the
        /// rest. The run folder is authenticated first, and the run goes through the same gate as a first apply, with
        /// the permissions (override, deletes, role changes) it was started with.
        /// </summary>
        /// <remarks>
        /// The contract, when not given, is loaded from the path the run's plan records, and its hash checked. Only
        /// run.json is read before the target's lock is taken; the journal's lines (what is still to do) and their
        /// comparison with the audit log are read under it, so two resumes, or a resume and the run itself, never act
        /// on a view of the journal that the other is changing.
        /// </remarks>
        public IEnumerable<ChangeOutcome> Resume(string runId, MappingContract? contract = null, string? acknowledgedSchemaVersion = null, CancellationToken cancellationToken = default)
        {
            var planned = Planned(ResumedTarget(runId));
            using var targetLock = TargetLock.Acquire(planned, runId);
            using var journal = RunJournal.Open(_root, runId);
            var header = journal.Header;
            RunRefusals.OtherAuditChain(header, _audit.Folder);
            var options = new ApplyOptions
            {
                Contract = ApplyContract.Resolve(journal.Plan.Identity, contract),
                OverrideReason = header.OverrideReason,
                AllowDelete = header.AllowDelete,
                AllowRoleChange = header.AllowRoleChange,
                ThrottleLimit = header.ThrottleLimit,
                PlanHash = header.PlanHash,
                Operator = header.Operator,
                AcknowledgedSchemaVersion = acknowledgedSchemaVersion,
                Approvers = header.Approvers,
            };
            var verdict = ApplyGate.Check(journal.Plan.Changes, options);
            JournalAuditCheck.Check(_audit.Folder, header.RunId, journal.OutcomeLines);
            var target = CheckTarget(planned, $"Run {runId} writes to", options, cancellationToken);
            PercentBaselineCheck.Check(_client, journal.Plan.Changes, options.Contract!, verdict);
            RunId = runId;
            Warnings = journal.Warnings;
            foreach (var outcome in Run(header, journal, isResume: true, declined: null, cancellationToken))
            {
                yield return outcome;
            }
        }

        // The TitanHST a run writes to, from its authenticated run.json alone: enough to take the target's lock before
        // the journal is opened (opening it repairs a torn last line, which must not race the run that writes it).
        private TargetIdentity? ResumedTarget(string runId)
        {
            var folder = RunJournal.FolderOf(_root, runId);
            if (!Directory.Exists(folder))
            {
                throw new ApplyRefusedException(ApplyErrorIds.RunNotFound, $"There is no apply run {runId} in {_root}.");
            }

            using var key = InstallationKey.LoadOrCreate();
            var header = RunHeaderFile.Read(folder, key);
            return header.TargetBaseUri.Length == 0 ? null : new TargetIdentity(header.TargetBaseUri, header.TargetInstanceId);
        }

        private static TargetIdentity Planned(TargetIdentity? planned) => planned ?? throw new ApplyRefusedException(ApplyErrorIds.TargetUnknown,
            "The changes do not say which TitanHST they were computed against (a diff from an old snapshot, or built by hand). Nothing was applied. Diff against the live TitanHST and apply that.");

        // Asks TitanHST who it is, right before the first write: a plan is applied only to the instance it was computed against.
        private TargetIdentity CheckTarget(TargetIdentity planned, string what, ApplyOptions options, CancellationToken cancellationToken)
        {
            TargetSchemaInfo schema;
            try
            {
                schema = _client.GetSchemaAsync(cancellationToken).GetAwaiter().GetResult();
            }
            catch (TitanHstApiException ex) when (ex.CircuitOpen)
            {
                throw new ApplyRefusedException(ApplyErrorIds.TargetUnavailable, WaitMessage(ex) + " Nothing was applied.");
            }

            TargetIdentity actual;
            try
            {
                actual = TargetIdentity.Of(_client.BaseUri, schema.InstanceId);
            }
            catch (ArgumentException ex)
            {
                throw new ApplyRefusedException(ApplyErrorIds.WrongTarget, $"The connected TitanHST cannot be identified: {ex.Message} Nothing was applied.");
            }

            if (!planned.Equals(actual))
            {
                throw new ApplyRefusedException(ApplyErrorIds.WrongTarget,
                    $"{what} {planned}, but the connection is to {actual}. Record ids coincide between instances, so nothing was applied. Connect to that TitanHST, or diff against this one.");
            }

            _applier.KeyRules = options.Contract?.Join.KeyRules;
            _applier.Contract = options.Contract;
            if (SchemaGuard.Check(options.Contract, schema.SchemaVersion, options.AcknowledgedSchemaVersion))
            {
                _schemaAcknowledgement = $"TitanHST schema {schema.SchemaVersion} acknowledged by the operator; the contract was written for {options.Contract!.TitanHstSchemaVersion}";
            }

            return actual;
        }

        internal static string WaitMessage(TitanHstApiException ex)
        {
            var wait = ex.RetryAfter is { } after ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : 30;
            return $"TitanHST has just been failing, and this session's client pauses its calls for about {wait} s (circuit breaker open). Wait until {DateTimeOffset.Now.AddSeconds(wait):HH:mm:ss}, then run the same command again.";
        }

        // Called with the target's lock held and the journal open; both stay the caller's.
        private IEnumerable<ChangeOutcome> Run(RunHeader header, RunJournal journal, bool isResume, HashSet<string>? declined, CancellationToken cancellationToken)
        {
            var contract = new AuditContractInfo(header.ContractId, header.ContractVersion, header.ContractHash);
            _audit.Append(new AuditEvent(AuditEntryKind.RunStart) { RunId = header.RunId, Contract = contract, PlanHash = header.PlanHash, Reason = Describe(header, isResume) });
            if (_schemaAcknowledgement is not null)
            {
                _audit.Append(new AuditEvent(AuditEntryKind.Override) { RunId = header.RunId, Contract = contract, PlanHash = header.PlanHash, Reason = _schemaAcknowledgement });
            }

            if (header.OverrideReason is not null && journal.Plan.Changes.Any(c => c.Blocked && !c.HeldBack))
            {
                // A resume applies the same blocked changes under the same override: it is audited again.
                _audit.Append(new AuditEvent(AuditEntryKind.Override) { RunId = header.RunId, Contract = contract, PlanHash = header.PlanHash, Reason = header.OverrideReason });
            }

            if (isResume)
            {
                CatchUpAudit(journal, header, contract);
            }

            var work = new List<(StaffChange Change, bool Unknown)>();
            foreach (var change in journal.Plan.Changes)
            {
                if (declined is not null && declined.Contains(change.GetExternalId()))
                {
                    // Part of the run, so its numbers add up to the plan; decided by the operator, so never called.
                    var no = new ChangeOutcome(header.RunId, change, ApplyOutcomeKind.Declined, null, 0, "declined at the confirmation prompt", change.TargetId, DateTimeOffset.UtcNow);
                    journal.Outcome(no);
                    Audit(AuditEntryKind.Outcome, header, contract, change, no);
                    yield return no;
                    continue;
                }

                journal.LastRecord.TryGetValue(change.GetExternalId(), out var last);
                if (last is null || last.Phase == JournalRecord.IntentPhase || last.Outcome == nameof(ApplyOutcomeKind.Failed))
                {
                    work.Add((change, last?.Phase == JournalRecord.IntentPhase));
                }
            }

            using var pause = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            foreach (var outcome in Execute(journal, header, contract, work, pause, cancellationToken))
            {
                yield return outcome;
            }

            var finished = !pause.IsCancellationRequested;
            if (finished)
            {
                journal.End();
            }

            _audit.Append(new AuditEvent(AuditEntryKind.RunEnd) { RunId = header.RunId, Contract = contract, PlanHash = header.PlanHash, Outcome = finished ? "Completed" : "Interrupted" });
            Summary = RunCatalog.Summarize(journal.Folder);
        }

        // The journal line of an outcome is written before its audit entry; a kill between the two leaves the audit
        // one outcome short. The resume writes what the journal holds, so every change has its outcome in the audit once.
        private void CatchUpAudit(RunJournal journal, RunHeader header, AuditContractInfo contract)
        {
            var query = new AuditQuery();
            query.RunIds.Add(header.RunId);
            query.Kinds.Add(AuditEntryKind.Outcome);
            var audited = new HashSet<string>(AuditLogQuery.Read(_audit.Folder, query).Where(e => e.ExternalId is not null).Select(e => e.ExternalId!), KeyHash.Comparer);
            foreach (var change in journal.Plan.Changes)
            {
                if (journal.LastRecord.TryGetValue(change.ExternalId, out var last) && last.Phase == JournalRecord.OutcomePhase && !audited.Contains(change.ExternalId))
                {
                    _audit.Append(new AuditEvent(AuditEntryKind.Outcome)
                    {
                        RunId = header.RunId,
                        Contract = contract,
                        PlanHash = header.PlanHash,
                        Action = change.GetAction().ToString(),
                        ExternalId = change.ExternalId,
                        Outcome = last.Outcome,
                        HttpStatus = last.Status,
                        Attempts = last.Attempts,
                        Error = last.Outcome is nameof(ApplyOutcomeKind.Failed) or nameof(ApplyOutcomeKind.Stale) ? last.Reason : null,
                    });
                }
            }
        }

        private static string? Describe(RunHeader header, bool isResume)
        {
            var parts = new List<string>();
            if (isResume)
            {
                parts.Add("resume");
            }

            if (header.ConfigVersion is not null)
            {
                parts.Add($"config {header.ConfigVersion}");
            }

            return parts.Count == 0 ? null : string.Join(", ", parts);
        }

        private IEnumerable<ChangeOutcome> Execute(RunJournal journal, RunHeader header, AuditContractInfo contract, List<(StaffChange Change, bool Unknown)> work, CancellationTokenSource pause, CancellationToken cancellationToken)
        {
            using var results = new BlockingCollection<ChangeOutcome>();
            var queue = new ConcurrentQueue<(StaffChange Change, bool Unknown)>(work);
            var workers = Enumerable.Range(0, Math.Max(1, header.ThrottleLimit)).Select(_ => Task.Run(async () =>
            {
                // An open breaker pauses the run rather than failing every change left: they stay pending for a resume.
                while (!pause.IsCancellationRequested && queue.TryDequeue(out var item))
                {
                    var (outcome, breaker) = await ApplyOneAsync(journal, header, contract, item.Change, item.Unknown, cancellationToken).ConfigureAwait(false);
                    if (breaker is not null)
                    {
                        WaitAdvice ??= WaitMessage(breaker) + $" The changes not yet tried stay pending: Invoke-TitanHstApply -Resume {header.RunId}.";
                        pause.Cancel();
                    }

                    results.Add(outcome);
                }
            })).ToArray();
            var all = Task.WhenAll(workers);
            all.ContinueWith(_ => results.CompleteAdding(), TaskScheduler.Default);

            // Drained to the end even after Ctrl+C: calls in flight finish and their outcomes are still reported.
            foreach (var outcome in results.GetConsumingEnumerable(CancellationToken.None))
            {
                yield return outcome;
            }

            try
            {
                all.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Stopped by the operator: the journal says which calls were announced; a resume checks them.
            }
        }

        private async Task<(ChangeOutcome Outcome, TitanHstApiException? Breaker)> ApplyOneAsync(RunJournal journal, RunHeader header, AuditContractInfo contract, StaffChange change, bool unknown, CancellationToken cancellationToken)
        {
            var skip = ApplyGate.SkipReason(change);
            if (skip is not null)
            {
                var skipped = new ChangeOutcome(header.RunId, change, ApplyOutcomeKind.Skipped, null, 0, skip, change.TargetId, DateTimeOffset.UtcNow);
                journal.Outcome(skipped);
                Audit(AuditEntryKind.Outcome, header, contract, change, skipped);
                return (skipped, null);
            }

            // Audit first, then the journal, then the call: nothing reaches TitanHST unannounced.
            Audit(AuditEntryKind.Action, header, contract, change, null);
            journal.Intent(change, change.GetAction() == ChangeAction.Create ? ChangeApplier.IdempotencyKey(header.RunId, change.GetExternalId()) : null);
            var call = await _applier.ApplyAsync(change, header.RunId, unknown, cancellationToken).ConfigureAwait(false);
            var outcome = new ChangeOutcome(header.RunId, change, call.Outcome, call.Status, call.Attempts, call.Reason, call.TargetId ?? change.TargetId, DateTimeOffset.UtcNow);
            journal.Outcome(outcome);
            Audit(AuditEntryKind.Outcome, header, contract, change, outcome);
            return (outcome, call.Breaker);
        }

        private void Audit(AuditEntryKind kind, RunHeader header, AuditContractInfo contract, StaffChange change, ChangeOutcome? outcome)
        {
            var entry = new AuditEvent(kind)
            {
                RunId = header.RunId,
                Contract = contract,
                PlanHash = header.PlanHash,
                Action = change.GetAction().ToString(),
                ExternalId = change.GetExternalId(),
                Outcome = outcome?.GetOutcome().ToString(),
                HttpStatus = outcome?.HttpStatus,
                Attempts = outcome?.Attempts,
                Error = outcome?.GetOutcome() is ApplyOutcomeKind.Failed or ApplyOutcomeKind.Stale ? outcome.Reason : null,
            };
            if (kind == AuditEntryKind.Action)
            {
                foreach (var field in change.GetDesiredFields())
                {
                    entry.Fields[field.Key] = field.Value;
                }
            }

            _audit.Append(entry);
        }
    }
}

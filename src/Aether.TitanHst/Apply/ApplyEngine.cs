using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Aether.TitanHst.Audit;
using Aether.TitanHst.Client;
using Aether.TitanHst.Diff;

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

        /// <summary>Starts a new run. Refused (<see cref="ApplyRefusedException"/>) before anything is written if the gate says no.</summary>
        public IEnumerable<ChangeOutcome> Start(IReadOnlyList<StaffChange> changes, ApplyOptions options, CancellationToken cancellationToken = default)
        {
            ApplyGate.Check(changes, options);
            var first = changes[0];
            var header = new RunHeader
            {
                RunId = DateTimeOffset.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N").Substring(0, 6),
                StartedAt = DateTimeOffset.UtcNow,
                Operator = options.Operator,
                Target = _client.BaseUri.ToString(),
                ContractId = first.ContractId,
                ContractVersion = first.ContractVersion,
                ContractHash = first.ContractHash,
                PlanHash = options.PlanHash,
                ConfigVersion = options.ConfigVersion,
                ThrottleLimit = options.ThrottleLimit,
                OverrideReason = options.OverrideReason,
                AllowDelete = options.AllowDelete,
                AllowRoleChange = options.AllowRoleChange,
            };
            RunId = header.RunId;
            return Run(header, () => RunJournal.Create(_root, header, changes), isResume: false, cancellationToken);
        }

        /// <summary>Finishes an interrupted run: checks the changes whose outcome is unknown, retries the failed ones, does the rest.</summary>
        public IEnumerable<ChangeOutcome> Resume(string runId, CancellationToken cancellationToken = default)
        {
            var journal = RunJournal.Open(_root, runId);
            if (!string.Equals(journal.Header.Target.TrimEnd('/'), _client.BaseUri.ToString().TrimEnd('/'), StringComparison.OrdinalIgnoreCase))
            {
                journal.Dispose();
                throw new ApplyRefusedException(ApplyErrorIds.RunNotFound, $"Run {runId} writes to {journal.Header.Target}, not to {_client.BaseUri}; connect to that TitanHST to resume it.");
            }

            RunId = runId;
            return Run(journal.Header, () => journal, isResume: true, cancellationToken);
        }

        private IEnumerable<ChangeOutcome> Run(RunHeader header, Func<RunJournal> openJournal, bool isResume, CancellationToken cancellationToken)
        {
            using var targetLock = TargetLock.Acquire(_root, header.Target, header.RunId);
            using var journal = openJournal();
            var contract = new AuditContractInfo(header.ContractId, header.ContractVersion, header.ContractHash);
            _audit.Append(new AuditEvent(AuditEntryKind.RunStart) { RunId = header.RunId, Contract = contract, PlanHash = header.PlanHash, Reason = Describe(header, isResume) });
            if (!isResume && header.OverrideReason is not null && journal.Plan.Changes.Any(c => c.Blocked))
            {
                _audit.Append(new AuditEvent(AuditEntryKind.Override) { RunId = header.RunId, Contract = contract, PlanHash = header.PlanHash, Reason = header.OverrideReason });
            }

            var work = new List<(StaffChange Change, bool Unknown)>();
            foreach (var change in journal.Plan.Changes)
            {
                journal.LastRecord.TryGetValue(change.GetExternalId(), out var last);
                if (last is null || last.Phase == JournalRecord.IntentPhase || last.Outcome == nameof(ApplyOutcomeKind.Failed))
                {
                    work.Add((change, last?.Phase == JournalRecord.IntentPhase));
                }
            }

            foreach (var outcome in Execute(journal, header, contract, work, cancellationToken))
            {
                yield return outcome;
            }

            var finished = !cancellationToken.IsCancellationRequested;
            if (finished)
            {
                journal.End();
            }

            _audit.Append(new AuditEvent(AuditEntryKind.RunEnd) { RunId = header.RunId, Contract = contract, PlanHash = header.PlanHash, Outcome = finished ? "Completed" : "Interrupted" });
            Summary = RunCatalog.Summarize(journal.Folder);
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

        private IEnumerable<ChangeOutcome> Execute(RunJournal journal, RunHeader header, AuditContractInfo contract, List<(StaffChange Change, bool Unknown)> work, CancellationToken cancellationToken)
        {
            using var results = new BlockingCollection<ChangeOutcome>();
            var queue = new ConcurrentQueue<(StaffChange Change, bool Unknown)>(work);
            var workers = Enumerable.Range(0, Math.Max(1, header.ThrottleLimit)).Select(_ => Task.Run(async () =>
            {
                while (!cancellationToken.IsCancellationRequested && queue.TryDequeue(out var item))
                {
                    results.Add(await ApplyOneAsync(journal, header, contract, item.Change, item.Unknown, cancellationToken).ConfigureAwait(false));
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

        private async Task<ChangeOutcome> ApplyOneAsync(RunJournal journal, RunHeader header, AuditContractInfo contract, StaffChange change, bool unknown, CancellationToken cancellationToken)
        {
            var skip = ApplyGate.SkipReason(change);
            if (skip is not null)
            {
                var skipped = new ChangeOutcome(header.RunId, change, ApplyOutcomeKind.Skipped, null, 0, skip, change.TargetId, DateTimeOffset.UtcNow);
                journal.Outcome(skipped);
                Audit(AuditEntryKind.Outcome, header, contract, change, skipped);
                return skipped;
            }

            // Audit first, then the journal, then the call: nothing reaches TitanHST unannounced.
            Audit(AuditEntryKind.Action, header, contract, change, null);
            journal.Intent(change, change.Action == ChangeAction.Create ? ChangeApplier.IdempotencyKey(header.RunId, change.GetExternalId()) : null);
            var call = await _applier.ApplyAsync(change, header.RunId, unknown, cancellationToken).ConfigureAwait(false);
            var outcome = new ChangeOutcome(header.RunId, change, call.Outcome, call.Status, call.Attempts, call.Reason, call.TargetId ?? change.TargetId, DateTimeOffset.UtcNow);
            journal.Outcome(outcome);
            Audit(AuditEntryKind.Outcome, header, contract, change, outcome);
            return outcome;
        }

        private void Audit(AuditEntryKind kind, RunHeader header, AuditContractInfo contract, StaffChange change, ChangeOutcome? outcome)
        {
            var entry = new AuditEvent(kind)
            {
                RunId = header.RunId,
                Contract = contract,
                PlanHash = header.PlanHash,
                Action = change.Action.ToString(),
                ExternalId = change.GetExternalId(),
                Outcome = outcome?.Outcome.ToString(),
                HttpStatus = outcome?.HttpStatus,
                Attempts = outcome?.Attempts,
                Error = outcome is { Outcome: ApplyOutcomeKind.Failed or ApplyOutcomeKind.Stale } ? outcome.Reason : null,
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

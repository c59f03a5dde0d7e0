using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Aether.TitanHst.Client;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Diff;
using Aether.TitanHst.Target;

namespace Aether.TitanHst.Apply
{
    /// <summary>
    /// Carries out one change through the client: the exact calls the change calls for, with the ETag seen at diff
    /// time, so a record changed since then is never overwritten (Stale). On a resume, a change whose outcome is
    /// unknown is first checked against TitanHST, so nothing is applied twice.
    /// </summary>
    internal sealed class ChangeApplier
    {
        private readonly TitanHstClient _client;

        internal ChangeApplier(TitanHstClient client) => _client = client;

        /// <summary>
        /// The contract's join-key rules, set for each run once the gate has the contract: the externalId TitanHST
        /// holds is compared with the change's key as the diff normalized it.
        /// </summary>
        internal Normalization.RulePipeline? KeyRules { get; set; }

        /// <summary>The run's contract, set with <see cref="KeyRules"/>: which fields a change's risk is judged on.</summary>
        internal MappingContract? Contract
        {
            get => _contract;
            set
            {
                _contract = value;
                _assignmentsField = value is null ? null : HeldValues.AssignmentsField(value);
            }
        }

        private MappingContract? _contract;
        private string? _assignmentsField;

        /// <summary>The Idempotency-Key of a create: fixed per run and person, so a resumed run re-sends the same one.</summary>
        internal static string IdempotencyKey(string runId, string externalId) => $"{runId}-{ContentHash.OfText(externalId).Substring(7, 24)}";

        internal async Task<AppliedCall> ApplyAsync(StaffChange change, string runId, bool outcomeUnknown, CancellationToken cancellationToken)
        {
            var attempts = 0;
            try
            {
                // On a resume, a change whose outcome is unknown is read back first, so nothing is applied twice. A
                // change from a snapshot diff saw TitanHST through a file that anyone able to write it may have edited
                // (an externalId moved to another record keeps that record's id and ETag, and would aim this person's
                // write at someone else): it is read live first and written only if it is this person, at the version
                // the diff saw. A change that writes a role, site or assignments is read first too: its risk was judged
                // on the old value it records, which only TitanHST itself vouches for (a plan's text does not).
                var fromSnapshot = TargetDescription.IsSnapshot(change.Identity.Target);
                if (change.GetAction() != ChangeAction.Create && (outcomeUnknown || fromSnapshot || WritesJudgedField(change)))
                {
                    var checkedFirst = await CheckRecordAsync(change, outcomeUnknown, fromSnapshot, cancellationToken).ConfigureAwait(false);
                    attempts++;
                    if (checkedFirst is not null)
                    {
                        return checkedFirst.Value;
                    }
                }

                switch (change.GetAction())
                {
                    case ChangeAction.Create:
                        var draft = new TargetStaffDraft(change.GetExternalId(), change.GetDesiredFields());
                        var created = await _client.CreateStaffAsync(draft, IdempotencyKey(runId, change.GetExternalId()), cancellationToken).ConfigureAwait(false);
                        return Done(created, attempts, created.Replayed ? "created before an interruption; TitanHST replayed the original result" : null);
                    case ChangeAction.Update:
                        var patched = await _client.PatchStaffAsync(change.TargetId!, change.ETag!, Changes(change), cancellationToken).ConfigureAwait(false);
                        return Done(patched, attempts, null);
                    case ChangeAction.Reactivate:
                        var reactivated = await _client.ReactivateStaffAsync(change.TargetId!, change.ETag!, cancellationToken).ConfigureAwait(false);
                        if (change.GetDesiredFields().Count == 0)
                        {
                            return Done(reactivated, attempts, null);
                        }

                        // Our own reactivation moved the ETag on; the field changes follow with the new one.
                        var then = await _client.PatchStaffAsync(change.TargetId!, reactivated.Record!.ETag, Changes(change), cancellationToken).ConfigureAwait(false);
                        return Done(then, attempts + reactivated.Call.Attempts, null);
                    case ChangeAction.Deactivate:
                        return Done(await _client.DeactivateStaffAsync(change.TargetId!, change.ETag!, cancellationToken).ConfigureAwait(false), attempts, null);
                    case ChangeAction.Delete:
                        return Done(await _client.DeleteStaffAsync(change.TargetId!, change.ETag!, cancellationToken).ConfigureAwait(false), attempts, null);
                    default:
                        return new AppliedCall(ApplyOutcomeKind.Skipped, null, 0, ApplyGate.SkipReason(change), change.TargetId);
                }
            }
            catch (TitanHstApiException e)
            {
                var call = FromError(change, e, attempts + e.Attempts);
                return e.CircuitOpen ? new AppliedCall(call.Outcome, call.Status, call.Attempts, call.Reason, call.TargetId) { Breaker = e } : call;
            }
        }

        // Reads the record back before a write: null when the change is still to be made to this person's record at
        // the diff's version; otherwise its outcome. On a resume a change found made is Succeeded.
        private async Task<AppliedCall?> CheckRecordAsync(StaffChange change, bool resuming, bool fromSnapshot, CancellationToken cancellationToken)
        {
            TargetStaffRecord current;
            try
            {
                current = await _client.GetStaffAsync(change.TargetId!, cancellationToken).ConfigureAwait(false);
            }
            catch (TitanHstApiException e) when (e.Kind == TitanHstErrorKind.NotFound)
            {
                return resuming && change.GetAction() == ChangeAction.Delete
                    ? new AppliedCall(ApplyOutcomeKind.Succeeded, 404, 1, "deleted before an interruption (confirmed on resume)", change.TargetId)
                    : new AppliedCall(ApplyOutcomeKind.Stale, 404, 1, "the TitanHST record no longer exists; diff again", change.TargetId);
            }

            if (OtherPerson(change, current) is { } other)
            {
                return other;
            }

            if (resuming && IsDone(change, current))
            {
                return new AppliedCall(ApplyOutcomeKind.Succeeded, 200, 1, "applied before an interruption (confirmed on resume)", current.Id);
            }

            if (!string.Equals(current.ETag, change.ETag, StringComparison.Ordinal))
            {
                return new AppliedCall(ApplyOutcomeKind.Stale, 200, 1, resuming
                    ? "the TitanHST record changed since the diff and is not as the change intended; diff again"
                    : fromSnapshot
                        ? "the TitanHST record changed since the snapshot the diff read was taken; nothing was overwritten; diff again"
                        : "the TitanHST record changed since the diff (its ETag moved on); nothing was overwritten; diff again", current.Id);
            }

            return NotAsJudged(change, current) is { } field
                ? new AppliedCall(ApplyOutcomeKind.Stale, 200, 1,
                    $"TitanHST record {current.Id} does not hold the old {field} this change records, so its risk was judged on a value TitanHST never held; nothing was written. "
                    + "If the diff read a snapshot file, that file does not match TitanHST (edited): diff against the live TitanHST", current.Id)
                : null;
        }

        // The first field whose old value, as the change records it, is not what the live record holds; null when all are.
        private string? NotAsJudged(StaffChange change, TargetStaffRecord current)
        {
            var contract = Contract ?? throw new InvalidOperationException("The contract is set when the run starts, before any record is checked.");
            foreach (var fieldChange in change.GetFieldChanges())
            {
                if (!string.Equals(fieldChange.Old, HeldValues.Of(contract, fieldChange.Field, _assignmentsField, current), StringComparison.Ordinal))
                {
                    return fieldChange.Field;
                }
            }

            return null;
        }

        // Whether the change writes a field its risk is judged on (the review's role and site, the positions field).
        private bool WritesJudgedField(StaffChange change)
        {
            var contract = Contract ?? throw new InvalidOperationException("The contract is set when the run starts, before any change is applied.");
            var review = contract.Policies.Review;
            bool Judged(string field) => field == review.RoleField || field == review.SiteField || field == _assignmentsField;
            return change.GetFieldChanges().Any(c => Judged(c.Field)) || change.GetDesiredFields().Keys.Any(Judged);
        }

        // The record belongs to someone else than the change's person (its externalId differs): nothing may be written to it.
        private AppliedCall? OtherPerson(StaffChange change, TargetStaffRecord current)
        {
            var rules = KeyRules ?? throw new InvalidOperationException("The key rules are set when the run starts, before any record is checked.");
            var held = current.ExternalId is null ? string.Empty : rules.Apply(current.ExternalId).Value;
            return string.Equals(held, change.GetExternalId(), StringComparison.Ordinal)
                ? null
                : new AppliedCall(ApplyOutcomeKind.Stale, 200, 1,
                    $"TitanHST record {current.Id} holds another externalId than the diff saw for it; nothing was written to it. "
                    + "If the diff read a snapshot file, that file does not match TitanHST (edited or out of date): diff against the live TitanHST", current.Id);
        }

        private static bool IsDone(StaffChange change, TargetStaffRecord current)
        {
            var fieldsMatch = change.GetDesiredFields().All(p => string.Equals(Blank(current[p.Key]), Blank(p.Value), StringComparison.Ordinal));
            return change.GetAction() switch
            {
                ChangeAction.Update => fieldsMatch,
                ChangeAction.Reactivate => current.Active && fieldsMatch,
                ChangeAction.Deactivate => !current.Active,
                _ => false,
            };
        }

        private static AppliedCall FromError(StaffChange change, TitanHstApiException e, int attempts) => e.Kind switch
        {
            TitanHstErrorKind.PreconditionFailed => new AppliedCall(ApplyOutcomeKind.Stale, e.StatusCode, attempts,
                "the TitanHST record changed since the diff (ETag no longer matches); nothing was overwritten. Diff again", change.TargetId),
            TitanHstErrorKind.NotFound when change.GetAction() == ChangeAction.Delete => new AppliedCall(ApplyOutcomeKind.Succeeded, e.StatusCode, attempts, "already gone from TitanHST", change.TargetId),
            TitanHstErrorKind.NotFound => new AppliedCall(ApplyOutcomeKind.Stale, e.StatusCode, attempts, "the TitanHST record no longer exists; diff again", change.TargetId),
            TitanHstErrorKind.Conflict when change.GetAction() == ChangeAction.Create => new AppliedCall(ApplyOutcomeKind.Stale, e.StatusCode, attempts,
                $"TitanHST has a record with this externalId since the diff ({e.ConflictingId}); diff again", e.ConflictingId),
            _ => new AppliedCall(ApplyOutcomeKind.Failed, e.StatusCode, attempts, e.Message, change.TargetId),
        };

        private static AppliedCall Done(TitanHstWriteResult result, int earlierAttempts, string? note) =>
            new(ApplyOutcomeKind.Succeeded, result.Call.StatusCode, earlierAttempts + result.Call.Attempts,
                note ?? (result.ResolvedAfterRetry ? "confirmed by reading the record back after an answer was lost" : null), result.Record?.Id);

        private static TargetStaffChanges Changes(StaffChange change) => new(change.GetDesiredFields());

        private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;
    }
}

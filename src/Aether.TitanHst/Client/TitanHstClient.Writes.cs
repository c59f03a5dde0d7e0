using System;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Aether.TitanHst.Target;

namespace Aether.TitanHst.Client
{
    /// <summary>
    /// Writes. Each is safe to resend: creates carry an Idempotency-Key (TitanHST replays the first answer), the
    /// others an If-Match. When an attempt's answer was lost and the resend is refused because the first one was
    /// applied (412, or 404 for a delete), the record is re-read to tell "already done" from "changed by others".
    /// </summary>
    public sealed partial class TitanHstClient
    {
        private static readonly HttpMethod Patch = new("PATCH");

        /// <summary>
        /// Creates a record. Pass the <paramref name="idempotencyKey"/> recorded in the journal when resuming a run,
        /// so a create that reached TitanHST before a crash is not made twice; a new key is generated otherwise.
        /// </summary>
        public async Task<TitanHstWriteResult> CreateStaffAsync(TargetStaffDraft draft, string? idempotencyKey = null, CancellationToken cancellationToken = default)
        {
            var key = idempotencyKey ?? Guid.NewGuid().ToString("D");
            if (key.Length is 0 or > 255 || key.Any(c => c < 0x21 || c > 0x7E))
            {
                throw new ArgumentException("An Idempotency-Key is 1 to 255 printable ASCII characters without spaces.", nameof(idempotencyKey));
            }

            var request = ApiRequest.Create("POST /api/v1/staff", ApiUri("staff"), WireJson.WriteCreate(draft), key);
            var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != 201)
            {
                throw Problem(response);
            }

            var record = Parse(response, r => Answering(WireJson.ReadSingle(r.Body, r.ETag), id: null, draft.ExternalId));
            return new TitanHstWriteResult(record, response.Call, response.Replayed, resolvedAfterRetry: false, key);
        }

        /// <summary>Changes the given fields (JSON merge patch) if the record is still at <paramref name="etag"/>.</summary>
        public async Task<TitanHstWriteResult> PatchStaffAsync(string id, string etag, TargetStaffChanges changes, CancellationToken cancellationToken = default)
        {
            var request = ApiRequest.Conditional(Patch, "PATCH /api/v1/staff/{id}", ApiUri("staff/" + Segment(id, nameof(id))), IfMatch(etag), WireJson.WritePatch(changes));
            return await ConditionalWriteAsync(request, id, current => HasChanges(current, changes), cancellationToken).ConfigureAwait(false);
        }

        public Task<TitanHstWriteResult> DeactivateStaffAsync(string id, string etag, CancellationToken cancellationToken = default) =>
            SetActiveAsync(id, etag, active: false, cancellationToken);

        public Task<TitanHstWriteResult> ReactivateStaffAsync(string id, string etag, CancellationToken cancellationToken = default) =>
            SetActiveAsync(id, etag, active: true, cancellationToken);

        /// <summary>Deletes the record if it is still at <paramref name="etag"/>.</summary>
        public async Task<TitanHstWriteResult> DeleteStaffAsync(string id, string etag, CancellationToken cancellationToken = default)
        {
            var request = ApiRequest.Conditional(HttpMethod.Delete, "DELETE /api/v1/staff/{id}", ApiUri("staff/" + Segment(id, nameof(id))), IfMatch(etag));
            var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == 204)
            {
                return new TitanHstWriteResult(null, response.Call, replayed: false, resolvedAfterRetry: false, null);
            }

            // A lost answer to a delete that went through: the resend finds nothing to delete, which is the goal.
            if (response.StatusCode == 404 && response.State.MayHaveApplied && response.Call.Attempts > 1)
            {
                return new TitanHstWriteResult(null, response.Call, replayed: false, resolvedAfterRetry: true, null);
            }

            throw Problem(response);
        }

        // The record a write was answered with must be the one written (by id; a create's by the externalId sent):
        // another record would be journaled and audited as this person's.
        private static TargetStaffRecord Answering(TargetStaffRecord record, string? id, string? externalId)
        {
            if (id is not null && !string.Equals(record.Id, id, StringComparison.Ordinal))
            {
                throw new FormatException($"the write to record {id} was answered with record {record.Id}");
            }

            if (externalId is not null && !string.Equals(record.ExternalId, externalId, StringComparison.Ordinal))
            {
                throw new FormatException($"the create was answered with record {record.Id}, which holds another externalId than the one sent");
            }

            return record;
        }

        private static string IfMatch(string etag) =>
            string.IsNullOrWhiteSpace(etag) ? throw new ArgumentException("The ETag the record was read with is required.", nameof(etag)) : etag;

        private static bool HasChanges(TargetStaffRecord current, TargetStaffChanges changes) =>
            changes.Fields.All(f => string.Equals(current[f.Key], f.Value, StringComparison.Ordinal))
            && (!changes.ChangesExternalId || string.Equals(current.ExternalId, changes.ExternalId, StringComparison.Ordinal));

        private Task<TitanHstWriteResult> SetActiveAsync(string id, string etag, bool active, CancellationToken cancellationToken)
        {
            var verb = active ? "reactivate" : "deactivate";
            var request = ApiRequest.Conditional(HttpMethod.Post, $"POST /api/v1/staff/{{id}}/{verb}", ApiUri($"staff/{Segment(id, nameof(id))}/{verb}"), IfMatch(etag));
            return ConditionalWriteAsync(request, id, current => current.Active == active, cancellationToken);
        }

        private async Task<TitanHstWriteResult> ConditionalWriteAsync(ApiRequest request, string id, Func<TargetStaffRecord, bool> isDone, CancellationToken cancellationToken)
        {
            var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == 200)
            {
                var record = Parse(response, r => Answering(WireJson.ReadSingle(r.Body, r.ETag), id, externalId: null));
                return new TitanHstWriteResult(record, response.Call, replayed: false, resolvedAfterRetry: false, null);
            }

            var problem = Problem(response);
            if (response.StatusCode == 412 && response.State.MayHaveApplied && response.Call.Attempts > 1)
            {
                // The first 412 of a call whose every attempt was answered is someone else's change: re-plan.
                // After a lost answer it may be our own; if the record now reads as we wanted, we are done.
                var current = await GetStaffAsync(id, cancellationToken).ConfigureAwait(false);
                if (isDone(current))
                {
                    return new TitanHstWriteResult(current, response.Call, replayed: false, resolvedAfterRetry: true, null);
                }
            }

            throw problem;
        }
    }
}

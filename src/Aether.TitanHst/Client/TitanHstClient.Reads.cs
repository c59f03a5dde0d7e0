using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Aether.TitanHst.Target;

namespace Aether.TitanHst.Client
{
    /// <summary>Reads: staff pages and single records, reference lists, the schema.</summary>
    public sealed partial class TitanHstClient
    {
        /// <summary>One page of staff. Pass the previous page's <see cref="TargetStaffPage.NextCursor"/> with the same query.</summary>
        public async Task<TargetStaffPage> GetStaffPageAsync(StaffQuery query, string? cursor, CancellationToken cancellationToken = default)
        {
            var uri = new StringBuilder("staff?limit=").Append((query.PageSize ?? _options.PageSize).ToString(CultureInfo.InvariantCulture));
            if (query.Active is { } active)
            {
                uri.Append("&active=").Append(active ? "true" : "false");
            }

            if (query.UpdatedSince is { } since)
            {
                uri.Append("&updatedSince=").Append(Uri.EscapeDataString(TargetSnapshotWriter.FormatTime(since)));
            }

            if (cursor is not null)
            {
                uri.Append("&cursor=").Append(Uri.EscapeDataString(cursor));
            }

            var response = await SendAsync(ApiRequest.Get("GET /api/v1/staff", ApiUri(uri.ToString()), ResponseKind.Page), cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != 200)
            {
                throw Problem(response);
            }

            var (items, next) = Parse(response, r => WireJson.ReadPage(r.Body));
            return new TargetStaffPage(items, next, response.Call);
        }

        /// <summary>
        /// Every record matching <paramref name="query"/>, fetched a page at a time as the caller reads: each page is
        /// requested once, and only the current page is held. Checks the API's promise that ids ascend, so a
        /// record is never returned twice.
        /// </summary>
        public IEnumerable<TargetStaffRecord> EnumerateStaff(StaffQuery query, Action<TargetStaffPage>? pageFetched = null, CancellationToken cancellationToken = default)
        {
            string? cursor = null;
            string? lastId = null;
            // A listing must end: a cursor seen before (A, B, A...) would loop forever, and so would new cursors over
            // empty pages without end. Empty pages are allowed (filters are applied over a bounded window), but not
            // MaxEmptyPagesInARow of them one after another (TitanHstClientOptions).
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var emptyInARow = 0;
            do
            {
                var page = GetStaffPageAsync(query, cursor, cancellationToken).GetAwaiter().GetResult();
                pageFetched?.Invoke(page);
                emptyInARow = page.Items.Count == 0 ? emptyInARow + 1 : 0;
                if (emptyInARow >= _options.MaxEmptyPagesInARow)
                {
                    throw Exit(new TitanHstApiException(TitanHstErrorKind.UnexpectedResponse,
                        $"GET /api/v1/staff: TitanHST returned {emptyInARow} empty pages in a row, each with another cursor; stopping rather than paging without end.")
                    {
                        Operation = "GET /api/v1/staff",
                        StatusCode = 200,
                    });
                }

                foreach (var record in page.Items)
                {
                    if (lastId is not null && string.CompareOrdinal(record.Id, lastId) <= 0)
                    {
                        throw Exit(new TitanHstApiException(TitanHstErrorKind.UnexpectedResponse, $"GET /api/v1/staff: record {record.Id} came after {lastId}; the listing is not in ascending id order, so records could be missed or repeated.")
                        {
                            Operation = "GET /api/v1/staff",
                            StatusCode = 200,
                        });
                    }

                    lastId = record.Id;
                    yield return record;
                }

                if (page.NextCursor is not null && (string.Equals(page.NextCursor, cursor, StringComparison.Ordinal) || !seen.Add(page.NextCursor)))
                {
                    throw Exit(new TitanHstApiException(TitanHstErrorKind.UnexpectedResponse, "GET /api/v1/staff: TitanHST returned a cursor it had returned before; stopping rather than looping.")
                    {
                        Operation = "GET /api/v1/staff",
                        StatusCode = 200,
                    });
                }

                cursor = page.NextCursor;
            }
            while (cursor is not null);
        }

        /// <summary>The record with TitanHST id <paramref name="id"/>; a <see cref="TitanHstErrorKind.NotFound"/> error when there is none.</summary>
        public Task<TargetStaffRecord> GetStaffAsync(string id, CancellationToken cancellationToken = default) =>
            GetOneAsync("GET /api/v1/staff/{id}", "staff/" + Segment(id, nameof(id)), cancellationToken);

        /// <summary>The record with external id <paramref name="externalId"/>; a <see cref="TitanHstErrorKind.NotFound"/> error when there is none.</summary>
        public Task<TargetStaffRecord> GetStaffByExternalIdAsync(string externalId, CancellationToken cancellationToken = default) =>
            GetOneAsync("GET /api/v1/staff/by-external-id/{externalId}", "staff/by-external-id/" + Segment(externalId, nameof(externalId)), cancellationToken);

        public async Task<IReadOnlyList<TargetReference>> GetReferencesAsync(TargetReferenceKind kind, CancellationToken cancellationToken = default)
        {
            var path = kind == TargetReferenceKind.Role ? "roles" : "sites";
            var response = await SendAsync(ApiRequest.Get("GET /api/v1/" + path, ApiUri(path), ResponseKind.References), cancellationToken).ConfigureAwait(false);
            return response.StatusCode == 200 ? Parse(response, r => WireJson.ReadReferences(r.Body, kind)) : throw Problem(response);
        }

        public async Task<TargetSchemaInfo> GetSchemaAsync(CancellationToken cancellationToken = default)
        {
            var response = await SendAsync(ApiRequest.Get("GET /api/v1/schema", ApiUri("schema"), ResponseKind.Schema), cancellationToken).ConfigureAwait(false);
            return response.StatusCode == 200 ? Parse(response, r => WireJson.ReadSchema(r.Body)) : throw Problem(response);
        }

        private static string Segment(string value, string name) =>
            string.IsNullOrEmpty(value) ? throw new ArgumentException("A non-empty value is required.", name) : Uri.EscapeDataString(value);

        private async Task<TargetStaffRecord> GetOneAsync(string operation, string relative, CancellationToken cancellationToken)
        {
            var response = await SendAsync(ApiRequest.Get(operation, ApiUri(relative)), cancellationToken).ConfigureAwait(false);
            return response.StatusCode == 200 ? Parse(response, r => WireJson.ReadSingle(r.Body, r.ETag)) : throw Problem(response);
        }
    }
}

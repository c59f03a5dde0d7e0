using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace Aether.TitanHst.Conformance
{
    /// <summary>
    /// The read-only rules: tokens (§2), schema (§9), reference data (§5), paging and filters (§4.1), one record
    /// (§4.2), unknown routes and problems (§8). Nothing here sends a POST, PATCH, PUT or DELETE to the API.
    /// </summary>
    internal static class ReadChecks
    {
        public static async Task TokensAsync(ConformanceContext c)
        {
            const string Relied = "Authenticating every sync; a bad secret must fail clearly, not look like an outage";
            var http = c.Http;
            var token = await http.TokenAsync(c.Cancellation).ConfigureAwait(false);
            var issued = http.Exchanges.Last();
            c.HasToken = token is not null;
            c.Recorder.Check("2", "Client credentials in the form get 200 with access_token, token_type Bearer and expires_in (seconds)", Relied, issued,
                x => Expect.First(() => Expect.Json(x, 200),
                    () => x.Json!["token_type"]?.GetValue<string>() == "Bearer" ? null : "token_type is not Bearer.",
                    () => x.Json!["expires_in"] is JsonValue e && e.GetValue<double>() > 0 ? null : "expires_in is not a positive number.",
                    () => x.Json!["access_token"] is JsonValue a && a.GetValue<string>().Length > 0 ? null : "No access_token."));

            var basic = await http.SendAsync(http.TokenRequest(DummyOr(c), SecretFor(c), "client_credentials", "basic"), c.Cancellation).ConfigureAwait(false);
            c.Recorder.Check("2", "Client credentials as HTTP Basic get a token too", Relied, basic, x => Expect.Json(x, 200), blocking: false);

            var wrong = await http.SendAsync(http.TokenRequest(DummyOr(c), "not-the-secret-" + Guid.NewGuid().ToString("N"), "client_credentials", "form"), c.Cancellation).ConfigureAwait(false);
            c.Recorder.Check("2", "A wrong secret is 401 invalid_client with WWW-Authenticate: Basic realm=\"titanhst\" and error_description", Relied, wrong,
                x => ResponseShapes.OAuthError(x, 401, "invalid_client") ?? (x.Header("WWW-Authenticate")?.StartsWith("Basic realm=\"titanhst\"", StringComparison.Ordinal) == true
                    ? null : "WWW-Authenticate is not Basic realm=\"titanhst\"."));

            var grant = await http.SendAsync(http.TokenRequest(DummyOr(c), SecretFor(c), "password", "form"), c.Cancellation).ConfigureAwait(false);
            c.Recorder.Check("2", "A grant_type other than client_credentials is 400 unsupported_grant_type", Relied, grant,
                x => ResponseShapes.OAuthError(x, 400, "unsupported_grant_type"), blocking: false);

            var missing = await http.SendAsync(http.TokenRequest(DummyOr(c), SecretFor(c), null, "form"), c.Cancellation).ConfigureAwait(false);
            c.Recorder.Check("2", "A token request without grant_type is 400 invalid_request", Relied, missing,
                x => ResponseShapes.OAuthError(x, 400, "invalid_request"), blocking: false);
        }

        public static async Task BearerAsync(ConformanceContext c)
        {
            const string Relied = "Renewing the token once on a 401 and telling an expired token from a missing one";
            var none = await c.Http.SendAsync(new ConformanceRequest("GET", "/api/v1/roles") { Bearer = false }, c.Cancellation).ConfigureAwait(false);
            c.Recorder.Check("2", "No Authorization header is 401 unauthorized with WWW-Authenticate: Bearer realm=\"titanhst\"", Relied, none,
                x => Expect.Problem(x, 401, "unauthorized") ?? (x.Header("WWW-Authenticate")?.StartsWith("Bearer realm=\"titanhst\"", StringComparison.Ordinal) == true
                    ? null : "WWW-Authenticate is not Bearer realm=\"titanhst\"."));

            var bad = await c.Http.SendAsync(new ConformanceRequest("GET", "/api/v1/roles")
            {
                Bearer = false,
                Authorization = "Bearer aether-conformance-not-a-token",
                AuthorizationShown = "Bearer (a token never issued)",
            }, c.Cancellation).ConfigureAwait(false);
            c.Recorder.Check("2", "An unknown token is 401 unauthorized with error=\"invalid_token\" in WWW-Authenticate", Relied, bad,
                x => Expect.Problem(x, 401, "unauthorized") ?? (x.Header("WWW-Authenticate")?.Contains("error=\"invalid_token\"") == true
                    ? null : "WWW-Authenticate has no error=\"invalid_token\"."));
        }

        /// <summary>Reads /schema; returns its environment member (null when absent).</summary>
        public static async Task<string?> SchemaAsync(ConformanceContext c)
        {
            var x = await c.Http.SendAsync(new ConformanceRequest("GET", "/api/v1/schema"), c.Cancellation).ConfigureAwait(false);
            c.Recorder.Check("9", "GET /schema lists every member of §3 except etag, in order, each with name, type, format, maxLength, required, readOnly, nullable",
                "Stopping before writing when the vendor's fields differ from the ones the connector was built for", x, v => Expect.First(
                    () => Expect.Json(v, 200),
                    () => v.Json!["apiVersion"]?.GetValue<string>() == "1.0" ? null : "apiVersion is not \"1.0\".",
                    () => ResponseShapes.SchemaFields(v.Json!["staffFields"] as JsonArray)));
            c.Recorder.Check("9", $"schemaVersion is the one the connector was built for ({c.Options.ExpectedSchemaVersion})",
                "The mapping contract's assumptions about TitanHST's fields", x,
                v => v.Json?["schemaVersion"] is JsonValue s && s.GetValue<string>() == c.Options.ExpectedSchemaVersion
                    ? null : $"schemaVersion is {(v.Json?["schemaVersion"]?.ToJsonString() ?? "absent")}.");
            var environment = x.Json?["environment"] is JsonValue e && e.TryGetValue<string>(out var env) ? env : null;
            c.Recorder.Check("9", "environment is \"sandbox\" or \"production\"", "Knowing where conformance write checks may run", x,
                _ => environment is "sandbox" or "production" ? null : $"environment is {(environment is null ? "absent" : "'" + environment + "'")}; treated as production.",
                blocking: false);
            return environment;
        }

        public static async Task ReferenceAsync(ConformanceContext c)
        {
            foreach (var kind in new[] { "roles", "sites" })
            {
                var x = await c.Http.SendAsync(new ConformanceRequest("GET", "/api/v1/" + kind), c.Cancellation).ConfigureAwait(false);
                c.Recorder.Check("5", $"GET /{kind} is 200 with items of code, name, active, ordered by code", "Checking role and site codes before a write", x,
                    v => Expect.First(() => Expect.Json(v, 200), () => ResponseShapes.Codes(v.Json!["items"] as JsonArray)));
                if (x.Status == 200 && x.Json?["items"] is JsonArray codes)
                {
                    (kind == "sites" ? c.ActiveSites : c.ActiveRoles).AddRange(codes.OfType<JsonObject>()
                        .Where(i => i["active"] is JsonValue a && a.TryGetValue<bool>(out var on) && on && i["code"] is JsonValue)
                        .Select(i => i["code"]!.GetValue<string>()));
                }
            }
        }

        public static async Task ListAsync(ConformanceContext c)
        {
            const string Relied = "Reading the whole target: a page missed or read twice looks like a deletion or a duplicate to the diff";
            var first = await c.Http.SendAsync(new ConformanceRequest("GET", "/api/v1/staff?limit=100"), c.Cancellation).ConfigureAwait(false);
            c.Recorder.Check("4.1", "GET /staff is 200 with items (ordered by id) and nextCursor (string or null); each item carries etag = \"<version>\"", Relied, first,
                x => Expect.First(() => Expect.Json(x, 200), () => ResponseShapes.Page(x, null)));
            var items = first.Json?["items"] as JsonArray;
            c.Sample = items?.OfType<JsonObject>().FirstOrDefault();
            c.SampleWithExternalId = items?.OfType<JsonObject>().FirstOrDefault(i => i["externalId"] is JsonValue);

            await TraversalAsync(c, Relied).ConfigureAwait(false);

            foreach (var (query, what) in new[] { ("limit=0", "limit 0"), ("limit=1001", "limit 1001"), ("limit=ten", "limit 'ten'"), ("cursor=%21%21not-a-cursor", "a cursor that does not decode"), ("active=maybe", "active=maybe") })
            {
                var x = await c.Http.SendAsync(new ConformanceRequest("GET", "/api/v1/staff?" + query), c.Cancellation).ConfigureAwait(false);
                c.Recorder.Check("4.1", $"GET /staff with {what} is 400 bad-request", "Failing loudly on a paging bug instead of returning a short list", x,
                    v => Expect.Problem(v, 400, "bad-request"), blocking: false);
            }
        }

        private static async Task TraversalAsync(ConformanceContext c, string relied)
        {
            var seen = new HashSet<string>(KeyHash.Comparer);
            string? previous = null;
            string? cursor = null;
            ConformanceExchange? last = null;
            for (var page = 0; page < c.Options.MaxPages; page++)
            {
                // Small pages first (cursor handling at page edges), then large ones so a real sandbox is read to the end.
                var limit = page < 3 ? "2" : "1000";
                var path = "/api/v1/staff?limit=" + limit + (cursor is null ? string.Empty : "&cursor=" + Uri.EscapeDataString(cursor));
                last = await c.Http.SendAsync(new ConformanceRequest("GET", path) { Display = $"GET /api/v1/staff?limit={limit}&cursor=<nextCursor> (page {page + 1})" }, c.Cancellation)
                    .ConfigureAwait(false);
                if (Expect.Json(last, 200) is { } failure)
                {
                    c.Recorder.Check("4.1", "Following nextCursor (limit=2, then 1000) returns every record once, ids ascending, until nextCursor is null", relied, last, _ => failure);
                    return;
                }

                foreach (var item in (last.Json!["items"] as JsonArray ?? new JsonArray()).OfType<JsonObject>())
                {
                    var id = item["id"]!.GetValue<string>();
                    if (!seen.Add(id) || (previous is not null && string.CompareOrdinal(id, previous) <= 0))
                    {
                        c.Recorder.Check("4.1", "Following nextCursor (limit=2, then 1000) returns every record once, ids ascending, until nextCursor is null", relied, last,
                            _ => "A record came twice or out of id order across pages.");
                        return;
                    }

                    previous = id;
                }

                cursor = last.Json!["nextCursor"] is JsonValue next ? next.GetValue<string>() : null;
                if (cursor is null)
                {
                    c.Recorder.Check("4.1", "Following nextCursor (limit=2, then 1000) returns every record once, ids ascending, until nextCursor is null", relied, last,
                        _ => last.Json!.AsObject().ContainsKey("nextCursor") ? null : "The last page has no nextCursor member.");
                    return;
                }
            }

            c.Recorder.Decide("4.1", "Following nextCursor (limit=2, then 1000) returns every record once, ids ascending, until nextCursor is null", relied,
                ConformanceOutcome.Inconclusive, last!.Request, last.Summary(), $"Stopped after {c.Options.MaxPages} pages (-MaxPages); no fault seen so far.");
        }

        public static async Task FiltersAsync(ConformanceContext c)
        {
            const string Relied = "Incremental reads and narrowed reads of the target";
            foreach (var value in new[] { "true", "false" })
            {
                var x = await c.Http.SendAsync(new ConformanceRequest("GET", "/api/v1/staff?limit=50&active=" + value), c.Cancellation).ConfigureAwait(false);
                c.Recorder.Check("4.1", $"active={value} returns only records with active {value}", Relied, x, v => Expect.First(() => Expect.Json(v, 200),
                    () => (v.Json!["items"] as JsonArray)!.OfType<JsonObject>().All(i => i["active"]!.GetValue<bool>() == (value == "true")) ? null : "A record with the other active value came back."));
            }

            const string Since = "2026-01-01T00:00:00Z";
            var since = DateTimeOffset.Parse(Since, CultureInfo.InvariantCulture);
            var ok = await c.Http.SendAsync(new ConformanceRequest("GET", "/api/v1/staff?limit=50&updatedSince=" + Uri.EscapeDataString(Since)), c.Cancellation).ConfigureAwait(false);
            c.Recorder.Check("4.1", "updatedSince with Z returns only records with updatedAt >= updatedSince", Relied, ok, v => Expect.First(() => Expect.Json(v, 200),
                () => (v.Json!["items"] as JsonArray)!.OfType<JsonObject>().All(i => DateTimeOffset.Parse(i["updatedAt"]!.GetValue<string>(), CultureInfo.InvariantCulture) >= since)
                    ? null : "A record updated before updatedSince came back."));
            foreach (var (value, what) in new[] { ("2026-01-01T00:00:00", "without an offset"), ("2026-01-01", "a date alone") })
            {
                var x = await c.Http.SendAsync(new ConformanceRequest("GET", "/api/v1/staff?updatedSince=" + Uri.EscapeDataString(value)), c.Cancellation).ConfigureAwait(false);
                c.Recorder.Check("4.1", $"updatedSince {what} is 400 bad-request (never read as UTC)", "Not missing changes in an incremental read because of a time-zone guess", x,
                    v => Expect.Problem(v, 400, "bad-request"));
            }

            if (c.SampleWithExternalId is not { } sample)
            {
                c.Recorder.Skip("4.1", "externalId=<value> returns exactly the record with that externalId", Relied, "No listed record has an externalId to look up.");
                return;
            }

            var externalId = sample["externalId"]!.GetValue<string>();
            var filtered = await c.Http.SendAsync(new ConformanceRequest("GET", "/api/v1/staff?externalId=" + Uri.EscapeDataString(externalId))
            {
                Display = "GET /api/v1/staff?externalId=<externalId of a listed record>",
            }, c.Cancellation).ConfigureAwait(false);
            c.Recorder.Check("4.1", "externalId=<value> returns exactly the record with that externalId", Relied, filtered, v => Expect.First(() => Expect.Json(v, 200),
                () => v.Json!["items"] is JsonArray { Count: 1 } a && a[0]!["id"]!.GetValue<string>() == sample["id"]!.GetValue<string>() ? null : "Not exactly that one record."));
        }

        public static async Task OneRecordAsync(ConformanceContext c)
        {
            const string Relied = "Re-reading a record (and its ETag) after a lost answer or a 412";
            if (c.Sample is not { } sample)
            {
                c.Recorder.Skip("4.2", "GET /staff/{id} is 200 with the record, ETag: \"<version>\" and no etag member", Relied, "The target lists no record (use -IncludeWrites on a sandbox).");
            }
            else
            {
                var id = sample["id"]!.GetValue<string>();
                var x = await c.Http.SendAsync(new ConformanceRequest("GET", "/api/v1/staff/" + Uri.EscapeDataString(id)), c.Cancellation).ConfigureAwait(false);
                c.Recorder.Check("4.2", "GET /staff/{id} is 200 with the record, ETag: \"<version>\" and no etag member", Relied, x, v => Expect.First(() => Expect.Json(v, 200),
                    () => ResponseShapes.Record(v.Json as JsonObject, expectEtag: false),
                    () => v.Header("ETag") == Expect.ETag(v.Json) ? null : $"ETag header {v.Header("ETag") ?? "(none)"} is not \"<version>\"."));
            }

            if (c.SampleWithExternalId is { } withExternal)
            {
                var x = await c.Http.SendAsync(new ConformanceRequest("GET", "/api/v1/staff/by-external-id/" + Uri.EscapeDataString(withExternal["externalId"]!.GetValue<string>()))
                {
                    Display = "GET /api/v1/staff/by-external-id/<externalId of a listed record>",
                }, c.Cancellation).ConfigureAwait(false);
                c.Recorder.Check("4.2", "GET /staff/by-external-id/{externalId} is 200 with that record and its ETag", "Matching a source person to a target record", x,
                    v => Expect.First(() => Expect.Json(v, 200), () => v.Json!["id"]!.GetValue<string>() == withExternal["id"]!.GetValue<string>() ? null : "Another record came back.",
                        () => v.Header("ETag") == Expect.ETag(v.Json) ? null : "No ETag \"<version>\"."));
            }
            else
            {
                c.Recorder.Skip("4.2", "GET /staff/by-external-id/{externalId} is 200 with that record and its ETag", "Matching a source person to a target record", "No listed record has an externalId.");
            }

            var missing = await c.Http.SendAsync(new ConformanceRequest("GET", "/api/v1/staff/stf_zzzzzzzzzzzz"), c.Cancellation).ConfigureAwait(false);
            c.Recorder.Check("4.2", "GET /staff/{id} of no record is 404 not-found", Relied, missing, v => Expect.Problem(v, 404, "not-found"));
            // The externalId pattern allows '.', and a router that reads "E1.5" as a file name answers for it without the API.
            var dotted = await c.Http.SendAsync(new ConformanceRequest("GET", "/api/v1/staff/by-external-id/" + ConformanceOptions.ReservedPrefix + "no.such.record"), c.Cancellation)
                .ConfigureAwait(false);
            c.Recorder.Check("4.2", "GET /staff/by-external-id/{externalId} with a '.' in it reaches the API: 404 not-found problem when there is no such record",
                "Matching people whose externalId holds a '.' (the pattern allows it)", dotted, v => Expect.Problem(v, 404, "not-found"), blocking: false);
            var route = await c.Http.SendAsync(new ConformanceRequest("GET", "/api/v1/no-such-route"), c.Cancellation).ConfigureAwait(false);
            c.Recorder.Check("8", "An unknown route is 404 not-found", "Telling a wrong base URI from a missing record", route, v => Expect.Problem(v, 404, "not-found"), blocking: false);
        }

        // The token rules send the configured client id with a wrong secret or grant; never the real secret shown.
        private static string DummyOr(ConformanceContext c) => c.Http.ClientId;

        private static string SecretFor(ConformanceContext c) => c.Http.Secret();
    }
}

using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace Aether.TitanHst.Conformance
{
    /// <summary>
    /// The write rules (§4.3–4.6, §6): run only with -IncludeWrites, only on records this run creates under
    /// <see cref="ConformanceOptions.ReservedPrefix"/>, and every record created is deleted again at the end.
    /// The records carry made-up names, never anyone's data.
    /// </summary>
    internal static class WriteChecks
    {
        public static async Task RunAsync(ConformanceContext c, string runTag)
        {
            var created = new List<string>();
            try
            {
                await RunChecksAsync(c, runTag, created).ConfigureAwait(false);
                await AssignmentChecksAsync(c, runTag, created).ConfigureAwait(false);
            }
            finally
            {
                await CleanUpAsync(c, created).ConfigureAwait(false);
            }
        }

        private static ConformanceRequest Create(string json, string? key) =>
            key is null ? new ConformanceRequest("POST", "/api/v1/staff").Json(json)
                : new ConformanceRequest("POST", "/api/v1/staff").Json(json).With("Idempotency-Key", key);

        private static string Body(string externalId, string extra = "") =>
            $"{{\"externalId\":\"{externalId}\",\"firstName\":\"Conformance\",\"lastName\":\"Check\"{extra}}}";

        private static async Task RunChecksAsync(ConformanceContext c, string runTag, List<string> created)
        {
            const string CreateRelied = "Creating people exactly once, even when an answer is lost and the create is retried";
            const string PatchRelied = "Updating only what changed, and never over someone else's newer change";
            var r = c.Recorder;
            var externalId = ConformanceOptions.ReservedPrefix + runTag;
            var key = "aether-conformance-" + Guid.NewGuid().ToString("N");

            var noKey = await Send(c, Create(Body(externalId), null)).ConfigureAwait(false);
            Remember(noKey, created);
            r.Check("4.3", "A create without Idempotency-Key is 400 idempotency-key-missing and creates nothing", CreateRelied, noKey, x => Expect.Problem(x, 400, "idempotency-key-missing"));

            var first = await Send(c, Create(Body(externalId), key)).ConfigureAwait(false);
            Remember(first, created);
            r.Check("4.3", "A create is 201 with the record (version 1, no etag member), ETag: \"1\" and Location: /api/v1/staff/{id}", CreateRelied, first,
                x => Expect.First(() => Expect.Json(x, 201), () => ResponseShapes.Record(x.Json as JsonObject, expectEtag: false),
                    () => x.Header("ETag") == "\"1\"" ? null : $"ETag is {x.Header("ETag") ?? "(none)"}, not \"1\".",
                    () => LocationOf(x) == "/api/v1/staff/" + x.Json!["id"]!.GetValue<string>() ? null : $"Location {x.Header("Location") ?? "(none)"} is not /api/v1/staff/{{id}}."));
            var id = first.Status == 201 ? first.Json?["id"]?.GetValue<string>() : null;
            if (id is null)
            {
                foreach (var rule in new[] { "4.3 replay", "4.4 patch", "4.6 deactivate", "4.5 delete" })
                {
                    r.Skip(rule.Split(' ')[0], $"The remaining {rule.Split(' ')[1]} checks", CreateRelied, "The create failed, so there is no record to check them on.");
                }

                return;
            }

            var replay = await Send(c, Create(Body(externalId), key)).ConfigureAwait(false);
            r.Check("6", "The same Idempotency-Key and body again is the original 201 with Idempotent-Replayed: true (same id); nothing is created", CreateRelied, replay,
                x => Expect.First(() => Expect.Json(x, 201), () => x.Header("Idempotent-Replayed") == "true" ? null : "No Idempotent-Replayed: true.",
                    () => x.Json!["id"]!.GetValue<string>() == id ? null : "Another record was created."));
            Remember(replay, created);

            var reused = await Send(c, Create(Body(externalId, ",\"title\":null"), key)).ConfigureAwait(false);
            r.Check("6", "The same Idempotency-Key with a different body (a member added as null) is 422 idempotency-key-reused", CreateRelied, reused,
                x => Expect.Problem(x, 422, "idempotency-key-reused"));
            Remember(reused, created);

            var conflict = await Send(c, Create(Body(externalId), Guid.NewGuid().ToString())).ConfigureAwait(false);
            Remember(conflict, created);
            r.Check("4.3", "A create with an externalId already in use is 409 external-id-conflict carrying conflictingId", "Never creating a second record for one person",
                conflict, x => Expect.Problem(x, 409, "external-id-conflict") ?? (x.Json!["conflictingId"]?.GetValue<string>() == id ? null : "conflictingId is not the existing record."));

            foreach (var (json, member, what) in new[]
            {
                (Body(externalId + "-u", ",\"nickname\":\"x\""), "nickname", "an unknown member"),
                (Body(externalId + "\\n"), "externalId", "an externalId ending in a newline"),
                (Body(externalId + "-e", ",\"email\":\"a@b.\""), "email", "email a@b. (breaks the one email rule)"),
                ("{\"externalId\":\"" + externalId + "-b\",\"firstName\":\" \",\"lastName\":\"Check\"}", "firstName", "firstName \" \""),
            })
            {
                var x = await Send(c, Create(json, Guid.NewGuid().ToString())).ConfigureAwait(false);
                Remember(x, created);
                r.Check("3", $"A create with {what} is 400 validation naming '{member}'", "Reporting a bad source value as that person's problem, not a sync failure", x,
                    v => Expect.Problem(v, 400, "validation") ?? (v.Json!["errors"]?[member] is JsonArray ? null : $"errors does not name '{member}'."), blocking: member != "firstName");
            }

            var duplicate = await Send(c, Create("{\"externalId\":\"" + externalId + "-d\",\"firstName\":\"A\",\"firstName\":\"B\",\"lastName\":\"Check\"}", Guid.NewGuid().ToString())).ConfigureAwait(false);
            Remember(duplicate, created);
            r.Check("1", "A body repeating a member name is 400 bad-request (never a 500, which may have been applied)", CreateRelied, duplicate, x => Expect.Problem(x, 400, "bad-request"));

            var plain = await Send(c, new ConformanceRequest("POST", "/api/v1/staff").Json(Body(externalId + "-t"), "text/plain").With("Idempotency-Key", Guid.NewGuid().ToString())).ConfigureAwait(false);
            Remember(plain, created);
            r.Check("1", "A create sent as text/plain is 415 unsupported-media-type", CreateRelied, plain, x => Expect.Problem(x, 415, "unsupported-media-type"), blocking: false);

            var path = "/api/v1/staff/" + id;
            var noMatch = await Send(c, new ConformanceRequest("PATCH", path).Json("{\"title\":\"Conformance\"}", "application/merge-patch+json")).ConfigureAwait(false);
            r.Check("4.4", "A PATCH without If-Match is 428 precondition-required", PatchRelied, noMatch, x => Expect.Problem(x, 428, "precondition-required"));
            foreach (var (tag, what) in new[] { ("\"01\"", "\"01\" (strong comparison: not \"1\")"), ("\"2\"", "a stale version") })
            {
                var x = await Send(c, new ConformanceRequest("PATCH", path).Json("{\"title\":\"Conformance\"}", "application/merge-patch+json").With("If-Match", tag)).ConfigureAwait(false);
                r.Check("4.4", $"A PATCH with If-Match {what} is 412 precondition-failed carrying currentVersion", PatchRelied, x,
                    v => Expect.Problem(v, 412, "precondition-failed") ?? (v.Json!["currentVersion"]?.GetValue<long>() == 1 ? null : "currentVersion is not 1."));
            }

            var weak = await Send(c, new ConformanceRequest("PATCH", path).Json("{\"title\":\"Conformance\"}", "application/merge-patch+json").With("If-Match", "W/\"1\"")).ConfigureAwait(false);
            r.Check("4.4", "A PATCH with a weak If-Match is 400 bad-request", PatchRelied, weak, x => Expect.Problem(x, 400, "bad-request"), blocking: false);
            var active = await Send(c, new ConformanceRequest("PATCH", path).Json("{\"active\":false}", "application/merge-patch+json").With("If-Match", "\"1\"")).ConfigureAwait(false);
            r.Check("4.4", "A PATCH of active is 400 validation (deactivate is its own call)", PatchRelied, active, x => Expect.Problem(x, 400, "validation"));
            var patched = await Send(c, new ConformanceRequest("PATCH", path).Json("{\"title\":\"Conformance\",\"phone\":null}", "application/merge-patch+json").With("If-Match", "\"1\"")).ConfigureAwait(false);
            r.Check("4.4", "A merge patch is 200 with the record at version 2 and ETag: \"2\"; absent members are unchanged", PatchRelied, patched,
                x => Expect.First(() => Expect.Json(x, 200), () => x.Header("ETag") == "\"2\"" ? null : $"ETag is {x.Header("ETag") ?? "(none)"}.",
                    () => x.Json!["title"]?.GetValue<string>() == "Conformance" && x.Json["firstName"]?.GetValue<string>() == "Conformance" ? null : "The patch was not merged."));
            var same = await Send(c, new ConformanceRequest("PATCH", path).Json("{\"title\":\"Conformance\"}").With("If-Match", "\"2\"")).ConfigureAwait(false);
            r.Check("4.4", "A PATCH that changes nothing keeps the version", PatchRelied, same, x => Expect.Json(x, 200) ?? (x.Header("ETag") == "\"2\"" ? null : "The version moved."), blocking: false);

            var xml = await Send(c, new ConformanceRequest("POST", path + "/deactivate").Json("<deactivate/>", "application/xml").With("If-Match", "\"2\"")).ConfigureAwait(false);
            r.Check("4.6", "Deactivate with a body of another media type is 415 unsupported-media-type", "Deactivating leavers", xml, x => Expect.Problem(x, 415, "unsupported-media-type"), blocking: false);
            var off = await Send(c, new ConformanceRequest("POST", path + "/deactivate").With("If-Match", "\"2\"")).ConfigureAwait(false);
            r.Check("4.6", "Deactivate is 200 with active false and the next version", "Deactivating leavers", off,
                x => Expect.Json(x, 200) ?? (x.Json!["active"]!.GetValue<bool>() == false && x.Header("ETag") == "\"3\"" ? null : "Not inactive at version 3."));
            var again = await Send(c, new ConformanceRequest("POST", path + "/deactivate").Json("{}").With("If-Match", "\"3\"")).ConfigureAwait(false);
            r.Check("4.6", "Deactivating an inactive record is 200 with no change (version unchanged)", "Deactivating leavers idempotently", again,
                x => Expect.Json(x, 200) ?? (x.Header("ETag") == "\"3\"" ? null : "The version moved."), blocking: false);
            var on = await Send(c, new ConformanceRequest("POST", path + "/reactivate").With("If-Match", "\"3\"")).ConfigureAwait(false);
            r.Check("4.6", "Reactivate is 200 with active true", "Bringing returning staff back", on,
                x => Expect.Json(x, 200) ?? (x.Json!["active"]!.GetValue<bool>() ? null : "Still inactive."));

            var put = await Send(c, new ConformanceRequest("PUT", path).Json("{}").With("If-Match", "\"4\"")).ConfigureAwait(false);
            r.Check("1", "A method not listed for a path (PUT /staff/{id}) is 404 not-found", "Nothing: the connector never sends one (a 405 here is harmless)", put,
                x => Expect.Problem(x, 404, "not-found"), blocking: false);

            var stale = await Send(c, new ConformanceRequest("DELETE", path).With("If-Match", "\"1\"")).ConfigureAwait(false);
            r.Check("4.5", "A DELETE with a stale If-Match is 412 and deletes nothing", "Never deleting over a newer change", stale, x => Expect.Problem(x, 412, "precondition-failed"));
            var current = await Send(c, new ConformanceRequest("GET", path)).ConfigureAwait(false);
            var delete = await Send(c, new ConformanceRequest("DELETE", path).With("If-Match", current.Header("ETag") ?? "\"4\"")).ConfigureAwait(false);
            r.Check("4.5", "A DELETE with the current If-Match is 204 with no body", "Removing records when the contract says delete", delete,
                x => x.Status == 204 && x.Body.Length == 0 ? null : $"Expected 204 with no body; got {x.Status}.");
            if (delete.Status == 204)
            {
                created.Remove(id);
            }

            var gone = await Send(c, new ConformanceRequest("GET", "/api/v1/staff/by-external-id/" + externalId)).ConfigureAwait(false);
            r.Check("4.5", "After a DELETE the externalId is free: by-external-id is 404 not-found", "Recreating a person after a delete", gone, x => Expect.Problem(x, 404, "not-found"));
        }

        /// <summary>
        /// Assignments (§3.1, decision 0011): the order served, the siteCode/roleCode mirror, and what a write of siteCode
        /// alone does to a record with assignments. Needs two active sites and an active role.
        /// </summary>
        private static async Task AssignmentChecksAsync(ConformanceContext c, string runTag, List<string> created)
        {
            const string Relied = "Writing a person's sites and roles: siteCode/roleCode and assignments always agree, and no write loses an assignment";
            var r = c.Recorder;
            if (c.ActiveSites.Count < 2 || c.ActiveRoles.Count < 1)
            {
                r.Skip("3.1", "The assignment rules (order, mirror, moving the primary)", Relied, "TitanHST lists fewer than two active sites or no active role.");
                return;
            }

            var (a, b, role) = (c.ActiveSites[0], c.ActiveSites[1], c.ActiveRoles[0]);
            // A '.' in the externalId: the pattern allows it, and the record is read back by it below.
            var externalId = ConformanceOptions.ReservedPrefix + runTag + ".a";
            var body = $"{{\"externalId\":\"{externalId}\",\"firstName\":\"Conformance\",\"lastName\":\"Check\",\"assignments\":["
                + $"{{\"siteCode\":\"{b}\",\"roleCode\":\"{role}\",\"primary\":false,\"fte\":0.4}},{{\"siteCode\":\"{a}\",\"roleCode\":\"{role}\",\"primary\":true,\"fte\":0.6}}]}}";
            var first = await Send(c, Create(body, Guid.NewGuid().ToString())).ConfigureAwait(false);
            Remember(first, created);
            r.Check("3.1", "A create with assignments (sent secondary first) is 201; they come back primary first, and siteCode/roleCode mirror the primary", Relied, first,
                x => Expect.First(() => Expect.Json(x, 201), () => Assignments(x, $"{a}/{role}*@0.6; {b}/{role}@0.4", a, role)), blocking: false);
            var id = first.Status == 201 ? first.Json?["id"]?.GetValue<string>() : null;
            if (id is null)
            {
                r.Skip("3.1", "The remaining assignment rules", Relied, "The create with assignments failed, so there is no record to check them on.");
                return;
            }

            var byExternal = await Send(c, new ConformanceRequest("GET", "/api/v1/staff/by-external-id/" + Uri.EscapeDataString(externalId))).ConfigureAwait(false);
            r.Check("4.2", "GET /staff/by-external-id/{externalId} finds a record whose externalId holds a '.'", "Matching people whose externalId holds a '.' (the pattern allows it)",
                byExternal, x => Expect.Json(x, 200) ?? (x.Json!["id"]?.GetValue<string>() == id ? null : "Another record came back."));

            var path = "/api/v1/staff/" + id;
            var moved = await Send(c, new ConformanceRequest("PATCH", path).Json($"{{\"siteCode\":\"{b}\"}}", "application/merge-patch+json").With("If-Match", "\"1\"")).ConfigureAwait(false);
            r.Check("3.1", "PATCH of siteCode alone to a site the record holds as a secondary assignment makes that one primary and keeps the former primary (each with its fte)",
                "A connector whose contract does not manage assignments writes siteCode alone: TitanHST must not drop an assignment it cannot see", moved,
                x => Expect.First(() => Expect.Json(x, 200), () => Assignments(x, $"{b}/{role}*@0.4; {a}/{role}@0.6", b, role)));

            var version = moved.Header("ETag") ?? "\"2\"";
            foreach (var member in new[] { "siteCode", "roleCode" })
            {
                var nulled = await Send(c, new ConformanceRequest("PATCH", path).Json($"{{\"{member}\":null}}", "application/merge-patch+json").With("If-Match", version)).ConfigureAwait(false);
                r.Check("3.1", $"PATCH of {member}: null to a record with assignments (without clearing them) is 400 validation naming '{member}'", Relied, nulled,
                    x => Expect.Problem(x, 400, "validation") ?? (x.Json!["errors"]?[member] is JsonArray ? null : $"errors does not name '{member}'."), blocking: false);
                if (nulled.Status == 200 && nulled.Header("ETag") is { } moved2)
                {
                    version = moved2;
                }
            }

            var fteNull = await Send(c, Create($"{{\"externalId\":\"{externalId}-f\",\"firstName\":\"Conformance\",\"lastName\":\"Check\",\"assignments\":["
                + $"{{\"siteCode\":\"{a}\",\"roleCode\":\"{role}\",\"primary\":true,\"fte\":null}}]}}", Guid.NewGuid().ToString())).ConfigureAwait(false);
            Remember(fteNull, created);
            r.Check("3.1", "A create with an assignment's fte null is 400 validation naming 'assignments[0].fte'", "Reporting a bad FTE as that person's problem", fteNull,
                x => Expect.Problem(x, 400, "validation") ?? (x.Json!["errors"]?["assignments[0].fte"] is JsonArray ? null : "errors does not name 'assignments[0].fte'."), blocking: false);
        }

        /// <summary>The record's assignments as text (site/role, * primary, @fte) equal <paramref name="expected"/>, and siteCode/roleCode mirror the primary.</summary>
        private static string? Assignments(ConformanceExchange x, string expected, string site, string role)
        {
            if (x.Json?["assignments"] is not JsonArray list)
            {
                return "The record has no assignments array.";
            }

            var parts = new List<string>();
            foreach (var item in list)
            {
                var fte = item?["fte"] is JsonValue f && f.TryGetValue<decimal>(out var d) ? "@" + d.ToString("0.############", System.Globalization.CultureInfo.InvariantCulture) : string.Empty;
                parts.Add($"{item?["siteCode"]}/{item?["roleCode"]}{(item?["primary"] is JsonValue p && p.TryGetValue<bool>(out var primary) && primary ? "*" : string.Empty)}{fte}");
            }

            var got = string.Join("; ", parts);
            if (got != expected)
            {
                return $"assignments are {got}, not {expected}.";
            }

            return x.Json["siteCode"]?.ToString() == site && x.Json["roleCode"]?.ToString() == role
                ? null : $"siteCode/roleCode are {x.Json["siteCode"]}/{x.Json["roleCode"]}, not the primary's {site}/{role}.";
        }

        private static Task<ConformanceExchange> Send(ConformanceContext c, ConformanceRequest request) => c.Http.SendAsync(request, c.Cancellation);

        /// <summary>Notes the id of anything a create made, even a create that should have failed, for the clean-up.</summary>
        private static void Remember(ConformanceExchange x, List<string> created)
        {
            if (x.Status == 201 && x.Json?["id"] is JsonValue v && v.TryGetValue<string>(out var id) && !created.Contains(id))
            {
                created.Add(id);
            }
        }

        private static string? LocationOf(ConformanceExchange x)
        {
            var location = x.Header("Location");
            if (location is null || !Uri.TryCreate(new Uri(new Uri("http://origin.invalid"), "/api/v1/staff"), location, out var resolved))
            {
                return null;
            }

            // Absolute or absolute-path: both are allowed; compare the path.
            return resolved.AbsolutePath;
        }

        /// <summary>Deletes what the checks created, even when the run was stopped (so not with the run's cancellation).</summary>
        private static async Task CleanUpAsync(ConformanceContext c, List<string> created)
        {
            foreach (var id in created)
            {
                var current = await c.Http.SendAsync(new ConformanceRequest("GET", "/api/v1/staff/" + id), CancellationToken.None).ConfigureAwait(false);
                if (current.Status == 200 && current.Json?["externalId"] is JsonValue e && e.GetValue<string>().StartsWith(ConformanceOptions.ReservedPrefix, StringComparison.Ordinal)
                    && current.Header("ETag") is { } etag)
                {
                    var deleted = await c.Http.SendAsync(new ConformanceRequest("DELETE", "/api/v1/staff/" + id).With("If-Match", etag), CancellationToken.None).ConfigureAwait(false);
                    if (deleted.Status != 204)
                    {
                        c.Recorder.Decide("4.5", "Clean-up: every record the checks created is deleted", "Leaving the sandbox as it was", ConformanceOutcome.Inconclusive,
                            deleted.Request, deleted.Summary(), $"Could not delete {id}; remove records whose externalId starts with {ConformanceOptions.ReservedPrefix} by hand.", blocking: false);
                    }
                }
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace Aether.TitanHst.Client
{
    /// <summary>Turns an error response (RFC 9457 problem, API document §8) into a typed <see cref="TitanHstApiException"/>.</summary>
    internal static class ProblemReader
    {
        internal static TitanHstApiException ToException(ApiResponse response)
        {
            var status = response.StatusCode;
            var problem = Parse(response.Body);
            var slug = problem.Type is null ? null : problem.Type.Substring(problem.Type.LastIndexOf('/') + 1);
            var kind = status switch
            {
                400 when slug == "validation" => TitanHstErrorKind.Validation,
                400 => TitanHstErrorKind.BadRequest,
                401 => TitanHstErrorKind.Unauthorized,
                403 when slug == "insufficient-scope" => TitanHstErrorKind.InsufficientScope,
                404 => TitanHstErrorKind.NotFound,
                409 => TitanHstErrorKind.Conflict,
                412 => TitanHstErrorKind.PreconditionFailed,
                415 => TitanHstErrorKind.UnsupportedMediaType,
                422 => TitanHstErrorKind.IdempotencyKeyReused,
                428 => TitanHstErrorKind.PreconditionRequired,
                429 => TitanHstErrorKind.RateLimited,
                >= 500 and < 600 => TitanHstErrorKind.VendorUnavailable,
                _ => TitanHstErrorKind.UnexpectedResponse,
            };

            var message = new StringBuilder();
            message.Append(response.Operation).Append(": TitanHST answered ").Append(status.ToString(CultureInfo.InvariantCulture));
            if (slug is not null)
            {
                message.Append(' ').Append(slug);
            }

            if (problem.Title is not null)
            {
                message.Append(": ").Append(problem.Title);
            }

            if (problem.Detail is not null)
            {
                message.Append(' ').Append(problem.Detail);
            }

            foreach (var field in problem.Errors)
            {
                message.Append(" [").Append(field.Key).Append(": ").Append(string.Join(" ", field.Value)).Append(']');
            }

            if (problem.ConflictingId is not null)
            {
                message.Append(" (held by ").Append(problem.ConflictingId).Append(')');
            }

            if (problem.CurrentVersion is { } current)
            {
                message.Append(" (current version ").Append(current.ToString(CultureInfo.InvariantCulture)).Append(')');
            }

            // A 404 outside a record lookup is a route that does not exist: most likely a wrong BaseUri or TokenUri.
            var missingRoute = status == 404 && response.State.Request.Kind != ResponseKind.Record;
            var url = TransportSecurity.WithoutUserInfo(response.State.Request.Uri);
            if (missingRoute)
            {
                message.Append(" (no such route at ").Append(url).Append("; check the TitanHST address)");
            }

            // The vendor's detail is a sentence of its own ("No staff with externalId 9."): the count follows it inside.
            while (message.Length > 0 && message[message.Length - 1] is '.' or ' ')
            {
                message.Length--;
            }

            message.Append(" (after ").Append(response.Call.Attempts.ToString(CultureInfo.InvariantCulture)).Append(" attempt(s))");
            var traceId = problem.TraceId ?? response.RequestId;
            if (traceId is not null)
            {
                message.Append("; trace ").Append(traceId);
            }

            return new TitanHstApiException(kind, message.Append('.').ToString())
            {
                Operation = response.Operation,
                StatusCode = status,
                ProblemType = slug,
                Title = problem.Title,
                Detail = problem.Detail,
                TraceId = traceId,
                FieldErrors = problem.Errors,
                RetryAfter = response.RetryAfter,
                ConflictingId = problem.ConflictingId,
                CurrentVersion = problem.CurrentVersion,
                Attempts = response.Call.Attempts,
                RequestUri = missingRoute ? url : null,
            };
        }

        private static Problem Parse(byte[] body)
        {
            var problem = new Problem();
            if (body.Length == 0)
            {
                return problem;
            }

            try
            {
                using var document = JsonDocument.Parse(body);
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    return problem;
                }

                // Shown to people, so cut to a readable length rather than refused: the error must still be reported.
                problem.Type = WireLimits.Cut(Text(root, "type"), WireLimits.ProblemText);
                problem.Title = WireLimits.Cut(Text(root, "title"), WireLimits.ProblemText);
                problem.Detail = WireLimits.Cut(Text(root, "detail"), WireLimits.ProblemText);
                problem.TraceId = WireLimits.Cut(Text(root, "traceId"), 128);
                problem.ConflictingId = WireLimits.Cut(Text(root, "conflictingId"), WireLimits.Id);
                problem.CurrentVersion = root.TryGetProperty("currentVersion", out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) ? n : null;
                if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
                {
                    problem.Errors = errors.EnumerateObject().Take(50).GroupBy(e => WireLimits.Cut(e.Name, WireLimits.SchemaName)!, StringComparer.Ordinal).ToDictionary(
                        g => g.Key,
                        g => (IReadOnlyList<string>)g.SelectMany(e => e.Value.ValueKind == JsonValueKind.Array
                            ? e.Value.EnumerateArray().Take(10).Select(m => WireLimits.Cut(m.ToString(), WireLimits.ProblemText)!)
                            : new[] { WireLimits.Cut(e.Value.ToString(), WireLimits.ProblemText)! }).ToArray(),
                        StringComparer.Ordinal);
                }
            }
            catch (JsonException)
            {
                // Not a problem body (a proxy's HTML page, say): the status alone has to do.
            }

            return problem;
        }

        private static string? Text(JsonElement root, string name) =>
            root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        private sealed class Problem
        {
            internal string? Type { get; set; }

            internal string? Title { get; set; }

            internal string? Detail { get; set; }

            internal string? TraceId { get; set; }

            internal string? ConflictingId { get; set; }

            internal int? CurrentVersion { get; set; }

            internal IReadOnlyDictionary<string, IReadOnlyList<string>> Errors { get; set; } = new Dictionary<string, IReadOnlyList<string>>(0);
        }
    }
}

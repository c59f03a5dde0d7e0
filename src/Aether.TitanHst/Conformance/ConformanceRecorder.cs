using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Aether.TitanHst.Conformance
{
    /// <summary>Turns exchanges and verdicts into results, in the order the rules ran.</summary>
    internal sealed class ConformanceRecorder
    {
        private readonly Action<ConformanceResult>? _decided;
        private readonly Func<string, string> _scrub;

        public ConformanceRecorder(Action<ConformanceResult>? decided, Func<string, string> scrub)
        {
            _decided = decided;
            _scrub = scrub;
        }

        public List<ConformanceResult> Results { get; } = new();

        /// <summary>
        /// Records a rule decided on one exchange: <paramref name="verdict"/> returns null when the rule holds, else
        /// what differs. No answer, or a verdict that throws on an unexpected shape, is Inconclusive / Fail.
        /// </summary>
        public void Check(string section, string rule, string reliedOn, ConformanceExchange exchange, Func<ConformanceExchange, string?> verdict,
            bool blocking = true)
        {
            if (exchange.Status == 0)
            {
                Add(section, rule, reliedOn, ConformanceOutcome.Inconclusive, exchange, "No answer: " + exchange.TransportError, blocking);
                return;
            }

            string? failure;
            try
            {
                failure = verdict(exchange);
            }
            catch (Exception e) when (e is InvalidOperationException or FormatException or NullReferenceException or ArgumentException or System.Text.Json.JsonException)
            {
                failure = "The answer did not have the documented shape (" + e.GetType().Name + ").";
            }

            Add(section, rule, reliedOn, failure is null ? ConformanceOutcome.Pass : ConformanceOutcome.Fail, exchange, failure ?? string.Empty, blocking);
        }

        public void Decide(string section, string rule, string reliedOn, ConformanceOutcome outcome, string request, string summary, string detail,
            bool blocking = true)
        {
            var result = new ConformanceResult(section, rule, outcome, _scrub(request), _scrub(summary), reliedOn, _scrub(detail)) { Blocking = blocking };
            Results.Add(result);
            _decided?.Invoke(result);
        }

        public void Skip(string section, string rule, string reliedOn, string why, bool blocking = true) =>
            Decide(section, rule, reliedOn, ConformanceOutcome.Skipped, string.Empty, string.Empty, why, blocking);

        private void Add(string section, string rule, string reliedOn, ConformanceOutcome outcome, ConformanceExchange exchange, string detail, bool blocking) =>
            Decide(section, rule, reliedOn, outcome, exchange.Request, exchange.Summary(), detail, blocking);
    }

    /// <summary>Verdicts shared by the rules: each returns null when the answer is as documented, else what differs.</summary>
    internal static class Expect
    {
        public static string? Problem(ConformanceExchange x, int status, string slug)
        {
            if (x.Status != status || x.Slug != slug)
            {
                return $"Expected {status} {slug}; got {x.Status}{(x.Slug is null ? string.Empty : " " + x.Slug)}.";
            }

            return ProblemShape(x);
        }

        /// <summary>RFC 9457 body as §8 describes it: problem+json, type/title/status/traceId, status and traceId consistent.</summary>
        public static string? ProblemShape(ConformanceExchange x)
        {
            try
            {
                return ProblemShapeUnguarded(x);
            }
            catch (Exception e) when (e is InvalidOperationException or FormatException or System.Text.Json.JsonException)
            {
                return "The problem's members do not have the documented types.";
            }
        }

        private static string? ProblemShapeUnguarded(ConformanceExchange x)
        {
            if (x.MediaType != "application/problem+json")
            {
                return $"Media type is {x.MediaType ?? "(none)"}, not application/problem+json.";
            }

            if (x.Json is not JsonObject body)
            {
                return "The problem body is not a JSON object.";
            }

            foreach (var member in new[] { "type", "title", "status", "traceId" })
            {
                if (body[member] is null)
                {
                    return $"The problem has no '{member}'.";
                }
            }

            if (body["status"]!.GetValue<int>() != x.Status)
            {
                return $"The problem's status {body["status"]} differs from the HTTP status {x.Status}.";
            }

            var requestId = x.Header("X-Request-Id");
            if (requestId is null)
            {
                return "No X-Request-Id header.";
            }

            return body["traceId"]!.GetValue<string>() == requestId ? null : "traceId does not repeat X-Request-Id.";
        }

        public static string? Json(ConformanceExchange x, int status)
        {
            if (x.Status != status)
            {
                return $"Expected {status}; got {x.Status}{(x.Slug is null ? string.Empty : " " + x.Slug)}.";
            }

            return x.MediaType == "application/json" ? (x.Json is null ? "The body is not JSON." : null)
                : $"Media type is {x.MediaType ?? "(none)"}, not application/json.";
        }

        public static string? First(params Func<string?>[] checks)
        {
            foreach (var check in checks)
            {
                if (check() is { } failure)
                {
                    return failure;
                }
            }

            return null;
        }

        public static string ETag(JsonNode? record) =>
            "\"" + record!["version"]!.GetValue<long>().ToString(CultureInfo.InvariantCulture) + "\"";
    }
}

using System;
using System.Globalization;
using System.Linq;

namespace Aether.TitanHst.Conformance
{
    /// <summary>Rules about every answer of the run, decided at the end: trace ids, problem bodies, media types, throttling headers.</summary>
    internal static class AcrossChecks
    {
        private static readonly string[] RateLimitHeaders = { "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset" };

        public static void Run(ConformanceContext c)
        {
            var answered = c.Http.Exchanges.Where(x => x.Status != 0).ToList();
            Decide(c, "1", "Every response carries X-Request-Id", "Quoting a request id to the vendor's support", answered.FirstOrDefault(x => x.Header("X-Request-Id") is null),
                answered.Count, "had no X-Request-Id", blocking: false);

            var problems = answered.Where(x => x.IsApi && x.Status >= 400).ToList();
            Decide(c, "8", "Every API error is application/problem+json with type <base>/<slug>, title, status (= HTTP status) and traceId (= X-Request-Id)",
                "Branching on the problem slug (conflict, stale, validation) instead of guessing from text", problems.FirstOrDefault(x => Expect.ProblemShape(x) is not null || x.Slug is null),
                problems.Count, "broke the problem format", detailOf: x => Expect.ProblemShape(x) ?? "type is not https://errors.titanhst.example/<slug>");

            var successes = answered.Where(x => x.IsApi && x.Status is >= 200 and < 300 && x.Status != 204).ToList();
            Decide(c, "1", "Every API success is application/json", "Reading answers", successes.FirstOrDefault(x => x.MediaType != "application/json"), successes.Count,
                "was not application/json");

            var throttled = answered.Where(x => x.Status == 429).ToList();
            if (throttled.Count == 0)
            {
                c.Recorder.Skip("7", "A 429 is rate-limited with Retry-After: <seconds> (an integer >= 1)", "Waiting as long as TitanHST asks instead of hammering it",
                    "No request was throttled (the suite paces itself).");
            }
            else
            {
                Decide(c, "7", "A 429 is rate-limited with Retry-After: <seconds> (an integer >= 1)", "Waiting as long as TitanHST asks instead of hammering it",
                    throttled.FirstOrDefault(x => Expect.Problem(x, 429, "rate-limited") is not null || !PositiveInteger(x.Header("Retry-After"))), throttled.Count, "lacked it");
            }

            var withRateHeaders = answered.Where(x => RateLimitHeaders.Any(h => x.Header(h) is not null)).ToList();
            if (withRateHeaders.Count == 0)
            {
                c.Recorder.Skip("7", "Rate-limit headers, when sent, are non-negative integers", "Pacing to the vendor's budget (optional: the client also paces itself)",
                    "None sent (they are optional).", blocking: false);
            }
            else
            {
                Decide(c, "7", "Rate-limit headers, when sent, are non-negative integers", "Pacing to the vendor's budget (optional: the client also paces itself)",
                    withRateHeaders.FirstOrDefault(x => RateLimitHeaders.Any(h => x.Header(h) is { } v && !NonNegativeInteger(v))), withRateHeaders.Count, "had a malformed one",
                    blocking: false);
            }
        }

        private static void Decide(ConformanceContext c, string section, string rule, string relied, ConformanceExchange? offender, int count, string what,
            bool blocking = true, Func<ConformanceExchange, string>? detailOf = null)
        {
            if (offender is null)
            {
                c.Recorder.Decide(section, rule, relied, count == 0 ? ConformanceOutcome.Skipped : ConformanceOutcome.Pass,
                    $"all {count} answers of this run", string.Empty, count == 0 ? "No answer of that kind in this run." : string.Empty, blocking);
                return;
            }

            c.Recorder.Decide(section, rule, relied, ConformanceOutcome.Fail, offender.Request, offender.Summary(),
                detailOf?.Invoke(offender) ?? $"This answer (one of {count.ToString(CultureInfo.InvariantCulture)}) {what}.", blocking);
        }

        private static bool PositiveInteger(string? value) => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1;

        private static bool NonNegativeInteger(string value) => long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _);
    }
}

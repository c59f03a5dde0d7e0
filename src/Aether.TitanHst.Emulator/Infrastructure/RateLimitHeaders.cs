using System;
using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Aether.TitanHst.Emulator.Infrastructure;

/// <summary>
/// The rate-limit headers on every /api/v1 response while a rate limit is set (docs/titanhst-api.md §7): the IETF
/// httpapi draft's <c>RateLimit-Policy</c> and <c>RateLimit</c>, and the common <c>X-RateLimit-*</c> trio, all
/// describing the same token bucket: the one of the OAuth client the request's token was issued to. Without a rate
/// limit none are sent.
/// </summary>
internal static class RateLimitHeaders
{
    private const string Policy = "default";

    public static void Add(HttpResponse response, RateLimiter limiter, string client)
    {
        var (rate, burst, tokens) = limiter.Snapshot(client);
        if (rate <= 0)
        {
            return;
        }

        // Quota per window: per second when the rate is whole, per 10 s otherwise (the draft's values are integers).
        var window = rate == Math.Floor(rate) ? 1 : 10;
        var quota = (long)Math.Round(rate * window);
        var remaining = (long)Math.Floor(tokens);
        // Seconds until the next request is allowed when none is left (as Retry-After), else until the bucket is full.
        var reset = remaining < 1
            ? Math.Max(1, (long)Math.Ceiling((1 - tokens) / rate))
            : (long)Math.Ceiling((burst - tokens) / rate);
        var headers = response.Headers;
        headers["RateLimit-Policy"] = $"\"{Policy}\";q={Text(quota)};w={Text(window)}";
        headers["RateLimit"] = $"\"{Policy}\";r={Text(remaining)};t={Text(reset)}";
        headers["X-RateLimit-Limit"] = Text(quota / window);
        headers["X-RateLimit-Remaining"] = Text(remaining);
        headers["X-RateLimit-Reset"] = Text(reset);
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}

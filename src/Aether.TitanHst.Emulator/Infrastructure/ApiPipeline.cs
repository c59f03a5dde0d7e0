using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Primitives;

namespace Aether.TitanHst.Emulator.Infrastructure;

/// <summary>
/// What happens to every request before its endpoint: request id, bearer check (401), rate limit (429), scope
/// check (403, only on the routes of docs §10), injected faults, and the statistics afterwards. Order matters:
/// 429/5xx faults answer before any work is done; "drop" runs the endpoint (so a write is applied) and then aborts
/// the connection instead of answering.
/// </summary>
internal static class ApiPipeline
{
    public static async Task InvokeAsync(HttpContext context, RequestDelegate next, EmulatorState state)
    {
        var path = context.Request.Path;
        context.Response.Headers["X-Request-Id"] = context.TraceIdentifier;
        if (path.StartsWithSegments("/_emulator"))
        {
            await ServerErrorOnThrowAsync(context, next);
            return;
        }

        var isApi = path.StartsWithSegments("/api/v1");
        var isToken = path.StartsWithSegments("/oauth/token");
        try
        {
            await ServerErrorOnThrowAsync(context, c => HandleAsync(c, next, state, isApi, isToken));
        }
        finally
        {
            if (isApi || isToken)
            {
                var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? path.Value ?? string.Empty;
                state.Stats.Record(state.Clock.GetUtcNow(), context.Request.Method, route, path.Value ?? string.Empty,
                    context.Response.StatusCode);
            }
        }
    }

    /// <summary>
    /// An emulator bug must still answer as the document says (§1, §8): a 500 server-error problem carrying
    /// X-Request-Id, not the web server's bare 500. When the answer has already started, the connection is cut.
    /// </summary>
    private static async Task ServerErrorOnThrowAsync(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (!context.RequestAborted.IsCancellationRequested && e is not OperationCanceledException)
        {
            if (context.Response.HasStarted)
            {
                context.Abort();
                return;
            }

            // Keep what the pipeline had said (request id, the caller's rate-limit state); drop what the endpoint had set.
            var kept = new List<KeyValuePair<string, StringValues>>();
            foreach (var header in context.Response.Headers)
            {
                if (header.Key.Equals("X-Request-Id", StringComparison.OrdinalIgnoreCase) || header.Key.StartsWith("RateLimit", StringComparison.OrdinalIgnoreCase)
                    || header.Key.StartsWith("X-RateLimit-", StringComparison.OrdinalIgnoreCase))
                {
                    kept.Add(header);
                }
            }

            context.Response.Clear();
            foreach (var (name, value) in kept)
            {
                context.Response.Headers[name] = value;
            }

            await Problems.Create(context, 500, "server-error", "Internal server error.", "The emulator failed: " + e.GetType().Name + ".")
                .ExecuteAsync(context);
        }
    }

    private static async Task HandleAsync(HttpContext context, RequestDelegate next, EmulatorState state, bool isApi, bool isToken)
    {
        var settings = state.Settings;
        if (isApi)
        {
            if (BearerCheck.Challenge(context, state) is { } unauthorized)
            {
                await unauthorized.ExecuteAsync(context);
                return;
            }

            // One bucket per OAuth client (docs §7): every token of that client draws on it. Every answer from here on
            // (403s and 404s included) carries the rate-limit headers.
            var token = context.Request.Headers.Authorization.ToString().Substring(7).Trim();
            var client = state.Tokens.ClientOf(token);
            var allowed = state.Limiter.TryAcquire(client, out var retryAfter);
            RateLimitHeaders.Add(context.Response, state.Limiter, client);
            if (!allowed)
            {
                state.Stats.RecordRateLimited();
                await Problems.Create(context, 429, "rate-limited", "Too many requests.", "Slow down; see Retry-After.")
                    .WithHeader("Retry-After", retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture))
                    .ExecuteAsync(context);
                return;
            }

            // Scopes guard the routes of §10 only: an unknown route or method is 404 whatever the token holds (§1).
            if (context.GetEndpoint()?.Metadata.GetMetadata<UnknownRoute>() is null
                && ScopeCheck.Forbidden(context, state, token) is { } forbidden)
            {
                await forbidden.ExecuteAsync(context);
                return;
            }
        }

        var fault = isApi || (isToken && settings.FaultToken) ? state.Faults.Next() : null;
        if (fault is not null)
        {
            state.Stats.RecordFault(fault);
        }

        switch (fault)
        {
            case "429":
                await Problems.Create(context, 429, "rate-limited", "Too many requests.", "Injected fault.")
                    .WithHeader("Retry-After", "1").ExecuteAsync(context);
                return;
            case "500":
                await Problems.Create(context, 500, "server-error", "Internal server error.", "Injected fault.").ExecuteAsync(context);
                return;
            case "502":
                await Problems.Create(context, 502, "bad-gateway", "Bad gateway.", "Injected fault.").ExecuteAsync(context);
                return;
            case "503":
                await Problems.Create(context, 503, "unavailable", "Service unavailable.", "Injected fault.")
                    .WithHeader("Retry-After", "1").ExecuteAsync(context);
                return;
            case "slow":
                await Task.Delay(settings.SlowMs, context.RequestAborted);
                break;
            case "drop":
                // Let the endpoint do its work into a buffer nobody reads, then cut the connection.
                context.Response.Body = Stream.Null;
                await next(context);
                context.Abort();
                return;
        }

        await next(context);
    }
}

/// <summary>Marks the fallback endpoint: an unknown route or method, answered 404 before any scope check.</summary>
internal sealed class UnknownRoute
{
    public static readonly UnknownRoute Marker = new();

    private UnknownRoute()
    {
    }
}

using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Aether.TitanHst.Tests.Client;

/// <summary>
/// Sits between the client and the network and records every request it sends: when, what, the answer and its
/// Retry-After, so tests measure real waits rather than trusting the client's own account.
/// </summary>
internal sealed class RecordingHandler : DelegatingHandler
{
    private static readonly Stopwatch Clock = Stopwatch.StartNew();

    public RecordingHandler()
        : base(new SocketsHttpHandler())
    {
    }

    public ConcurrentQueue<Exchange> Exchanges { get; } = new();

    /// <summary>Called after a send that threw (a dropped connection), before the exception reaches the client.</summary>
    public Func<Exchange, Task>? OnFailure { get; set; }

    /// <summary>Lets a test rewrite a response (e.g. a token's expires_in) before the client sees it.</summary>
    public Func<HttpRequestMessage, HttpResponseMessage, Task>? OnResponse { get; set; }

    public List<Exchange> Api => Exchanges.Where(e => e.Path.StartsWith("/api/", StringComparison.Ordinal)).ToList();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var exchange = new Exchange(request.Method.Method, request.RequestUri!.AbsolutePath, Clock.Elapsed)
        {
            IdempotencyKey = request.Headers.TryGetValues("Idempotency-Key", out var keys) ? keys.Single() : null,
            IfMatch = request.Headers.TryGetValues("If-Match", out var tags) ? tags.Single() : null,
        };
        Exchanges.Enqueue(exchange);
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            exchange.Status = (int)response.StatusCode;
            exchange.RetryAfter = response.Headers.RetryAfter?.Delta;
            exchange.Answered = Clock.Elapsed;
            if (OnResponse is not null)
            {
                await OnResponse(request, response);
            }

            return response;
        }
        catch (Exception e) when (e is HttpRequestException or System.IO.IOException)
        {
            exchange.Failed = true;
            exchange.Answered = Clock.Elapsed;
            if (OnFailure is not null)
            {
                await OnFailure(exchange);
            }

            throw;
        }
    }

    internal sealed class Exchange(string method, string path, TimeSpan sent)
    {
        public string Method { get; } = method;
        public string Path { get; } = path;
        public TimeSpan Sent { get; } = sent;
        public TimeSpan Answered { get; set; }
        public int Status { get; set; }
        public bool Failed { get; set; }
        public TimeSpan? RetryAfter { get; set; }
        public string? IdempotencyKey { get; init; }
        public string? IfMatch { get; init; }

        public override string ToString() => $"{Method} {Path} @{Sent.TotalMilliseconds:0}ms -> {(Failed ? "dropped" : Status.ToString())}";
    }
}

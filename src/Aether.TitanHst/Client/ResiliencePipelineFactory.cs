using System;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;
using Polly;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Retry;
using Polly.Timeout;

namespace Aether.TitanHst.Client
{
    /// <summary>
    /// Builds the Polly pipelines. Order, outermost first: retry (backoff with jitter, Retry-After honoured),
    /// circuit breaker (stop calling a vendor that keeps failing), rate limiter (each attempt takes a token),
    /// per-attempt timeout (so limiter queueing does not eat into an attempt's time).
    /// </summary>
    internal static class ResiliencePipelineFactory
    {
        private static readonly ThreadLocal<Random> Jitter = new(() => new Random(Guid.NewGuid().GetHashCode()));

        internal static ResiliencePipeline<HttpResponseMessage> CreateApiPipeline(TitanHstClientOptions options, StatisticsCounters stats, RateLimiter? limiter)
        {
            var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
            AddRetry(builder, options, stats);
            builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                FailureRatio = options.BreakerFailureRatio,
                MinimumThroughput = options.BreakerMinimumThroughput,
                SamplingDuration = options.BreakerSamplingDuration,
                BreakDuration = options.BreakerBreakDuration,
                // Vendor trouble only: a 4xx (including 429, which is TitanHST working as designed) is no outage. A
                // refused connection is not retried but is one: TitanHST gone mid-run must open the breaker, so an apply
                // pauses with its changes pending instead of failing every one left.
                ShouldHandle = args => new ValueTask<bool>(IsTransportFailure(args.Outcome.Exception) || args.Outcome.Exception is ConnectFailureException
                    || (int?)args.Outcome.Result?.StatusCode >= 500),
            });
            if (limiter is not null)
            {
                builder.AddRateLimiter(new RateLimiterStrategyOptions { RateLimiter = args => AcquireAsync(limiter, args.Context, stats) });
            }

            builder.AddTimeout(options.AttemptTimeout);
            return builder.Build();
        }

        /// <summary>The token endpoint is not rate limited and has no breaker of its own; it is retried like a GET.</summary>
        internal static ResiliencePipeline<HttpResponseMessage> CreateTokenPipeline(TitanHstClientOptions options, StatisticsCounters stats)
        {
            var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
            AddRetry(builder, options, stats);
            builder.AddTimeout(options.AttemptTimeout);
            return builder.Build();
        }

        /// <summary>A token bucket refilled every tenth of a second or so: smooth enough not to burst into a server limit.</summary>
        internal static RateLimiter? CreateLimiter(TitanHstClientOptions options)
        {
            if (options.RequestsPerSecond <= 0)
            {
                return null;
            }

            var perPeriod = Math.Max(1, (int)Math.Round(options.RequestsPerSecond / 10));
            var period = TimeSpan.FromTicks((long)(TimeSpan.TicksPerSecond * perPeriod / options.RequestsPerSecond));
            return new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = options.RateBurst > 0 ? options.RateBurst : perPeriod,
                TokensPerPeriod = perPeriod,
                ReplenishmentPeriod = period,
                QueueLimit = int.MaxValue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            });
        }

        internal static bool IsTransportFailure(Exception? e) =>
            e is HttpRequestException or IOException or TimeoutRejectedException;

        internal static TimeSpan? RetryAfter(HttpResponseMessage? response)
        {
            var header = response?.Headers.RetryAfter;
            if (header?.Delta is { } delta)
            {
                return delta;
            }

            if (header?.Date is { } date)
            {
                var wait = date - DateTimeOffset.UtcNow;
                return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            }

            return null;
        }

        private static void AddRetry(ResiliencePipelineBuilder<HttpResponseMessage> builder, TitanHstClientOptions options, StatisticsCounters stats)
        {
            if (options.MaxRetries == 0)
            {
                return;
            }

            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.MaxRetryDelay,
                ShouldHandle = args => new ValueTask<bool>(ShouldRetry(args.Outcome, args.Context, options.MaxRetryAfter)),
                DelayGenerator = args => new ValueTask<TimeSpan?>(ServerDelay(args.Outcome.Result)),
                OnRetry = args =>
                {
                    var operation = TokenProvider.Operation;
                    if (args.Context.Properties.TryGetValue(CallState.Key, out var state))
                    {
                        state.RetryDelay += args.RetryDelay;
                        operation = state.Request.Operation;
                    }

                    // Say what the client waits for, so a long Retry-After is never a silent hang.
                    var status = (int?)args.Outcome.Result?.StatusCode;
                    var reason = RetryAfter(args.Outcome.Result) is null ? TitanHstWaitReason.Backoff : TitanHstWaitReason.RetryAfter;
                    options.Waiting?.Invoke(new TitanHstWait(operation, reason, args.RetryDelay, status, args.AttemptNumber + 2));

                    stats.RetryDelay(args.RetryDelay);
                    return default;
                },
            });
        }

        private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context, TimeSpan maxRetryAfter)
        {
            context.Properties.TryGetValue(CallState.Key, out var state);
            if (state is { Request.RetrySafe: false })
            {
                return false;
            }

            if (outcome.Exception is not null)
            {
                return IsTransportFailure(outcome.Exception);
            }

            var status = (int)outcome.Result!.StatusCode;
            if (RetryAfter(outcome.Result) is { } wait && wait > maxRetryAfter)
            {
                // Waiting a day in silence is worse than failing: the caller gets the answer and how long was asked.
                if (state is not null)
                {
                    state.RetryAfterRefused = wait;
                }

                return false;
            }

            return status is 408 or 429 or 500 or 502 or 503 or 504 || (status == 409 && state is { IdempotencyKeyBusy: true });
        }

        // Retry-After is a floor: wait at least that long, plus up to 10% (at most 1 s) so that many throttled
        // callers do not all come back in the same instant. Null lets the exponential backoff decide.
        private static TimeSpan? ServerDelay(HttpResponseMessage? response)
        {
            if (RetryAfter(response) is not { } wait)
            {
                return null;
            }

            var spread = Math.Min(wait.TotalMilliseconds * 0.1, 1000) * Jitter.Value!.NextDouble();
            return wait + TimeSpan.FromMilliseconds(TimerMarginMilliseconds + spread);
        }

        // A timer counts whole ticks (1 ms here, 15.6 ms on Windows) and may end up to one tick before the wall
        // clock says it should: without this margin a "Retry-After: 1" wait measured 999 ms and met another 429.
        private const double TimerMarginMilliseconds = 20;

        private static async ValueTask<RateLimitLease> AcquireAsync(RateLimiter limiter, ResilienceContext context, StatisticsCounters stats)
        {
            var lease = limiter.AttemptAcquire(1);
            if (lease.IsAcquired)
            {
                return lease;
            }

            lease.Dispose();
            var started = Stopwatch.GetTimestamp();
            lease = await limiter.AcquireAsync(1, context.CancellationToken).ConfigureAwait(false);
            var waited = TimeSpan.FromSeconds((Stopwatch.GetTimestamp() - started) / (double)Stopwatch.Frequency);
            if (context.Properties.TryGetValue(CallState.Key, out var state))
            {
                state.ThrottleWait += waited;
            }

            stats.Throttle(waited);
            return lease;
        }
    }
}

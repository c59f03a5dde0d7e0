using System;
using System.IO;
using System.Net.Http;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;

namespace Aether.TitanHst.Client
{
    /// <summary>Turns what the pipeline throws (no response at all) into a <see cref="TitanHstApiException"/>, keeping Polly out of sight.</summary>
    internal static class Failures
    {
        internal static bool IsPipelineFailure(Exception e) =>
            e is BrokenCircuitException or TimeoutRejectedException or RateLimiterRejectedException or HttpRequestException or IOException;

        internal static TitanHstApiException FromPipelineException(Exception e, string operation, int attempts, Func<string, string> redact)
        {
            var (kind, text, circuitOpen) = e switch
            {
                BrokenCircuitException => (TitanHstErrorKind.VendorUnavailable, "TitanHST has been failing (5xx, timeouts or dropped connections), so the client stops calling it for a while (circuit open). Try again later.", true),
                TimeoutRejectedException => (TitanHstErrorKind.VendorUnavailable, "TitanHST did not answer in time.", false),
                RateLimiterRejectedException => (TitanHstErrorKind.RateLimited, "The client-side rate limiter refused the request.", false),
                _ => (TitanHstErrorKind.VendorUnavailable, "The connection to TitanHST failed: " + e.Message, false),
            };
            var retryAfter = e is BrokenCircuitException { RetryAfter: { } after } ? after : (TimeSpan?)null;
            return new TitanHstApiException(kind, redact($"{operation}: {text} ({attempts} attempt(s))"), e)
            {
                Operation = operation,
                Attempts = attempts,
                CircuitOpen = circuitOpen,
                RetryAfter = retryAfter,
            };
        }
    }
}

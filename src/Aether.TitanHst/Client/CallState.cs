using System;
using Polly;

namespace Aether.TitanHst.Client
{
    /// <summary>
    /// What happened during one call across its attempts. Travels in the Polly context so the strategies
    /// (retry, limiter) and the attempt itself add to it; attempts of one call run one after another.
    /// </summary>
    internal sealed class CallState
    {
        internal static readonly ResiliencePropertyKey<CallState> Key = new("Aether.TitanHst.Call");

        internal CallState(ApiRequest request) => Request = request;

        internal ApiRequest Request { get; }

        internal int Attempts { get; set; }

        internal int RateLimitedResponses { get; set; }

        internal TimeSpan RetryDelay { get; set; }

        internal TimeSpan ThrottleWait { get; set; }

        /// <summary>An attempt ended without a clear answer (500, timeout, dropped connection): a write may have been applied.</summary>
        internal bool MayHaveApplied { get; set; }

        /// <summary>The last attempt was a create refused because the same key is still being processed.</summary>
        internal bool IdempotencyKeyBusy { get; set; }

        internal bool TokenRenewed { get; set; }

        /// <summary>TitanHST asked for a wait (Retry-After) longer than the client accepts; the call ends with that answer.</summary>
        internal TimeSpan? RetryAfterRefused { get; set; }

        internal string? TokenUsed { get; set; }
    }
}

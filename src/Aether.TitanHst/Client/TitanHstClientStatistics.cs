using System;

namespace Aether.TitanHst.Client
{
    /// <summary>Totals over a client's life, for a run summary and benchmarks.</summary>
    public sealed class TitanHstClientStatistics
    {
        internal TitanHstClientStatistics(long calls, long attempts, long rateLimitedResponses, long serverErrors, long transportErrors, long tokenRequests, TimeSpan retryDelay, TimeSpan throttleWait)
        {
            Calls = calls;
            Attempts = attempts;
            RateLimitedResponses = rateLimitedResponses;
            ServerErrors = serverErrors;
            TransportErrors = transportErrors;
            TokenRequests = tokenRequests;
            RetryDelay = retryDelay;
            ThrottleWait = throttleWait;
        }

        public long Calls { get; }

        /// <summary>API requests sent, retries included (token requests not counted).</summary>
        public long Attempts { get; }

        /// <summary>429 responses received.</summary>
        public long RateLimitedResponses { get; }

        /// <summary>5xx responses received.</summary>
        public long ServerErrors { get; }

        /// <summary>Timeouts and dropped connections.</summary>
        public long TransportErrors { get; }

        public long TokenRequests { get; }

        public TimeSpan RetryDelay { get; }

        public TimeSpan ThrottleWait { get; }
    }
}

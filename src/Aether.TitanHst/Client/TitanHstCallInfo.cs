using System;

namespace Aether.TitanHst.Client
{
    /// <summary>How one API call went: what it was, how it ended and what it cost. The apply step audits these.</summary>
    public sealed class TitanHstCallInfo
    {
        internal TitanHstCallInfo(string operation, int? statusCode, int attempts, int rateLimitedResponses, TimeSpan retryDelay, TimeSpan throttleWait, TimeSpan elapsed, bool tokenRenewed)
        {
            Operation = operation;
            StatusCode = statusCode;
            Attempts = attempts;
            RateLimitedResponses = rateLimitedResponses;
            RetryDelay = retryDelay;
            ThrottleWait = throttleWait;
            Elapsed = elapsed;
            TokenRenewed = tokenRenewed;
        }

        /// <summary>Method and path template, e.g. "GET /api/v1/staff".</summary>
        public string Operation { get; }

        /// <summary>The final HTTP status; null when no response came (timeout, connection, open breaker).</summary>
        public int? StatusCode { get; }

        /// <summary>Requests sent: 1 when the first try answered.</summary>
        public int Attempts { get; }

        /// <summary>429 responses seen during the call.</summary>
        public int RateLimitedResponses { get; }

        /// <summary>Time spent waiting between attempts (backoff or Retry-After).</summary>
        public TimeSpan RetryDelay { get; }

        /// <summary>Time spent waiting for the client-side rate limiter.</summary>
        public TimeSpan ThrottleWait { get; }

        public TimeSpan Elapsed { get; }

        /// <summary>True when a 401 made the client fetch a new token and send again.</summary>
        public bool TokenRenewed { get; }

        /// <summary>
        /// The server's clock when it answered (the HTTP Date header, whole seconds); null when it sent none. Incremental
        /// target reads take their high-water mark from it, never from this machine's clock (docs/target-reads.md).
        /// </summary>
        public DateTimeOffset? ServerDate { get; internal set; }

        public override string ToString()
        {
            var status = StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no response";
            return $"{Operation} -> {status} in {Elapsed.TotalMilliseconds:0} ms, {Attempts} attempt(s)"
                + (RetryDelay > TimeSpan.Zero ? $", waited {RetryDelay.TotalMilliseconds:0} ms between attempts" : string.Empty)
                + (ThrottleWait > TimeSpan.FromMilliseconds(1) ? $", throttled {ThrottleWait.TotalMilliseconds:0} ms" : string.Empty)
                + (RateLimitedResponses > 0 ? $", {RateLimitedResponses} x 429" : string.Empty)
                + (TokenRenewed ? ", token renewed" : string.Empty);
        }
    }
}

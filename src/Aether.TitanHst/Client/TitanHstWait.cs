using System;
using System.Globalization;

namespace Aether.TitanHst.Client
{
    /// <summary>
    /// The client is about to wait before retrying a call, and why: TitanHST asked for it (Retry-After), or the
    /// client backs off after a failure, or the vendor's rate-limit headers say its budget is nearly spent.
    /// Carries no headers, tokens or personal data.
    /// </summary>
    public sealed class TitanHstWait
    {
        internal TitanHstWait(string operation, TitanHstWaitReason reason, TimeSpan delay, int? statusCode, int attempt)
        {
            Operation = operation;
            Reason = reason;
            Delay = delay;
            StatusCode = statusCode;
            Attempt = attempt;
        }

        /// <summary>Method and path template, e.g. "GET /api/v1/staff".</summary>
        public string Operation { get; }

        public TitanHstWaitReason Reason { get; }

        public TimeSpan Delay { get; }

        /// <summary>The status that made the client wait; null after a timeout or a dropped connection, or for a rate-limit pause.</summary>
        public int? StatusCode { get; }

        /// <summary>The attempt that will follow the wait (2 for the first retry); 0 for a pause before a first attempt.</summary>
        public int Attempt { get; }

        /// <summary>E.g. "TitanHST asked to wait 30 s (429) before retrying GET /api/v1/staff".</summary>
        public override string ToString()
        {
            var seconds = Delay.TotalSeconds >= 10 ? Delay.TotalSeconds.ToString("0", CultureInfo.InvariantCulture) : Delay.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
            var status = StatusCode is { } s ? $" ({s.ToString(CultureInfo.InvariantCulture)})" : string.Empty;
            return Reason switch
            {
                TitanHstWaitReason.RetryAfter => $"TitanHST asked to wait {seconds} s{status} before retrying {Operation}",
                TitanHstWaitReason.RateLimitBudget => $"TitanHST's rate-limit budget is nearly spent; pausing {seconds} s before {Operation}",
                _ => $"Waiting {seconds} s{(StatusCode is null ? " (no answer)" : status)} before retrying {Operation} (attempt {Attempt.ToString(CultureInfo.InvariantCulture)})",
            };
        }
    }

    /// <summary>Why the client waits.</summary>
    public enum TitanHstWaitReason
    {
        /// <summary>Exponential backoff with jitter after a failure that did not say how long to wait.</summary>
        Backoff,

        /// <summary>TitanHST's Retry-After header.</summary>
        RetryAfter,

        /// <summary>The vendor's RateLimit / X-RateLimit headers say the budget is (nearly) spent until the window resets.</summary>
        RateLimitBudget,
    }
}

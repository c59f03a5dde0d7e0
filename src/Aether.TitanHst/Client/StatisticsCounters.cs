using System;
using System.Threading;

namespace Aether.TitanHst.Client
{
    /// <summary>Thread-safe running totals behind <see cref="TitanHstClientStatistics"/>.</summary>
    internal sealed class StatisticsCounters
    {
        private long _calls;
        private long _attempts;
        private long _rateLimited;
        private long _serverErrors;
        private long _transportErrors;
        private long _tokenRequests;
        private long _retryDelayTicks;
        private long _throttleTicks;

        internal void Call() => Interlocked.Increment(ref _calls);

        internal void Attempt() => Interlocked.Increment(ref _attempts);

        internal void RateLimited() => Interlocked.Increment(ref _rateLimited);

        internal void ServerError() => Interlocked.Increment(ref _serverErrors);

        internal void TransportError() => Interlocked.Increment(ref _transportErrors);

        internal void TokenRequest() => Interlocked.Increment(ref _tokenRequests);

        internal void RetryDelay(TimeSpan delay) => Interlocked.Add(ref _retryDelayTicks, delay.Ticks);

        internal void Throttle(TimeSpan wait) => Interlocked.Add(ref _throttleTicks, wait.Ticks);

        internal TitanHstClientStatistics Snapshot() => new(
            Interlocked.Read(ref _calls),
            Interlocked.Read(ref _attempts),
            Interlocked.Read(ref _rateLimited),
            Interlocked.Read(ref _serverErrors),
            Interlocked.Read(ref _transportErrors),
            Interlocked.Read(ref _tokenRequests),
            TimeSpan.FromTicks(Interlocked.Read(ref _retryDelayTicks)),
            TimeSpan.FromTicks(Interlocked.Read(ref _throttleTicks)));
    }
}

using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace Aether.TitanHst.Emulator;

/// <summary>
/// Token buckets, one per OAuth client (docs/titanhst-api.md §7): <c>rate</c> tokens a second, holding at most
/// <c>burst</c>. Every token a client was issued draws on that client's bucket, so a district's read-only client
/// and its write client never starve each other. Rate 0 lets everything through.
/// </summary>
internal sealed class RateLimiter
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private double _rate;
    private double _burst;

    /// <summary>Sets rate and burst and refills every bucket (a settings change restarts them).</summary>
    public void Configure(double rate, double burst)
    {
        lock (_gate)
        {
            _rate = rate;
            _burst = burst > 0 ? burst : Math.Max(1, rate);
            _buckets.Clear();
        }
    }

    /// <summary>The client's bucket as it stands now: rate (0 = unlimited), size and tokens left; for the rate-limit headers.</summary>
    public (double Rate, double Burst, double Tokens) Snapshot(string client)
    {
        lock (_gate)
        {
            if (_rate <= 0 || !_buckets.TryGetValue(client, out var bucket))
            {
                return (_rate, _burst, _burst);
            }

            var now = Stopwatch.GetTimestamp();
            return (_rate, _burst, Math.Min(_burst, bucket.Tokens + (Stopwatch.GetElapsedTime(bucket.Last, now).TotalSeconds * _rate)));
        }
    }

    /// <summary>Takes one token from the client's bucket, or says how many whole seconds (at least 1) until one is available.</summary>
    public bool TryAcquire(string client, out int retryAfterSeconds)
    {
        retryAfterSeconds = 0;
        lock (_gate)
        {
            if (_rate <= 0)
            {
                return true;
            }

            var now = Stopwatch.GetTimestamp();
            if (!_buckets.TryGetValue(client, out var bucket))
            {
                _buckets[client] = bucket = new Bucket { Tokens = _burst, Last = now };
            }

            bucket.Tokens = Math.Min(_burst, bucket.Tokens + (Stopwatch.GetElapsedTime(bucket.Last, now).TotalSeconds * _rate));
            bucket.Last = now;
            if (bucket.Tokens >= 1)
            {
                bucket.Tokens -= 1;
                return true;
            }

            retryAfterSeconds = Math.Max(1, (int)Math.Ceiling((1 - bucket.Tokens) / _rate));
            return false;
        }
    }

    private sealed class Bucket
    {
        public double Tokens { get; set; }
        public long Last { get; set; }
    }
}

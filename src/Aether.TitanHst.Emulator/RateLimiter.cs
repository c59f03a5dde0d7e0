using System;
using System.Diagnostics;

namespace Aether.TitanHst.Emulator;

/// <summary>A token bucket: <c>rate</c> tokens a second, holding at most <c>burst</c>. Rate 0 lets everything through.</summary>
internal sealed class RateLimiter
{
    private readonly object _gate = new();
    private double _rate;
    private double _burst;
    private double _tokens;
    private long _last = Stopwatch.GetTimestamp();

    public void Configure(double rate, double burst)
    {
        lock (_gate)
        {
            _rate = rate;
            _burst = burst > 0 ? burst : Math.Max(1, rate);
            _tokens = _burst;
            _last = Stopwatch.GetTimestamp();
        }
    }

    /// <summary>The bucket as it stands now: rate (0 = unlimited), size and tokens left; for the rate-limit headers.</summary>
    public (double Rate, double Burst, double Tokens) Snapshot()
    {
        lock (_gate)
        {
            var now = Stopwatch.GetTimestamp();
            var tokens = _rate <= 0 ? _burst : Math.Min(_burst, _tokens + (Stopwatch.GetElapsedTime(_last, now).TotalSeconds * _rate));
            return (_rate, _burst, tokens);
        }
    }

    /// <summary>Takes one token, or says how many whole seconds (at least 1) until one is available.</summary>
    public bool TryAcquire(out int retryAfterSeconds)
    {
        retryAfterSeconds = 0;
        lock (_gate)
        {
            if (_rate <= 0)
            {
                return true;
            }

            var now = Stopwatch.GetTimestamp();
            _tokens = Math.Min(_burst, _tokens + (Stopwatch.GetElapsedTime(_last, now).TotalSeconds * _rate));
            _last = now;
            if (_tokens >= 1)
            {
                _tokens -= 1;
                return true;
            }

            retryAfterSeconds = Math.Max(1, (int)Math.Ceiling((1 - _tokens) / _rate));
            return false;
        }
    }
}

using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Aether.TitanHst.Client
{
    /// <summary>
    /// What the vendor's rate-limit response headers say, and the pacing that follows from it, on top of the
    /// client's own limiter. Understood: the IETF httpapi draft (<c>RateLimit-Policy: "p";q=10;w=1</c> and
    /// <c>RateLimit: "p";r=7;t=1</c>, and the older <c>RateLimit: limit=10, remaining=7, reset=1</c> /
    /// <c>RateLimit-Limit</c>/<c>-Remaining</c>/<c>-Reset</c>), and the common <c>X-RateLimit-Limit</c>/<c>-Remaining</c>/<c>-Reset</c>.
    /// Rules: never send past the remaining budget (wait for the reset when it is spent); when the vendor's
    /// sustained rate (quota / window) is below the client's, send no faster than the vendor's; when less than a
    /// tenth of the budget remains, slow down a little so in-flight requests do not overdraw it.
    /// </summary>
    internal sealed class ServerRateLimit
    {
        private const double LowShare = 0.1;
        private const double LowSlowdown = 1.05;

        // Waiting for exactly one refill interval races the vendor's bucket (its clock and ours, the network): a
        // spent budget waits a fifth longer, which costs little since it only happens at the limit.
        private const double RefillMargin = 1.2;

        private static readonly char[] Separators = { ';', ',' };
        private static readonly char[] EqualsSign = { '=' };

        private readonly object _gate = new();
        private readonly double _clientRate;
        private double _quota;
        private double _window;
        private double _remaining = double.NaN;
        private long _resetAt;
        private long _nextSlot;
        private int _inFlight;

        private readonly TimeSpan _maxPause;
        private readonly Func<long> _clock;

        /// <param name="clientRequestsPerSecond">The client's own limit (0 = none): no pacing is added below it.</param>
        /// <param name="maxPause">The longest pause the headers may cause (MaxRetryAfter): a vendor announcing a day-long
        /// reset gets a request that then meets its 429 and fails clearly, rather than a silent day.</param>
        internal ServerRateLimit(double clientRequestsPerSecond, TimeSpan maxPause)
            : this(clientRequestsPerSecond, maxPause, Stopwatch.GetTimestamp)
        {
        }

        /// <param name="clientRequestsPerSecond">As above.</param>
        /// <param name="maxPause">As above.</param>
        /// <param name="clock">The time in <see cref="Stopwatch"/> ticks: a test's own clock, so what it asserts does not
        /// depend on how long its thread was held between two calls.</param>
        internal ServerRateLimit(double clientRequestsPerSecond, TimeSpan maxPause, Func<long> clock)
        {
            _clientRate = clientRequestsPerSecond;
            _maxPause = maxPause;
            _clock = clock;
        }

        /// <summary>The vendor's sustained rate from its policy, requests per second; NaN until a header said so.</summary>
        internal double VendorRate
        {
            get
            {
                lock (_gate)
                {
                    return _quota > 0 && _window > 0 ? _quota / _window : double.NaN;
                }
            }
        }

        /// <summary>
        /// Ends a request <see cref="Reserve"/> started and reads the headers of its response (any status: a 429 carries
        /// them too); null when no response came. The budget a response reports does not yet count the requests still
        /// in flight, which were sent after it was counted: they are taken off, so concurrent workers never overdraw it.
        /// </summary>
        internal void Observe(HttpResponseMessage? response)
        {
            var now = _clock();
            var (quota, window, remaining, reset) = response is null ? (null, null, null, null) : Parse(response);
            lock (_gate)
            {
                _inFlight = Math.Max(0, _inFlight - 1);
                if (quota is null && remaining is null)
                {
                    return;
                }

                if (quota is { } q && q > 0)
                {
                    _quota = q;
                    _window = window is { } w && w > 0 ? w : (_window > 0 ? _window : 1);
                }

                if (remaining is { } r)
                {
                    _remaining = Math.Max(0, r - _inFlight);
                    _resetAt = now + Ticks(reset ?? _window);
                }
            }
        }

        /// <summary>How long to hold the next request back; reserves its place, so concurrent callers queue in order.</summary>
        internal TimeSpan Reserve()
        {
            var now = _clock();
            lock (_gate)
            {
                _inFlight++;
                long start = now;
                if (!double.IsNaN(_remaining) && now < _resetAt)
                {
                    if (_remaining < 1)
                    {
                        // Spent: nothing more until the window resets, or until the vendor's sustained rate allows the
                        // next request when that comes sooner (a token bucket refills continuously; reset is whole seconds).
                        var until = _resetAt;
                        if (_quota > 0 && _window > 0)
                        {
                            until = Math.Min(until, now + Ticks(_window / _quota * RefillMargin));
                        }

                        start = Math.Max(start, until);
                        _remaining = double.NaN;
                    }
                    else
                    {
                        _remaining -= 1;
                    }
                }

                var interval = Interval(now);
                if (interval > 0)
                {
                    start = Math.Max(start, _nextSlot);
                    _nextSlot = start + interval;
                }

                var pause = TimeSpan.FromSeconds((start - now) / (double)Stopwatch.Frequency);
                return pause > _maxPause ? _maxPause : pause;
            }
        }

        internal static async Task PauseAsync(TimeSpan wait, CancellationToken cancellationToken)
        {
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>(quota, window seconds, remaining, seconds to reset) from whichever headers are present.</summary>
        internal static (double? Quota, double? Window, double? Remaining, double? Reset) Parse(HttpResponseMessage response)
        {
            double? quota = null, window = null, remaining = null, reset = null;
            if (Header(response, "RateLimit-Policy") is { } policy)
            {
                quota = Param(policy, "q");
                window = Param(policy, "w");
            }

            if (Header(response, "RateLimit") is { } limit)
            {
                remaining = Param(limit, "r") ?? Param(limit, "remaining");
                reset = Param(limit, "t") ?? Param(limit, "reset");
                quota ??= Param(limit, "limit");
            }

            quota ??= Number(Header(response, "RateLimit-Limit")) ?? Number(Header(response, "X-RateLimit-Limit"));
            remaining ??= Number(Header(response, "RateLimit-Remaining")) ?? Number(Header(response, "X-RateLimit-Remaining"));
            reset ??= Number(Header(response, "RateLimit-Reset")) ?? Number(Header(response, "X-RateLimit-Reset"));

            // X-RateLimit-Reset is sometimes an epoch time rather than a delay.
            if (reset is { } r && r > 1_000_000_000)
            {
                reset = Math.Max(0, r - DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            }

            // Without a window the limit is read as per second, the unit TitanHST documents (API §7).
            if (quota is not null && window is null && Header(response, "RateLimit-Policy") is null)
            {
                window = 1;
            }

            return (quota, window, remaining, reset is { } s ? Math.Min(s, 3600) : null);
        }

        private static long Ticks(double seconds) => (long)(Math.Max(0, seconds) * Stopwatch.Frequency);

        // The spacing between requests the vendor's policy asks for, 0 when the client's own limiter is already slower.
        private long Interval(long now)
        {
            if (!(_quota > 0 && _window > 0))
            {
                return 0;
            }

            var vendorRate = _quota / _window;
            var low = !double.IsNaN(_remaining) && now < _resetAt && _remaining < _quota * LowShare;
            var rate = low ? vendorRate / LowSlowdown : vendorRate;
            if (_clientRate > 0 && _clientRate <= rate)
            {
                return 0;
            }

            return (long)(Stopwatch.Frequency / rate);
        }

        private static string? Header(HttpResponseMessage response, string name) =>
            response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

        private static double? Number(string? text) =>
            text is not null && double.TryParse(text.Split(',')[0].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= 0 ? n : null;

        // A parameter of a structured-field item or a "key=value, key=value" list: ";q=10", "remaining=7".
        private static double? Param(string value, string name)
        {
            foreach (var part in value.Split(Separators))
            {
                var pair = part.Split(EqualsSign, 2);
                if (pair.Length == 2 && string.Equals(pair[0].Trim(), name, StringComparison.OrdinalIgnoreCase))
                {
                    return Number(pair[1].Trim().Trim('"'));
                }
            }

            return null;
        }
    }
}

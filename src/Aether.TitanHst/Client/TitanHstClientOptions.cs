using System;
using System.Net.Http;

namespace Aether.TitanHst.Client
{
    /// <summary>
    /// How to reach TitanHST and how hard to try. Defaults follow the API document: 10 requests/second
    /// sustained, retries with backoff that honour Retry-After, a breaker for a vendor outage.
    /// </summary>
    public sealed class TitanHstClientOptions
    {
        /// <summary>The origin (and optional path prefix) of TitanHST; the API is at {BaseUri}/api/v1.</summary>
        public Uri? BaseUri { get; set; }

        /// <summary>The OAuth token endpoint; {BaseUri}/oauth/token when not set.</summary>
        public Uri? TokenUri { get; set; }

        public string ClientId { get; set; } = string.Empty;

        /// <summary>
        /// The OAuth scopes to ask for (space-separated, <see cref="TitanHstScopes"/>); null asks for none and gets
        /// whatever the client holds. A client made for reading asks for <see cref="TitanHstScopes.Read"/>, one made
        /// for an apply for <see cref="TitanHstScopes.Write"/>: no token serves both.
        /// </summary>
        public string? Scope { get; set; }

        /// <summary>
        /// Supplies the client secret when a token is requested. A provider rather than a string so the caller
        /// may keep the secret protected (a PSCredential) and the options object never holds it in a property.
        /// </summary>
        public Func<string>? ClientSecretProvider { get; set; }

        /// <summary>Client-side limit, requests per second; 0 turns the limiter off.</summary>
        public double RequestsPerSecond { get; set; } = 10;

        /// <summary>Requests that may go at once after a quiet spell; 0 means a tenth of a second's worth (at least 1).</summary>
        public int RateBurst { get; set; }

        /// <summary>Retries after the first attempt for transient failures (429, 5xx, timeouts, dropped connections).</summary>
        public int MaxRetries { get; set; } = 5;

        /// <summary>The first backoff delay; it doubles with each retry, with jitter. Retry-After overrides it.</summary>
        public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

        /// <summary>The longest computed backoff delay (a server's Retry-After is honoured even when longer).</summary>
        public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>
        /// The longest Retry-After the client honours by waiting. A longer one (a vendor saying "come back tomorrow")
        /// fails the call at once with <see cref="TitanHstErrorKind.RetryAfterTooLong"/> instead of sleeping silently.
        /// </summary>
        public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(120);

        /// <summary>
        /// Adapt to the vendor's rate-limit response headers when it sends them (RateLimit-Policy / RateLimit of the
        /// IETF httpapi draft, X-RateLimit-Limit / -Remaining / -Reset): never send past the remaining budget, and
        /// spread the last of it over the rest of the window.
        /// </summary>
        public bool UseRateLimitHeaders { get; set; } = true;

        /// <summary>The largest response body read per kind of call.</summary>
        public TitanHstResponseLimits ResponseLimits { get; set; } = new();

        /// <summary>
        /// Time allowed to open a connection (TCP and TLS). An address that never answers (a firewall dropping
        /// packets) fails after this, once, naming the URL, instead of using up every attempt's timeout. Applied
        /// where the runtime offers it (PowerShell 7); Windows PowerShell keeps the system's own connect timeout.
        /// </summary>
        public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>Time allowed for one attempt, response body included.</summary>
        public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>Share of failed attempts (5xx, timeouts, connection errors) within the sampling window that opens the breaker.</summary>
        public double BreakerFailureRatio { get; set; } = 0.5;

        /// <summary>
        /// How many empty listing pages in a row end a listing as a vendor fault (each with a new cursor: a repeated
        /// one ends it at once). Generous: a vendor that filters over a window of one page's size returns one empty
        /// page per 1,000 records skipped, so the default allows 10 million in a row. Tests lower it.
        /// </summary>
        internal int MaxEmptyPagesInARow { get; set; } = 10_000;

        /// <summary>Attempts the window must hold before the breaker may open.</summary>
        public int BreakerMinimumThroughput { get; set; } = 10;

        public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>How long an open breaker fails calls at once before letting one through to test the vendor.</summary>
        public TimeSpan BreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>Records per list page, 1..1000.</summary>
        public int PageSize { get; set; } = 1000;

        /// <summary>For tests: the handler to send through. The client does not dispose it.</summary>
        public HttpMessageHandler? HttpMessageHandler { get; set; }

        /// <summary>
        /// Called after every API call with its outcome and statistics, on whatever thread finished the call.
        /// Carries no headers, tokens or secrets.
        /// </summary>
        public Action<TitanHstCallInfo>? CallCompleted { get; set; }

        /// <summary>
        /// Called before the client waits to retry a call or pauses for the vendor's rate-limit budget, on whatever
        /// thread is waiting, so a long wait is never silent. Carries no headers, tokens or secrets.
        /// </summary>
        public Action<TitanHstWait>? Waiting { get; set; }

        internal Uri ApiRoot => new(Origin, "api/v1/");

        internal Uri EffectiveTokenUri => TokenUri ?? new Uri(Origin, "oauth/token");

        // The base with a trailing slash, so relative paths append rather than replace its last segment.
        private Uri Origin
        {
            get
            {
                var text = BaseUri!.GetLeftPart(UriPartial.Path).TrimEnd('/');
                if (text.EndsWith("/api/v1", StringComparison.OrdinalIgnoreCase))
                {
                    text = text.Substring(0, text.Length - "/api/v1".Length);
                }

                return new Uri(text + "/");
            }
        }

        /// <summary>Throws <see cref="ArgumentException"/> naming the first setting that cannot work.</summary>
        public void Validate()
        {
            if (BaseUri is null || !BaseUri.IsAbsoluteUri)
            {
                throw new ArgumentException("BaseUri must be an absolute https:// URI.", nameof(BaseUri));
            }

            TransportSecurity.EnsureNoCredentials(BaseUri, nameof(BaseUri));
            TransportSecurity.EnsureNoCredentials(EffectiveTokenUri, nameof(TokenUri));
            TransportSecurity.EnsureAllowed(BaseUri, nameof(BaseUri));
            TransportSecurity.EnsureAllowed(EffectiveTokenUri, nameof(TokenUri));
            if (string.IsNullOrWhiteSpace(ClientId))
            {
                throw new ArgumentException("ClientId is required.", nameof(ClientId));
            }

            if (ClientSecretProvider is null)
            {
                throw new ArgumentException("ClientSecretProvider is required.", nameof(ClientSecretProvider));
            }

            Require(RequestsPerSecond >= 0 && !double.IsNaN(RequestsPerSecond) && !double.IsInfinity(RequestsPerSecond), nameof(RequestsPerSecond), "must be 0 (off) or a positive number");
            Require(RateBurst >= 0, nameof(RateBurst), "must be 0 (automatic) or positive");
            Require(MaxRetries is >= 0 and <= 100, nameof(MaxRetries), "must be between 0 and 100");
            Require(RetryBaseDelay > TimeSpan.Zero, nameof(RetryBaseDelay), "must be positive");
            Require(MaxRetryDelay >= RetryBaseDelay, nameof(MaxRetryDelay), "must be at least RetryBaseDelay");
            Require(AttemptTimeout > TimeSpan.Zero, nameof(AttemptTimeout), "must be positive");
            Require(ConnectTimeout > TimeSpan.Zero, nameof(ConnectTimeout), "must be positive");
            Require(BreakerFailureRatio is > 0 and <= 1, nameof(BreakerFailureRatio), "must be above 0 and at most 1");
            Require(BreakerMinimumThroughput >= 2, nameof(BreakerMinimumThroughput), "must be at least 2");
            Require(BreakerSamplingDuration >= TimeSpan.FromMilliseconds(500), nameof(BreakerSamplingDuration), "must be at least 500 ms");
            Require(BreakerBreakDuration >= TimeSpan.FromMilliseconds(500), nameof(BreakerBreakDuration), "must be at least 500 ms");
            Require(PageSize is >= 1 and <= 1000, nameof(PageSize), "must be between 1 and 1000");
            Require(MaxRetryAfter >= TimeSpan.Zero, nameof(MaxRetryAfter), "must not be negative");
            Require(ResponseLimits is not null, nameof(ResponseLimits), "must be set");
            ResponseLimits!.Validate();
        }

        private static void Require(bool condition, string name, string rule)
        {
            if (!condition)
            {
                throw new ArgumentException($"{name} {rule}.", name);
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace Aether.TitanHst.Conformance
{
    /// <summary>
    /// The suite's own small HTTP client. It is deliberately not the connector's client: that one retries, renews
    /// tokens and validates answers, which would hide exactly the behaviour the suite must see. It paces requests,
    /// waits out a 429/503 with Retry-After (recording the throttled answer too), keeps every exchange for the
    /// rules that look across all of them, and never stores the token or the secret.
    /// </summary>
    internal sealed class ConformanceHttp : IDisposable
    {
        private readonly HttpClient _http;
        private readonly ConformanceTarget _target;
        private readonly ConformanceOptions _options;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private TimeSpan _last = TimeSpan.MinValue;
        private string? _token;

        public ConformanceHttp(ConformanceTarget target, ConformanceOptions options)
        {
            _target = target;
            _options = options;
            _http = target.Handler is { } handler
                ? new HttpClient(handler, disposeHandler: false)
                : new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
            _http.Timeout = options.RequestTimeout;
            _http.DefaultRequestHeaders.UserAgent.ParseAdd("Aether.TitanHst-Conformance/" + (typeof(ConformanceHttp).Assembly.GetName().Version?.ToString(3) ?? "0"));
        }

        public string ClientId => _target.ClientId;

        /// <summary>The secret, read from its provider each time it is needed; never stored in an exchange.</summary>
        public string Secret() => _target.ClientSecret();

        /// <summary>Every exchange in order, for the rules that look across all answers.</summary>
        public List<ConformanceExchange> Exchanges { get; } = new();

        /// <summary>Write requests (POST/PATCH/PUT/DELETE under /api/v1) sent so far.</summary>
        public int WritesSent => Exchanges.Count(e => e.IsWrite);

        /// <summary>The secret and the token, for scrubbing any text that came from the server.</summary>
        public string Scrub(string text)
        {
            var secret = _target.ClientSecret();
            if (secret.Length >= 4)
            {
                text = text.Replace(secret, "[secret]");
            }

            if (_token is { Length: > 0 } token)
            {
                text = text.Replace(token, "[token]");
            }

            return text;
        }

        /// <summary>A token from the client credentials, or null (the token rules say why).</summary>
        public async Task<string?> TokenAsync(CancellationToken cancellationToken)
        {
            if (_token is null)
            {
                var exchange = await SendAsync(TokenRequest(_target.ClientId, _target.ClientSecret(), "client_credentials", "form"), cancellationToken).ConfigureAwait(false);
                _token = exchange.Status == 200 && exchange.Json?["access_token"] is JsonValue v && v.TryGetValue<string>(out var t) ? t : null;
            }

            return _token;
        }

        /// <summary>A token request: credentials in the form or as HTTP Basic (docs §2); the secret is never shown.</summary>
        public ConformanceRequest TokenRequest(string clientId, string secret, string? grantType, string style)
        {
            var path = _target.TokenUri.IsAbsoluteUri ? _target.TokenUri.PathAndQuery : _target.TokenUri.ToString();
            var form = new List<string>();
            if (grantType is not null)
            {
                form.Add("grant_type=" + Uri.EscapeDataString(grantType));
            }

            var request = new ConformanceRequest("POST", path) { Bearer = false, ContentType = "application/x-www-form-urlencoded" };
            if (style == "basic")
            {
                var pair = Uri.EscapeDataString(clientId) + ":" + Uri.EscapeDataString(secret);
                request.Authorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(pair));
                request.AuthorizationShown = "Basic [client credentials]";
            }
            else if (style == "form")
            {
                form.Add("client_id=" + Uri.EscapeDataString(clientId));
                form.Add("client_secret=" + Uri.EscapeDataString(secret));
            }

            request.Body = Encoding.UTF8.GetBytes(string.Join("&", form));
            request.Display = $"POST {path} (grant_type={grantType ?? "(none)"}, credentials: {style})";
            return request;
        }

        public async Task<ConformanceExchange> SendAsync(ConformanceRequest request, CancellationToken cancellationToken)
        {
            for (var attempt = 0; ; attempt++)
            {
                var exchange = await SendOnceAsync(request, cancellationToken).ConfigureAwait(false);
                Exchanges.Add(exchange);
                var throttled = exchange.Status is 429 or 503
                    && int.TryParse(exchange.Header("Retry-After"), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                    && seconds >= 1;
                if (!throttled || request.ExpectThrottle || attempt >= 3)
                {
                    return exchange;
                }

                await Task.Delay(TimeSpan.FromSeconds(Math.Min(int.Parse(exchange.Header("Retry-After")!, CultureInfo.InvariantCulture), 30)), cancellationToken).ConfigureAwait(false);
            }
        }

        private async Task<ConformanceExchange> SendOnceAsync(ConformanceRequest request, CancellationToken cancellationToken)
        {
            await PaceAsync(cancellationToken).ConfigureAwait(false);
            var isApi = request.Path.StartsWith("/api/v1", StringComparison.Ordinal);
            var isWrite = isApi && request.Method != "GET" && request.Method != "HEAD";
            var shown = request.Display ?? $"{request.Method} {request.Path}";
            var headersShown = request.Headers.Where(h => h.Key != "Idempotency-Key" || h.Value.Any(c => c > '~'))
                .Select(h => $"{h.Key}: {h.Value}").ToList();
            if (request.Body is not null && request.ContentType is not null && request.Display is null)
            {
                headersShown.Add("Content-Type: " + request.ContentType);
            }

            if (request.AuthorizationShown is not null)
            {
                headersShown.Add("Authorization: " + request.AuthorizationShown);
            }

            var exchange = new ConformanceExchange(request.Method, request.Path,
                headersShown.Count == 0 ? shown : shown + " [" + string.Join("; ", headersShown) + "]", isWrite);
            using var message = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(_target.BaseUri, request.Path));
            if (request.Bearer && _token is not null)
            {
                message.Headers.TryAddWithoutValidation("Authorization", "Bearer " + _token);
            }
            else if (request.Authorization is not null)
            {
                message.Headers.TryAddWithoutValidation("Authorization", request.Authorization);
            }

            foreach (var header in request.Headers)
            {
                message.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            if (request.Body is not null)
            {
                message.Content = new ByteArrayContent(request.Body);
                if (request.ContentType is not null)
                {
                    message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
                }
            }

            try
            {
                using var response = await _http.SendAsync(message, cancellationToken).ConfigureAwait(false);
                exchange.Status = (int)response.StatusCode;
                foreach (var header in response.Headers.Concat(response.Content.Headers))
                {
                    exchange.Headers[header.Key] = string.Join(", ", header.Value);
                }

                exchange.MediaType = response.Content.Headers.ContentType?.MediaType;
                exchange.Body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            }
            catch (HttpRequestException e)
            {
                exchange.TransportError = Scrub(e.Message);
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                exchange.TransportError = $"no answer within {_options.RequestTimeout.TotalSeconds:0} s";
            }

            return exchange;
        }

        private async Task PaceAsync(CancellationToken cancellationToken)
        {
            if (_last != TimeSpan.MinValue)
            {
                var wait = _last + _options.MinimumInterval - _clock.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                }
            }

            _last = _clock.Elapsed;
        }

        public void Dispose() => _http.Dispose();
    }
}

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Polly;

namespace Aether.TitanHst.Client
{
    /// <summary>
    /// OAuth 2.0 client credentials (RFC 6749 §4.4): fetches a bearer token, renews it shortly before it expires,
    /// and on demand after a 401. The token and the secret stay inside this class and are scrubbed from any
    /// text the client shows (<see cref="Redact"/>).
    /// </summary>
    internal sealed class TokenProvider : IDisposable
    {
        internal const string Operation = "POST /oauth/token";

        private readonly HttpClient _http;
        private readonly Uri _tokenUri;
        private readonly string _clientId;
        private readonly string? _scope;
        private readonly Func<string> _secret;
        private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
        private readonly StatisticsCounters _stats;
        private readonly SemaphoreSlim _gate = new(1, 1);
        private readonly int _bodyCap;
        private volatile Token? _current;

        private readonly TimeSpan _maxRetryAfter;

        internal TokenProvider(HttpClient http, TitanHstClientOptions options, ResiliencePipeline<HttpResponseMessage> pipeline, StatisticsCounters stats)
        {
            _http = http;
            _tokenUri = options.EffectiveTokenUri;
            _clientId = options.ClientId;
            _scope = options.Scope;
            _secret = options.ClientSecretProvider!;
            _pipeline = pipeline;
            _stats = stats;
            _bodyCap = options.ResponseLimits.Token;
            _maxRetryAfter = options.MaxRetryAfter;
            Redactor = new CredentialRedactor(_clientId, _secret);
        }

        /// <summary>Knows every form of this client's secret and tokens; every text the client shows passes through it.</summary>
        internal CredentialRedactor Redactor { get; }

        /// <summary>A valid token, fetched when there is none or the current one is about to expire.</summary>
        internal async Task<string> GetAsync(CancellationToken cancellationToken)
        {
            var current = _current;
            if (current is not null && !current.IsDue)
            {
                return current.Value;
            }

            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                current = _current;
                if (current is null || current.IsDue)
                {
                    current = await FetchAsync(cancellationToken).ConfigureAwait(false);
                    _current = current;
                }

                return current.Value;
            }
            finally
            {
                _gate.Release();
            }
        }

        /// <summary>After a 401: forget the token that was refused, unless another call has already replaced it.</summary>
        internal void Invalidate(string? refused)
        {
            var current = _current;
            if (current is not null && string.Equals(current.Value, refused, StringComparison.Ordinal))
            {
                _current = null;
            }
        }

        /// <summary>Removes the access token and the client secret from text meant for people (messages, logs).</summary>
        internal string Redact(string? text) => Redactor.Redact(text);

        public void Dispose() => _gate.Dispose();

        private async Task<Token> FetchAsync(CancellationToken cancellationToken)
        {
            _stats.TokenRequest();
            var attempts = 0;
            HttpResponseMessage response;
            try
            {
                response = await _pipeline.ExecuteAsync(
                    async ct =>
                    {
                        attempts++;
                        using var request = BuildRequest();
                        HttpResponseMessage answer;
                        try
                        {
                            answer = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
                        }
                        catch (HttpRequestException e) when (Failures.IsConnectFailure(e))
                        {
                            throw new ConnectFailureException(e); // a wrong address or certificate: not retried
                        }
                        catch (OperationCanceledException e) when (!ct.IsCancellationRequested && e.InnerException is TimeoutException)
                        {
                            throw new ConnectFailureException(e); // the connect timeout: nothing answers there
                        }

                        await BoundedBody.BufferAsync(answer, _bodyCap, ct).ConfigureAwait(false);
                        return answer;
                    },
                    cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (Failures.IsPipelineFailure(e))
            {
                throw Failures.FromPipelineException(e, Operation, attempts, _tokenUri);
            }
            catch (ResponseTooLargeException e)
            {
                throw new TitanHstApiException(TitanHstErrorKind.ResponseTooLarge, $"{Operation}: TitanHST's token answer is too large: {e.Message}.") { Operation = Operation, Attempts = attempts };
            }

            using (response)
            {
                var body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    var token = ParseToken(body, attempts);
                    Redactor.RememberToken(token.Value);
                    return token;
                }

                throw OAuthError(response, body, attempts);
            }
        }

        private HttpRequestMessage BuildRequest()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, _tokenUri)
            {
                Content = new FormUrlEncodedContent(Form()),
            };

            // HTTP Basic, which RFC 6749 §2.3.1 requires servers to support, with both parts form-encoded first.
            var pair = Uri.EscapeDataString(_clientId) + ":" + Uri.EscapeDataString(_secret());
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(pair)));
            request.Headers.Accept.ParseAdd("application/json");
            return request;
        }

        // Least privilege: ask only for the scope this client's commands need (a read client never holds staff.write).
        private IEnumerable<KeyValuePair<string, string>> Form()
        {
            yield return new KeyValuePair<string, string>("grant_type", "client_credentials");
            if (!string.IsNullOrEmpty(_scope))
            {
                yield return new KeyValuePair<string, string>("scope", _scope!);
            }
        }

        private static Token ParseToken(byte[] body, int attempts)
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                var root = document.RootElement;
                var value = root.GetProperty("access_token").GetString();
                var type = root.TryGetProperty("token_type", out var t) ? t.GetString() : null;
                var lifetime = root.TryGetProperty("expires_in", out var e) && e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var seconds) ? seconds : 3600;
                if (string.IsNullOrEmpty(value) || value!.Length > WireLimits.AccessToken || !string.Equals(type, "Bearer", StringComparison.OrdinalIgnoreCase))
                {
                    throw new FormatException("access_token or token_type Bearer missing");
                }

                return new Token(value!, TimeSpan.FromSeconds(Math.Max(1, lifetime)));
            }
            catch (Exception e) when (e is JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
            {
                // The body may hold the token: the message says what was wrong, never what was there.
                throw new TitanHstApiException(TitanHstErrorKind.UnexpectedResponse, $"{Operation}: TitanHST's token response is not the expected JSON (access_token, token_type Bearer, expires_in).")
                {
                    Operation = Operation,
                    StatusCode = 200,
                    Attempts = attempts,
                };
            }
        }

        private TitanHstApiException OAuthError(HttpResponseMessage response, byte[] body, int attempts)
        {
            string? error = null;
            string? description = null;
            try
            {
                using var document = JsonDocument.Parse(body);
                if (document.RootElement.ValueKind == JsonValueKind.Object)
                {
                    error = document.RootElement.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
                    description = document.RootElement.TryGetProperty("error_description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
                }
            }
            catch (JsonException)
            {
                // Not the RFC 6749 shape; the status alone tells the story.
            }

            var status = (int)response.StatusCode;
            if (status == 404)
            {
                // Nothing at the token address: a wrong BaseUri or TokenUri, named so it can be fixed.
                var url = TransportSecurity.WithoutUserInfo(_tokenUri);
                return new TitanHstApiException(TitanHstErrorKind.NotFound, $"{Operation}: TitanHST answered 404 (no such route at {url}; check the TitanHST address and the token URI).")
                {
                    Operation = Operation,
                    StatusCode = status,
                    Attempts = attempts,
                    RequestUri = url,
                };
            }

            // A wait longer than the client accepts was not retried (the pipeline refuses it): say so and how long was
            // asked, as the API's calls do, rather than "TitanHST did not answer".
            if (ResiliencePipelineFactory.RetryAfter(response) is { } asked && asked > _maxRetryAfter)
            {
                return Failures.RetryAfterTooLong(Operation, status, asked, _maxRetryAfter, attempts);
            }

            var kind = status switch
            {
                400 when error == "invalid_scope" => TitanHstErrorKind.InsufficientScope,
                400 => TitanHstErrorKind.BadRequest,
                401 => TitanHstErrorKind.Unauthorized,
                429 => TitanHstErrorKind.RateLimited,
                >= 500 => TitanHstErrorKind.VendorUnavailable,
                _ => TitanHstErrorKind.UnexpectedResponse,
            };
            var what = status == 401
                ? $"TitanHST refused the client credentials of client '{_clientId}'"
                : error == "invalid_scope"
                    ? $"TitanHST will not grant client '{_clientId}' the scope {_scope}"
                    : $"TitanHST could not issue a token to client '{_clientId}'";
            var message = $"{what} ({status} {error ?? "no error code"}){(description is null ? "." : ": " + description)}";
            return new TitanHstApiException(kind, Redact(message))
            {
                Operation = Operation,
                StatusCode = status,
                ProblemType = error,
                Detail = description is null ? null : Redact(description),
                Attempts = attempts,
            };
        }

        private sealed class Token
        {
            private readonly long _renewAt;

            internal Token(string value, TimeSpan lifetime)
            {
                Value = value;
                // Renew when less than a tenth of the lifetime (at most 60 s) remains, so a call never starts with
                // a token that expires in flight, yet a 2-second test token is still used for most of its life.
                var margin = TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(60).Ticks, lifetime.Ticks / 10));
                _renewAt = Stopwatch.GetTimestamp() + (long)((lifetime - margin).TotalSeconds * Stopwatch.Frequency);
            }

            internal string Value { get; }

            internal bool IsDue => Stopwatch.GetTimestamp() >= _renewAt;
        }
    }
}

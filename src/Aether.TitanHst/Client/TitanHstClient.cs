using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;
using Polly;

namespace Aether.TitanHst.Client
{
    /// <summary>
    /// The resilient TitanHST client: every call gets a bearer token (renewed before expiry and once after a 401),
    /// goes through the rate limiter, and is retried only when resending is safe. Reads are in
    /// TitanHstClient.Reads.cs, writes in TitanHstClient.Writes.cs.
    /// </summary>
    public sealed partial class TitanHstClient : IDisposable
    {
        private readonly TitanHstClientOptions _options;
        private readonly HttpClient _http;
        private readonly TokenProvider _tokens;
        private readonly RateLimiter? _limiter;
        private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
        private readonly StatisticsCounters _stats = new();
        private readonly ServerRateLimit _serverLimit;
        private readonly Uri _api;

        public TitanHstClient(TitanHstClientOptions options)
        {
            options.Validate();
            _options = options;
            _api = options.ApiRoot;
            _http = options.HttpMessageHandler is { } handler
                ? new HttpClient(handler, disposeHandler: false)
                : new HttpClient(Transport.CreateHandler(options.ConnectTimeout));
            // Each attempt has its own timeout in the pipeline; HttpClient's single overall timeout would cut
            // across retries and report a cancellation instead.
            _http.Timeout = Timeout.InfiniteTimeSpan;
            _http.DefaultRequestHeaders.UserAgent.ParseAdd("Aether.TitanHst/" + (typeof(TitanHstClient).Assembly.GetName().Version?.ToString(3) ?? "0"));
            _limiter = ResiliencePipelineFactory.CreateLimiter(options);
            // The pause runs inside an attempt, so it must leave the attempt's timeout most of its time.
            _serverLimit = new ServerRateLimit(options.RequestsPerSecond, TimeSpan.FromTicks(Math.Min(options.MaxRetryAfter.Ticks, options.AttemptTimeout.Ticks / 2)));
            _pipeline = ResiliencePipelineFactory.CreateApiPipeline(options, _stats, _limiter);
            _tokens = new TokenProvider(_http, options, ResiliencePipelineFactory.CreateTokenPipeline(options, _stats), _stats);
        }

        /// <summary>The TitanHST instance this client talks to.</summary>
        public Uri BaseUri => _options.BaseUri!;

        public string ClientId => _options.ClientId;

        /// <summary>Totals since the client was created.</summary>
        public TitanHstClientStatistics Statistics => _stats.Snapshot();

        public void Dispose()
        {
            _tokens.Dispose();
            _limiter?.Dispose();
            _http.Dispose();
        }

        /// <summary>Fetches a token now, so that bad credentials surface before any work starts.</summary>
        public async Task AuthenticateAsync(CancellationToken cancellationToken = default)
        {
            try
            {
                await _tokens.GetAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (TitanHstApiException e)
            {
                throw Exit(e);
            }
            catch (Exception e) when (Failures.IsPipelineFailure(e))
            {
                throw Exit(Failures.FromPipelineException(e, TokenProvider.Operation, 0, _options.EffectiveTokenUri));
            }
        }

        internal Uri ApiUri(string relative) => new(_api, relative);

        internal string Redact(string text) => _tokens.Redactor.Redact(text);

        /// <summary>
        /// The one door every error leaves the client by: whatever a server, a proxy or .NET put into the text, no
        /// form of the secret or of a token goes through (<see cref="CredentialRedactor"/>).
        /// </summary>
        internal TitanHstApiException Exit(TitanHstApiException e) => e.Redacted(_tokens.Redactor.Redact);

        /// <summary>Sends one call through the pipeline; a 401 renews the token and sends once more.</summary>
        internal async Task<ApiResponse> SendAsync(ApiRequest request, CancellationToken cancellationToken)
        {
            var state = new CallState(request);
            var started = Stopwatch.GetTimestamp();
            _stats.Call();
            HttpResponseMessage? response = null;
            try
            {
                response = await ExecuteAsync(state, cancellationToken).ConfigureAwait(false);
                if ((int)response.StatusCode == 401 && !state.TokenRenewed)
                {
                    response.Dispose();
                    state.TokenRenewed = true;
                    _tokens.Invalidate(state.TokenUsed);
                    response = await ExecuteAsync(state, cancellationToken).ConfigureAwait(false);
                }

                var body = response.Content is null ? Array.Empty<byte>() : await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                var call = Finish(state, (int)response.StatusCode, started, response.Headers.Date);
                return new ApiResponse(
                    request.Operation,
                    (int)response.StatusCode,
                    body,
                    Header(response, "ETag"),
                    string.Equals(Header(response, "Idempotent-Replayed"), "true", StringComparison.OrdinalIgnoreCase),
                    ResiliencePipelineFactory.RetryAfter(response),
                    WireLimits.Cut(Header(response, "X-Request-Id"), 128),
                    state,
                    call);
            }
            catch (Exception e) when (Failures.IsPipelineFailure(e))
            {
                Finish(state, null, started);
                throw Exit(Failures.FromPipelineException(e, request.Operation, state.Attempts, request.Uri));
            }
            catch (ResponseTooLargeException e)
            {
                Finish(state, null, started);
                throw Exit(TooLarge(request, state.Attempts, e));
            }
            catch (TitanHstApiException e)
            {
                // From the token endpoint, met while sending this call.
                Finish(state, null, started);
                throw Exit(e);
            }
            finally
            {
                response?.Dispose();
            }
        }

        /// <summary>Parses a success body, reporting a shape the API document does not describe as a typed error.</summary>
        internal T Parse<T>(ApiResponse response, Func<ApiResponse, T> read)
        {
            try
            {
                return read(response);
            }
            catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or System.Collections.Generic.KeyNotFoundException)
            {
                throw Exit(new TitanHstApiException(TitanHstErrorKind.UnexpectedResponse, $"{response.Operation}: TitanHST answered {response.StatusCode} with a body this client does not understand: {e.Message}", e)
                {
                    Operation = response.Operation,
                    StatusCode = response.StatusCode,
                    Attempts = response.Call.Attempts,
                    TraceId = response.RequestId,
                });
            }
        }

        internal TitanHstApiException Problem(ApiResponse response) => Exit(
            response.State.RetryAfterRefused is { } wait
                ? Failures.RetryAfterTooLong(response, wait, _options.MaxRetryAfter)
                : ProblemReader.ToException(response));

        private static string? Header(HttpResponseMessage response, string name) =>
            response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

        private async Task<HttpResponseMessage> ExecuteAsync(CallState state, CancellationToken cancellationToken)
        {
            var context = ResilienceContextPool.Shared.Get(state.Request.Operation, cancellationToken);
            context.Properties.Set(CallState.Key, state);
            try
            {
                return await _pipeline.ExecuteAsync(
                    static (ctx, self) => self.AttemptAsync(ctx),
                    context,
                    this).ConfigureAwait(false);
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }
        }

        private async ValueTask<HttpResponseMessage> AttemptAsync(ResilienceContext context)
        {
            var state = context.Properties.GetValue(CallState.Key, null!);
            var cancellationToken = context.CancellationToken;
            state.Attempts++;
            state.IdempotencyKeyBusy = false;
            _stats.Attempt();
            var token = await _tokens.GetAsync(cancellationToken).ConfigureAwait(false);
            state.TokenUsed = token;
            var reserved = false;
            HttpResponseMessage response;
            try
            {
                if (_options.UseRateLimitHeaders)
                {
                    var pause = _serverLimit.Reserve();
                    reserved = true;
                    if (pause >= TimeSpan.FromSeconds(1))
                    {
                        _options.Waiting?.Invoke(new TitanHstWait(state.Request.Operation, TitanHstWaitReason.RateLimitBudget, pause, null, 0));
                    }

                    await ServerRateLimit.PauseAsync(pause, cancellationToken).ConfigureAwait(false);
                    state.ThrottleWait += pause;
                    _stats.Throttle(pause);
                }

                response = await SendAsync(state, token, cancellationToken).ConfigureAwait(false);
            }
            catch when (reserved)
            {
                // No response to read the budget from: the request is no longer in flight all the same.
                _serverLimit.Observe(null);
                throw;
            }

            if (reserved)
            {
                _serverLimit.Observe(response);
            }

            try
            {
                var cap = _options.ResponseLimits.For(state.Request.Kind);
                await BoundedBody.BufferAsync(response, response.IsSuccessStatusCode ? cap : Math.Min(cap, _options.ResponseLimits.Error), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException)
            {
                // The answer broke off mid-body: as good as no answer.
                response.Dispose();
                _stats.TransportError();
                state.MayHaveApplied = true;
                throw;
            }
            catch (ResponseTooLargeException)
            {
                response.Dispose();
                throw;
            }

            var status = (int)response.StatusCode;
            if (status == 429)
            {
                state.RateLimitedResponses++;
                _stats.RateLimited();
            }
            else if (status >= 500)
            {
                _stats.ServerError();
                // 502/503 mean nothing was done (§7); a 500 or a gateway timeout may hide an applied write.
                state.MayHaveApplied |= status is 500 or 504;
            }
            else if (status == 409 && state.Request.IsCreate)
            {
                state.IdempotencyKeyBusy = await IsSlugAsync(response, "idempotency-key-in-use").ConfigureAwait(false);
            }

            return response;
        }

        // Sends one attempt. A failure that says nothing reached TitanHST (no connection) is not retried; one that may
        // have reached it (no answer) marks the call as possibly applied.
        private async Task<HttpResponseMessage> SendAsync(CallState state, string token, CancellationToken cancellationToken)
        {
            using var message = state.Request.Build(token);
            try
            {
                // Headers first: the body is read below, at most up to its cap, never buffered whole by HttpClient.
                return await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException e) when (Failures.IsConnectFailure(e))
            {
                // Nothing reached TitanHST: a wrong address, nothing listening, or a certificate refused. Retrying
                // would only repeat it, so the call fails now, naming the URL and the reason.
                _stats.TransportError();
                throw new ConnectFailureException(e);
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested && e.InnerException is TimeoutException)
            {
                // The connect timeout, not ours: no connection was made, so nothing was sent.
                _stats.TransportError();
                throw new ConnectFailureException(e);
            }
            catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException)
            {
                // No answer: the request may or may not have reached TitanHST.
                _stats.TransportError();
                state.MayHaveApplied = true;
                throw;
            }
        }

        private static async Task<bool> IsSlugAsync(HttpResponseMessage response, string slug)
        {
            var body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            return Encoding.UTF8.GetString(body).IndexOf("/" + slug + "\"", StringComparison.Ordinal) >= 0;
        }

        /// <summary>A body over its cap, as the caller sees it.</summary>
        private static TitanHstApiException TooLarge(ApiRequest request, int attempts, ResponseTooLargeException e) =>
            new(TitanHstErrorKind.ResponseTooLarge, $"{request.Operation}: TitanHST's answer is too large: {e.Message}. Raise ResponseLimits only if the vendor confirms such answers are expected.")
            {
                Operation = request.Operation,
                Attempts = attempts,
            };

        private TitanHstCallInfo Finish(CallState state, int? status, long started, DateTimeOffset? serverDate = null)
        {
            var elapsed = TimeSpan.FromSeconds((Stopwatch.GetTimestamp() - started) / (double)Stopwatch.Frequency);
            var call = new TitanHstCallInfo(state.Request.Operation, status, state.Attempts, state.RateLimitedResponses, state.RetryDelay, state.ThrottleWait, elapsed, state.TokenRenewed)
            {
                ServerDate = serverDate,
            };
            _options.CallCompleted?.Invoke(call);
            return call;
        }
    }
}

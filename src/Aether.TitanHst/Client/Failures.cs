using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;

namespace Aether.TitanHst.Client
{
    /// <summary>
    /// Turns what the pipeline throws (no response at all) into a <see cref="TitanHstApiException"/>, keeping Polly
    /// out of sight. Texts are redacted where they leave the client (<see cref="TitanHstClient.Exit"/>), not here.
    /// </summary>
    internal static class Failures
    {
        internal static bool IsPipelineFailure(Exception e) =>
            e is BrokenCircuitException or TimeoutRejectedException or RateLimiterRejectedException or HttpRequestException or IOException or ConnectFailureException;

        /// <summary>
        /// A connection that was never made: refused, unknown host, unreachable network, TLS handshake refused.
        /// Nothing reached TitanHST, and sending again would meet the same wall.
        /// </summary>
        internal static bool IsConnectFailure(HttpRequestException e)
        {
            for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
            {
                switch (inner)
                {
                    case SocketException s when s.SocketErrorCode is SocketError.ConnectionRefused or SocketError.HostNotFound
                        or SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.NoData or SocketError.AddressNotAvailable:
                    case AuthenticationException:
                    case WebException w when w.Status is WebExceptionStatus.ConnectFailure or WebExceptionStatus.NameResolutionFailure
                        or WebExceptionStatus.TrustFailure or WebExceptionStatus.SecureChannelFailure:
                        return true;
                }
            }

            return false;
        }

        internal static TitanHstApiException FromPipelineException(Exception e, string operation, int attempts, Uri uri)
        {
            var url = TransportSecurity.WithoutUserInfo(uri);
            var (kind, text, circuitOpen) = e switch
            {
                ConnectFailureException c => (TitanHstErrorKind.ConnectionFailed, $"could not connect to {url}: {Reasons(c.InnerException!)}", false),
                BrokenCircuitException => (TitanHstErrorKind.VendorUnavailable, "TitanHST has been failing (5xx, timeouts or dropped connections), so the client stops calling it for a while (circuit open). Try again later.", true),
                TimeoutRejectedException => (TitanHstErrorKind.VendorUnavailable, $"TitanHST did not answer in time at {url}.", false),
                RateLimiterRejectedException => (TitanHstErrorKind.RateLimited, "The client-side rate limiter refused the request.", false),
                _ => (TitanHstErrorKind.VendorUnavailable, $"The connection to {url} failed: {Reasons(e)}", false),
            };
            var retryAfter = e is BrokenCircuitException { RetryAfter: { } after } ? after : (TimeSpan?)null;
            return new TitanHstApiException(kind, $"{operation}: {text} ({attempts.ToString(CultureInfo.InvariantCulture)} attempt(s))", e is ConnectFailureException ? e.InnerException : e)
            {
                Operation = operation,
                Attempts = attempts,
                CircuitOpen = circuitOpen,
                RetryAfter = retryAfter,
                RequestUri = url,
            };
        }

        /// <summary>TitanHST asked for a longer wait than the client accepts: fail now and say so, never sleep silently.</summary>
        internal static TitanHstApiException RetryAfterTooLong(ApiResponse response, TimeSpan asked, TimeSpan max) =>
            RetryAfterTooLong(response.Operation, response.StatusCode, asked, max, response.Call.Attempts, response.RequestId);

        /// <summary>The same for a call without an <see cref="ApiResponse"/> (the token endpoint's).</summary>
        internal static TitanHstApiException RetryAfterTooLong(string operation, int status, TimeSpan asked, TimeSpan max, int attempts, string? traceId = null)
        {
            var seconds = Math.Ceiling(asked.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            var limit = Math.Floor(max.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            return new TitanHstApiException(
                TitanHstErrorKind.RetryAfterTooLong,
                $"{operation}: TitanHST answered {status.ToString(CultureInfo.InvariantCulture)} and asked us to wait {seconds} s before retrying, more than the {limit} s this client waits (MaxRetryAfter); not retried. Run the command again after that time.")
            {
                Operation = operation,
                StatusCode = status,
                RetryAfter = asked,
                Attempts = attempts,
                TraceId = traceId,
            };
        }

        /// <summary>The messages down the inner-exception chain ("The SSL connection could not be established: ... UntrustedRoot"), each once.</summary>
        internal static string Reasons(Exception e)
        {
            var parts = new List<string>();
            for (var current = e; current is not null; current = current.InnerException)
            {
                var text = current.Message.Replace(", see inner exception", string.Empty).TrimEnd('.', ' ');
                if (text.Length > 0 && !parts.Exists(p => p.Contains(text)))
                {
                    parts.Add(text);
                }
            }

            return string.Join(": ", parts) + ".";
        }
    }

    /// <summary>A connection that could not be made; carries the .NET exception that says why.</summary>
    internal sealed class ConnectFailureException : Exception
    {
        public ConnectFailureException()
        {
        }

        public ConnectFailureException(string message)
            : base(message)
        {
        }

        public ConnectFailureException(string message, Exception innerException)
            : base(message, innerException)
        {
        }

        internal ConnectFailureException(HttpRequestException inner)
            : base(inner.Message, inner)
        {
        }

        internal ConnectFailureException(OperationCanceledException connectTimeout)
            : base(connectTimeout.Message, connectTimeout)
        {
        }
    }
}

using System;
using System.Management.Automation;
using Aether.TitanHst.Client;

namespace Aether.TitanHst.PowerShell.Session
{
    /// <summary>
    /// Stable error ids of the TitanHST cmdlets and the ErrorRecords built from client failures. Every connection
    /// and authentication error carries a RecommendedAction (ErrorDetails) saying what to fix.
    /// </summary>
    internal static class ClientErrors
    {
        internal const string NotConnected = nameof(NotConnected);
        internal const string ConnectionClosed = nameof(ConnectionClosed);
        internal const string InsecureUriRefused = nameof(InsecureUriRefused);
        internal const string CredentialsInUriRefused = nameof(CredentialsInUriRefused);
        internal const string InvalidClientOptions = nameof(InvalidClientOptions);
        internal const string AuthenticationFailed = nameof(AuthenticationFailed);
        internal const string ConnectFailed = nameof(ConnectFailed);
        internal const string StaffNotFound = nameof(StaffNotFound);
        internal const string TitanHstUnavailable = nameof(TitanHstUnavailable);
        internal const string TitanHstUnreachable = nameof(TitanHstUnreachable);
        internal const string TitanHstRouteNotFound = nameof(TitanHstRouteNotFound);
        internal const string TitanHstRateLimited = nameof(TitanHstRateLimited);
        internal const string TitanHstRetryAfterTooLong = nameof(TitanHstRetryAfterTooLong);
        internal const string TitanHstRequestRejected = nameof(TitanHstRequestRejected);
        internal const string TitanHstResponseUnexpected = nameof(TitanHstResponseUnexpected);
        internal const string TitanHstResponseTooLarge = nameof(TitanHstResponseTooLarge);
        internal const string SnapshotWriteFailed = nameof(SnapshotWriteFailed);

        /// <summary>An error for a failed call; <paramref name="target"/> is what was asked for (an id, a kind, a URI).</summary>
        internal static ErrorRecord FromApi(TitanHstApiException e, object? target, string? notFoundId = null)
        {
            var (id, category) = e.Kind switch
            {
                TitanHstErrorKind.NotFound when e.RequestUri is not null => (TitanHstRouteNotFound, ErrorCategory.ConnectionError),
                TitanHstErrorKind.NotFound => (notFoundId ?? StaffNotFound, ErrorCategory.ObjectNotFound),
                TitanHstErrorKind.Unauthorized => (AuthenticationFailed, ErrorCategory.AuthenticationError),
                TitanHstErrorKind.RateLimited => (TitanHstRateLimited, ErrorCategory.LimitsExceeded),
                TitanHstErrorKind.RetryAfterTooLong => (TitanHstRetryAfterTooLong, ErrorCategory.LimitsExceeded),
                TitanHstErrorKind.ConnectionFailed => (TitanHstUnreachable, ErrorCategory.ConnectionError),
                TitanHstErrorKind.VendorUnavailable => (TitanHstUnavailable, ErrorCategory.ConnectionError),
                TitanHstErrorKind.ResponseTooLarge => (TitanHstResponseTooLarge, ErrorCategory.LimitsExceeded),
                TitanHstErrorKind.UnexpectedResponse => (TitanHstResponseUnexpected, ErrorCategory.InvalidResult),
                TitanHstErrorKind.PreconditionFailed or TitanHstErrorKind.Conflict => (TitanHstRequestRejected, ErrorCategory.ResourceExists),
                _ => (TitanHstRequestRejected, ErrorCategory.InvalidOperation),
            };
            return WithAction(new ErrorRecord(e, id, category, target), Recommend(e));
        }

        /// <summary>
        /// A failure while connecting: bad credentials stay AuthenticationFailed; everything else is ConnectFailed
        /// (one id for "could not connect", whatever the cause), with the cause's own advice.
        /// </summary>
        internal static ErrorRecord FromConnect(TitanHstApiException e, object target)
        {
            var record = e.Kind == TitanHstErrorKind.Unauthorized
                ? new ErrorRecord(e, AuthenticationFailed, ErrorCategory.AuthenticationError, target)
                : new ErrorRecord(e, ConnectFailed, ErrorCategory.ConnectionError, target);
            return WithAction(record, Recommend(e));
        }

        internal static ErrorRecord NotConnectedError(string command) => WithAction(
            new ErrorRecord(
                new InvalidOperationException($"{command} needs a TitanHST connection: run Connect-TitanHst first, or pass -Connection."),
                NotConnected,
                ErrorCategory.ConnectionError,
                null),
            "Run Connect-TitanHst -BaseUri <address> -Credential <client id and secret>, or pass -Connection.");

        internal static ErrorRecord WithAction(ErrorRecord record, string action)
        {
            record.ErrorDetails = new ErrorDetails(record.Exception.Message) { RecommendedAction = action };
            return record;
        }

        /// <summary>A URI fit to show: scheme, host, port and path, never user:password@ or a query.</summary>
        internal static string SafeTarget(Uri uri) =>
            uri.IsAbsoluteUri ? uri.Scheme + "://" + uri.Authority + uri.AbsolutePath : "(relative URI)";

        private static string Recommend(TitanHstApiException e) => e.Kind switch
        {
            TitanHstErrorKind.Unauthorized => "Check the client id and secret (Connect-TitanHst -Credential) with the TitanHST administrator; a secret may have been rotated.",
            TitanHstErrorKind.ConnectionFailed when e.InnerException?.ToString().IndexOf("certificate", StringComparison.OrdinalIgnoreCase) >= 0 =>
                $"The TLS certificate of {e.RequestUri} was refused (see the reason in the message): check the address, the system clock, and that this machine trusts the certificate's issuer.",
            TitanHstErrorKind.ConnectionFailed => $"Check the address {e.RequestUri} (-BaseUri or the connector config), that TitanHST is running there, and that no firewall or proxy blocks it.",
            TitanHstErrorKind.NotFound when e.RequestUri is not null => $"Nothing answers at {e.RequestUri}: check -BaseUri (the origin, without /api/v1) and -TokenUri.",
            TitanHstErrorKind.VendorUnavailable when e.CircuitOpen => "TitanHST kept failing; wait a few minutes and run the command again.",
            TitanHstErrorKind.VendorUnavailable => "TitanHST did not answer; check its status and the network, then run the command again.",
            TitanHstErrorKind.RateLimited => "Lower -RequestsPerSecond in Connect-TitanHst, or run outside busy hours.",
            TitanHstErrorKind.RetryAfterTooLong => "TitanHST asked for a long pause (see the message); run the command again after that time, or ask the vendor why.",
            TitanHstErrorKind.ResponseTooLarge => "TitanHST sent far more data than the API allows for this call; report it to the vendor with the time of the call.",
            TitanHstErrorKind.NotFound => "Check the id; the record may have been deleted in TitanHST.",
            TitanHstErrorKind.UnexpectedResponse => "TitanHST answered in a shape this module does not expect; check that -BaseUri points at TitanHST's API, then report the trace id to the vendor.",
            _ => "See the message; quote the trace id to the TitanHST vendor if the problem is on their side.",
        };
    }
}

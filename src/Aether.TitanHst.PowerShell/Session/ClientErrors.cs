using System;
using System.Management.Automation;
using Aether.TitanHst.Client;

namespace Aether.TitanHst.PowerShell.Session
{
    /// <summary>Stable error ids of the TitanHST cmdlets and the ErrorRecords built from client failures.</summary>
    internal static class ClientErrors
    {
        internal const string NotConnected = nameof(NotConnected);
        internal const string ConnectionClosed = nameof(ConnectionClosed);
        internal const string InsecureUriRefused = nameof(InsecureUriRefused);
        internal const string InvalidClientOptions = nameof(InvalidClientOptions);
        internal const string AuthenticationFailed = nameof(AuthenticationFailed);
        internal const string ConnectFailed = nameof(ConnectFailed);
        internal const string StaffNotFound = nameof(StaffNotFound);
        internal const string TitanHstUnavailable = nameof(TitanHstUnavailable);
        internal const string TitanHstRateLimited = nameof(TitanHstRateLimited);
        internal const string TitanHstRequestRejected = nameof(TitanHstRequestRejected);
        internal const string TitanHstResponseUnexpected = nameof(TitanHstResponseUnexpected);
        internal const string SnapshotWriteFailed = nameof(SnapshotWriteFailed);

        /// <summary>An error for a failed call; <paramref name="target"/> is what was asked for (an id, a kind, a URI).</summary>
        internal static ErrorRecord FromApi(TitanHstApiException e, object? target, string? notFoundId = null)
        {
            var (id, category) = e.Kind switch
            {
                TitanHstErrorKind.NotFound => (notFoundId ?? StaffNotFound, ErrorCategory.ObjectNotFound),
                TitanHstErrorKind.Unauthorized => (AuthenticationFailed, ErrorCategory.AuthenticationError),
                TitanHstErrorKind.RateLimited => (TitanHstRateLimited, ErrorCategory.LimitsExceeded),
                TitanHstErrorKind.VendorUnavailable => (TitanHstUnavailable, ErrorCategory.ConnectionError),
                TitanHstErrorKind.UnexpectedResponse => (TitanHstResponseUnexpected, ErrorCategory.InvalidResult),
                TitanHstErrorKind.PreconditionFailed or TitanHstErrorKind.Conflict => (TitanHstRequestRejected, ErrorCategory.ResourceExists),
                _ => (TitanHstRequestRejected, ErrorCategory.InvalidOperation),
            };
            return new ErrorRecord(e, id, category, target) { ErrorDetails = new ErrorDetails(e.Message) { RecommendedAction = Recommend(e) } };
        }

        internal static ErrorRecord NotConnectedError(string command) => new(
            new InvalidOperationException($"{command} needs a TitanHST connection: run Connect-TitanHst first, or pass -Connection."),
            NotConnected,
            ErrorCategory.ConnectionError,
            null);

        private static string Recommend(TitanHstApiException e) => e.Kind switch
        {
            TitanHstErrorKind.Unauthorized => "Check the client id and secret (Connect-TitanHst -Credential) with the TitanHST administrator.",
            TitanHstErrorKind.VendorUnavailable when e.CircuitOpen => "TitanHST kept failing; wait a few minutes and run the command again.",
            TitanHstErrorKind.VendorUnavailable => "TitanHST did not answer; check its status and the network, then run the command again.",
            TitanHstErrorKind.RateLimited => "Lower -RequestsPerSecond in Connect-TitanHst, or run outside busy hours.",
            TitanHstErrorKind.NotFound => "Check the id; the record may have been deleted in TitanHST.",
            _ => "See the message; quote the trace id to the TitanHST vendor if the problem is on their side.",
        };
    }
}

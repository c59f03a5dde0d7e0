using System;
using System.Management.Automation;
using Aether.TitanHst.Client;

namespace Aether.TitanHst.PowerShell.Session
{
    /// <summary>
    /// The write side of a connection, for an apply: refuses a read-only connection before any call, and fetches the
    /// staff.write token first, so a credential that TitanHST will not give write access stops the apply before any
    /// record is read or written.
    /// </summary>
    internal static class WriteAccess
    {
        internal const string ReadOnlyCredential = nameof(ReadOnlyCredential);
        internal const string WriteScopeRefused = nameof(WriteScopeRefused);

        internal static TitanHstClient Open(PSCmdlet cmdlet, TitanHstConnection connection)
        {
            var client = connection.WriteClient;
            if (client is null)
            {
                var message = $"The connection to {connection.BaseUri} holds a read-only credential (client '{connection.ClientId}'): it can diff, read and validate, not apply. Nothing was sent.";
                cmdlet.ThrowTerminatingError(new ErrorRecord(new InvalidOperationException(message), ReadOnlyCredential, ErrorCategory.PermissionDenied, connection.BaseUri)
                {
                    ErrorDetails = new ErrorDetails(message) { RecommendedAction = "Connect-TitanHst with -WriteCredential (the write client), then apply the reviewed plan." },
                });
                throw new InvalidOperationException(message);
            }

            try
            {
                client.AuthenticateAsync().GetAwaiter().GetResult();
                return client;
            }
            catch (TitanHstApiException e) when (e.Kind == TitanHstErrorKind.InsufficientScope)
            {
                var message = $"TitanHST will not give client '{connection.WriteClientId}' write access ({TitanHstScopes.StaffWrite}): it is a read-only credential. No record was read or written.";
                cmdlet.ThrowTerminatingError(new ErrorRecord(e, WriteScopeRefused, ErrorCategory.PermissionDenied, connection.BaseUri)
                {
                    ErrorDetails = new ErrorDetails(message) { RecommendedAction = "Connect-TitanHst with -WriteCredential naming the client that may write, or ask the TitanHST administrator for staff.write on it." },
                });
                throw;
            }
        }
    }
}

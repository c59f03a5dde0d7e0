using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Aether.TitanHst.Client;

namespace Aether.TitanHst.PowerShell.Session
{
    /// <summary>Picks the connection a cmdlet uses: -Connection, else the session's; stops the cmdlet when there is none.</summary>
    internal static class ConnectionResolver
    {
        internal static TitanHstConnection Resolve(PSCmdlet cmdlet, TitanHstConnection? explicitConnection)
        {
            var connection = explicitConnection ?? TitanHstSession.Current ?? FromProfile(cmdlet);
            if (connection is null)
            {
                cmdlet.ThrowTerminatingError(ClientErrors.NotConnectedError(cmdlet.MyInvocation.MyCommand.Name));
            }

            if (connection!.IsClosed)
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(
                    new InvalidOperationException("This TitanHST connection was closed by Disconnect-TitanHst; connect again."),
                    ClientErrors.ConnectionClosed,
                    ErrorCategory.ConnectionError,
                    connection));
            }

            return connection;
        }

        // No session connection, but AETHER_TITANHST_CONFIG names a configuration: connect as it says, once for the session.
        private static TitanHstConnection? FromProfile(PSCmdlet cmdlet)
        {
            var profile = ProfileResolver.Current(cmdlet);
            if (profile.Config is not { } config)
            {
                return null;
            }

            var connection = ProfileConnection.Open(cmdlet, profile, null, null);
            TitanHstSession.Set(connection);
            cmdlet.WriteVerbose($"Connected to {connection.BaseUri} as the operating profile says ({profile}).");
            return connection;
        }

        /// <summary>A wait at least this long is a warning, not just a verbose line: the operator sees why nothing moves.</summary>
        internal static readonly TimeSpan WarnAfter = TimeSpan.FromSeconds(5);

        /// <summary>
        /// Writes the client's call reports as verbose messages, and its wait notices ("TitanHST asked to wait 30 s
        /// (429) before retrying GET /api/v1/staff") as warnings when long, verbose otherwise. Headers, tokens and
        /// secrets are never in them.
        /// </summary>
        internal static void WriteCalls(PSCmdlet cmdlet, TitanHstConnection connection) => WriteLog(cmdlet, connection.Log);

        internal static void WriteLog(PSCmdlet cmdlet, CallLog log)
        {
            foreach (var entry in log.Drain())
            {
                switch (entry)
                {
                    case TitanHstWait wait when wait.Delay >= WarnAfter:
                        cmdlet.WriteWarning(wait + ".");
                        break;
                    case TitanHstWait wait:
                        cmdlet.WriteVerbose(wait + ".");
                        break;
                    default:
                        cmdlet.WriteVerbose("TitanHST " + entry);
                        break;
                }
            }
        }

        /// <summary>
        /// Waits for a client call on the pipeline thread, writing its wait notices as they come rather than after
        /// the call, so a 30-second Retry-After is announced before the 30 seconds, not after.
        /// </summary>
        internal static T Await<T>(PSCmdlet cmdlet, CallLog log, Task<T> call)
        {
            var handles = new WaitHandle[] { ((IAsyncResult)call).AsyncWaitHandle, log.Arrived };
            while (!call.IsCompleted)
            {
                if (WaitHandle.WaitAny(handles) == 1)
                {
                    WriteLog(cmdlet, log);
                }
            }

            WriteLog(cmdlet, log);
            return call.GetAwaiter().GetResult();
        }
    }
}

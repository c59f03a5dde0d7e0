using System;
using System.Management.Automation;

namespace Aether.TitanHst.PowerShell.Session
{
    /// <summary>Picks the connection a cmdlet uses: -Connection, else the session's; stops the cmdlet when there is none.</summary>
    internal static class ConnectionResolver
    {
        internal static TitanHstConnection Resolve(PSCmdlet cmdlet, TitanHstConnection? explicitConnection)
        {
            var connection = explicitConnection ?? TitanHstSession.Current;
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

        /// <summary>Writes the client's call reports as verbose messages (headers, tokens and secrets are never in them).</summary>
        internal static void WriteCalls(PSCmdlet cmdlet, TitanHstConnection connection)
        {
            foreach (var call in connection.Log.Drain())
            {
                cmdlet.WriteVerbose("TitanHST " + call);
            }
        }
    }
}

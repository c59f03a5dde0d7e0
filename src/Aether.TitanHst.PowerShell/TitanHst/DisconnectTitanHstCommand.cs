using System.Management.Automation;
using Aether.TitanHst.PowerShell.Session;

namespace Aether.TitanHst.PowerShell.TitanHst
{
    /// <summary>
    /// <para type="synopsis">Closes the TitanHST connection of this session.</para>
    /// <para type="description">Forgets the token and closes the HTTP connections. Doing nothing when not connected is not an error.</para>
    /// </summary>
    [Cmdlet(VerbsCommunications.Disconnect, "TitanHst")]
    [OutputType(typeof(void))]
    public sealed class DisconnectTitanHstCommand : PSCmdlet
    {
        /// <summary>Closes the session's connection.</summary>
        protected override void EndProcessing()
        {
            var closed = TitanHstSession.Clear();
            WriteVerbose(closed is null ? "Not connected to TitanHST." : $"Disconnected from {closed.BaseUri}.");
        }
    }
}

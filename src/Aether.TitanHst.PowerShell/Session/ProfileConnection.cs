using System.Management.Automation;
using Aether.TitanHst.Profile;

namespace Aether.TitanHst.PowerShell.Session
{
    /// <summary>Opens the connection a profile's configuration describes: base URI, token URI, client ids, secret names, request rate.</summary>
    internal static class ProfileConnection
    {
        internal static TitanHstConnection Open(PSCmdlet cmdlet, OperatingProfile profile, PSCredential? credential, PSCredential? writeCredential, int maxRetries = 5)
        {
            var config = profile.Config!;
            var read = ConfigCredentials.Read(cmdlet, config, credential);
            var write = ConfigCredentials.Write(cmdlet, config, writeCredential);
            var connection = ConnectionFactory.Open(cmdlet, config.BaseUri, config.TokenUri, read, config.RequestsPerSecond, maxRetries, write, config.ReadOnly && write is null);
            connection.Profile = profile;
            return connection;
        }
    }
}

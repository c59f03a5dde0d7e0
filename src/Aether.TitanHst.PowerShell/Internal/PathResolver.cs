using System.Management.Automation;

namespace Aether.TitanHst.PowerShell.Internal
{
    /// <summary>Resolves paths against PowerShell's current location, not the process's working folder.</summary>
    internal static class PathResolver
    {
        internal static string Resolve(PSCmdlet cmdlet, string path) =>
            cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
    }
}

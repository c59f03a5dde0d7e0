using System;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace Aether.TitanHst.PowerShell.Completion
{
    /// <summary>The current PowerShell file-system location, for completers (which get no SessionState).</summary>
    internal static class CurrentLocation
    {
        private static readonly char[] NeedsQuotes = { ' ', '\'', '"', '`', '$', '&', '(', ')', '{', '}', ';', ',', '@', '#', '|', '<', '>' };

        internal static string Get()
        {
            if (Runspace.DefaultRunspace is not null)
            {
                try
                {
                    using var ps = System.Management.Automation.PowerShell.Create(RunspaceMode.CurrentRunspace);
                    ps.AddCommand(@"Microsoft.PowerShell.Management\Get-Location").AddParameter("PSProvider", "FileSystem");
                    if (ps.Invoke<PathInfo>().FirstOrDefault() is { } location)
                    {
                        return location.ProviderPath;
                    }
                }
                catch (Exception e) when (e is RuntimeException or InvalidOperationException or PSInvalidOperationException)
                {
                    // Fall back to the process's folder below.
                }
            }

            return Environment.CurrentDirectory;
        }

        /// <summary>A path as PowerShell code: single-quoted when it holds anything a bare word cannot.</summary>
        internal static string Quote(string path) =>
            path.IndexOfAny(NeedsQuotes) >= 0
                ? "'" + path.Replace("'", "''") + "'"
                : path;

        /// <summary>The word being completed without its quotes.</summary>
        internal static string Unquote(string? word)
        {
            var text = word ?? string.Empty;
            if (text.Length > 0 && (text[0] == '\'' || text[0] == '"'))
            {
                text = text.Substring(1);
                if (text.Length > 0 && text[text.Length - 1] == word![0])
                {
                    text = text.Substring(0, text.Length - 1);
                }
            }

            return text;
        }
    }
}

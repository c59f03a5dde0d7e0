using System.IO;
using System.Management.Automation;

namespace Aether.TitanHst.PowerShell.Internal
{
    /// <summary>
    /// What a -Contract argument names when it is not a contract object: a contract file, as text or as a file from
    /// Get-ChildItem. One reading for the parameter transformation, Test-MappingContract and the argument completers.
    /// </summary>
    internal static class ContractArgument
    {
        /// <summary>The argument without its PowerShell wrapper.</summary>
        internal static object? Unwrap(object? argument) => argument is PSObject wrapped ? wrapped.BaseObject : argument;

        /// <summary>The contract file's path the argument gives (not yet resolved against the current location), or null when it gives none.</summary>
        internal static string? PathOf(object? argument) => Unwrap(argument) switch
        {
            string path => path,
            FileInfo file => file.FullName,
            _ => null,
        };
    }
}

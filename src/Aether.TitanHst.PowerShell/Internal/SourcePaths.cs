using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Aether.TitanHst.Contract;

namespace Aether.TitanHst.PowerShell.Internal
{
    /// <summary>Applies a -SourcePath hashtable (source name → file) to a contract.</summary>
    internal static class SourcePaths
    {
        internal const string SourceNameUnknown = nameof(SourceNameUnknown);

        internal static MappingContract Apply(PSCmdlet cmdlet, MappingContract contract, Hashtable? sourcePath)
        {
            if (sourcePath is null || sourcePath.Count == 0)
            {
                return contract;
            }

            var paths = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (DictionaryEntry entry in sourcePath)
            {
                var given = entry.Key?.ToString() ?? string.Empty;
                // PowerShell's own hashtable keys ignore case, so @{ HR = ... } means the source hr; a name two
                // sources share but for case must be written as the contract writes it.
                var matches = contract.Sources.Where(s => string.Equals(s.Name, given, StringComparison.OrdinalIgnoreCase)).ToList();
                var name = matches.FirstOrDefault(s => s.Name == given)?.Name ?? (matches.Count == 1 ? matches[0].Name : given);
                if (!contract.Sources.Any(s => s.Name == name))
                {
                    cmdlet.ThrowTerminatingError(ErrorRecords.Argument(SourceNameUnknown,
                        $"-SourcePath names source '{name}', but the contract's sources are: {string.Join(", ", contract.Sources.Select(s => s.Name))}.", name));
                }

                paths[name] = PathResolver.Resolve(cmdlet, entry.Value?.ToString() ?? string.Empty);
            }

            return contract.WithSourcePaths(paths);
        }
    }
}

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
                var name = entry.Key?.ToString() ?? string.Empty;
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

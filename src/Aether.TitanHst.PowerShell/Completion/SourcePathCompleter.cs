using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Management.Automation.Language;
using Aether.TitanHst.Contract;
using Aether.TitanHst.PowerShell.Internal;
using Aether.TitanHst.Errors;

namespace Aether.TitanHst.PowerShell.Completion
{
    /// <summary>
    /// Completes -SourcePath with a hashtable per source of the contract given on the same command line
    /// (-Contract or -Path): <c>@{ hr = './district/exports/hr-employees.csv' }</c>, ready to point elsewhere.
    /// </summary>
    internal sealed class SourcePathCompleter : IArgumentCompleter
    {
        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var contract = ContractFrom(fakeBoundParameters);
            if (contract is null)
            {
                return Array.Empty<CompletionResult>();
            }

            var location = CurrentLocation.Get();
            var word = (wordToComplete ?? string.Empty).TrimStart('@', '{', ' ');
            var results = new List<CompletionResult>();
            foreach (var source in contract.Sources)
            {
                if (word.Length > 0 && !source.Name.StartsWith(word, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var text = $"@{{ {source.Name} = '{Shorten(source.Path, location).Replace("'", "''")}' }}";
                results.Add(new CompletionResult(text, source.Name, CompletionResultType.ParameterValue, $"Read source '{source.Name}' from another file of the same shape ({source.RelativePath} in the contract)"));
            }

            return results;
        }

        internal static MappingContract? ContractFrom(IDictionary? bound)
        {
            if (bound is null)
            {
                return null;
            }

            foreach (var key in new[] { "Contract", "Path" })
            {
                if (!bound.Contains(key))
                {
                    continue;
                }

                var value = ContractArgument.Unwrap(bound[key]);
                if (value is object[] array && array.Length > 0)
                {
                    value = ContractArgument.Unwrap(array[0]);
                }

                if (value is MappingContract contract)
                {
                    return contract;
                }

                if (ContractArgument.PathOf(value) is { } path)
                {
                    return TryLoad(path);
                }
            }

            return null;
        }

        private static MappingContract? TryLoad(string path)
        {
            try
            {
                return ContractLoader.Load(Path.GetFullPath(Path.Combine(CurrentLocation.Get(), path)));
            }
            catch (Exception e) when (e is InputFileException or IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                return null;
            }
        }

        private static string Shorten(string path, string location)
        {
            var folder = location.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) + Path.DirectorySeparatorChar;
            return path.StartsWith(folder, StringComparison.Ordinal) ? "." + Path.DirectorySeparatorChar + path.Substring(folder.Length) : path;
        }
    }
}

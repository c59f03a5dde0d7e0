using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using Aether.TitanHst.Apply;

namespace Aether.TitanHst.PowerShell.Completion
{
    /// <summary>
    /// Completes a RunId (-RunId, -Resume, -Run) with the runs in the journal folder (-JournalPath on the command
    /// line, else AETHER_TITANHST_RUNS or the user's data folder), newest first. Reads folder names and dates only.
    /// </summary>
    internal sealed class RunIdCompleter : IArgumentCompleter
    {
        private const int MaxResults = 50;

        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var root = fakeBoundParameters["JournalPath"] is string given && given.Length > 0
                ? Path.Combine(CurrentLocation.Get(), given)
                : Session.ProfileResolver.Quietly().RunsFolder;
            var prefix = CurrentLocation.Unquote(wordToComplete ?? string.Empty);
            try
            {
                if (!Directory.Exists(root))
                {
                    return Array.Empty<CompletionResult>();
                }

                return new DirectoryInfo(root).EnumerateDirectories()
                    .Where(d => d.Name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && File.Exists(Path.Combine(d.FullName, "run.json")))
                    .OrderByDescending(d => d.CreationTimeUtc).ThenByDescending(d => d.Name, StringComparer.Ordinal)
                    .Take(MaxResults)
                    .Select(d => new CompletionResult(d.Name, d.Name, CompletionResultType.ParameterValue, $"run {d.Name}, started {d.CreationTime:yyyy-MM-dd HH:mm}"))
                    .ToList();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
            {
                return Array.Empty<CompletionResult>();
            }
        }
    }
}

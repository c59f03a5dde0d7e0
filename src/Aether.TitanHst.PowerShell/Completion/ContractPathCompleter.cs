using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Text;

namespace Aether.TitanHst.PowerShell.Completion
{
    /// <summary>
    /// Completes mapping contract paths: every *.jsonc file, and every *.json file that is a contract, under the
    /// current folder (or under the folder typed so far), a few levels deep, as ./relative/paths.
    /// </summary>
    internal sealed class ContractPathCompleter : IArgumentCompleter
    {
        private const int MaxDepth = 3;
        private const int MaxResults = 100;
        private const int SniffBytes = 16 * 1024;
        private static readonly char[] Separators = { '/', '\\' };
        private static readonly HashSet<string> SkippedFolders = new(StringComparer.OrdinalIgnoreCase) { "bin", "obj", "node_modules" };

        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var word = CurrentLocation.Unquote(wordToComplete);
            var slash = word.LastIndexOfAny(Separators);
            var folderPart = slash >= 0 ? word.Substring(0, slash + 1) : string.Empty;
            var prefix = word.Substring(slash + 1);

            string root;
            try
            {
                root = Path.GetFullPath(Path.Combine(CurrentLocation.Get(), folderPart.Length == 0 ? "." : folderPart));
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
            {
                return Array.Empty<CompletionResult>();
            }

            if (!Directory.Exists(root))
            {
                return Array.Empty<CompletionResult>();
            }

            var shown = folderPart.Length > 0 ? folderPart : "." + Path.DirectorySeparatorChar;
            var results = new List<CompletionResult>();
            foreach (var file in FindContracts(root))
            {
                var relative = file.Substring(root.Length).TrimStart(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
                if (prefix.Length > 0
                    && !relative.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
                    && !Path.GetFileName(file).StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                results.Add(new CompletionResult(CurrentLocation.Quote(shown + relative), relative, CompletionResultType.ProviderItem, file));
                if (results.Count == MaxResults)
                {
                    break;
                }
            }

            return results;
        }

        /// <summary>Contract files under <paramref name="root"/>, nearest first, then by name.</summary>
        internal static IEnumerable<string> FindContracts(string root)
        {
            var folders = new List<string> { root };
            for (var depth = 0; depth <= MaxDepth && folders.Count > 0; depth++)
            {
                var next = new List<string>();
                foreach (var folder in folders)
                {
                    string[] files, subfolders;
                    try
                    {
                        files = Directory.GetFiles(folder);
                        subfolders = Directory.GetDirectories(folder);
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                    {
                        continue;
                    }

                    foreach (var file in files.Where(IsContract).OrderBy(f => f, StringComparer.OrdinalIgnoreCase))
                    {
                        yield return file;
                    }

                    next.AddRange(subfolders
                        .Where(d => !Path.GetFileName(d).StartsWith(".", StringComparison.Ordinal) && !SkippedFolders.Contains(Path.GetFileName(d)))
                        .OrderBy(d => d, StringComparer.OrdinalIgnoreCase));
                }

                folders = next;
            }
        }

        private static bool IsContract(string file)
        {
            var name = Path.GetFileName(file);
            if (name.EndsWith(".jsonc", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            if (!name.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
                || name.EndsWith(".schema.json", StringComparison.OrdinalIgnoreCase)
                || name.EndsWith(".versions.json", StringComparison.OrdinalIgnoreCase)
                || name.EndsWith(".headers.json", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            // A .json file is offered only when it looks like a contract (contractFormat near the top).
            try
            {
                using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                var buffer = new byte[SniffBytes];
                var read = stream.Read(buffer, 0, buffer.Length);
                return Encoding.UTF8.GetString(buffer, 0, read).IndexOf("\"contractFormat\"", StringComparison.Ordinal) >= 0;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return false;
            }
        }
    }
}

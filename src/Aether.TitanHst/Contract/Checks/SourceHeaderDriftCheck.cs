using System;
using System.Collections.Generic;
using System.Linq;
using Aether.TitanHst.Errors;
using Aether.TitanHst.Sources;

namespace Aether.TitanHst.Contract.Checks
{
    /// <summary>
    /// Compares each export's header with the one recorded the first time it was read, and names what changed:
    /// a removed column the contract reads (an error: the run would stop), a renamed column the contract reads (an
    /// error naming the likely new name), an added, reordered or unread column, a new encoding or delimiter (warnings).
    /// The first run records the headers and reports that it did. An export the reader would refuse (missing, empty,
    /// undecodable, its header split by another delimiter) is neither compared nor recorded: it is the reader's one error.
    /// </summary>
    public sealed class SourceHeaderDriftCheck
    {
        private readonly MappingContract _contract;

        public SourceHeaderDriftCheck(MappingContract contract) => _contract = contract;

        /// <summary>Record the current headers as the new baseline (the operator accepts the exports' new shape).</summary>
        public bool Accept { get; set; }

        /// <summary>Write the baseline when none exists or when accepting; false for a read-only check.</summary>
        public bool Record { get; set; } = true;

        public IEnumerable<ContractCheckResult> Run()
        {
            var path = SourceHeaderBaseline.PathFor(_contract);
            SourceHeaderBaseline? baseline;
            var results = new List<ContractCheckResult>();
            try
            {
                baseline = SourceHeaderBaseline.Read(path);
            }
            catch (InputFileException ex)
            {
                return new[] { new ContractCheckResult(CheckRules.SourceHeaderDrift, CheckSeverity.Error, ex.Message, new[] { $"{ex.File}:{ex.Line}" }) };
            }

            var current = new Dictionary<string, SourceHeader>(StringComparer.Ordinal);
            foreach (var source in _contract.Sources)
            {
                try
                {
                    var header = SourceHeaderProbe.Read(source.Path, new CsvFileOptions(source.Encoding, source.Delimiter));
                    HeaderDelimiter.Check(header.Columns, source.Columns, source.Delimiter, source.Path, 1);
                    current[source.Name] = header;
                }
                catch (InputFileException ex)
                {
                    // An export the reader refuses (missing, empty, undecodable, split by another delimiter) has no header
                    // to compare or record: its one error is the reader's, under SourceReadable, and the contract checker
                    // does not repeat it when the reader meets it again.
                    results.Add(Unreadable(ex));
                }
            }

            var updated = baseline ?? new SourceHeaderBaseline { ContractId = _contract.Id };
            var recordedNow = new List<string>();
            foreach (var source in _contract.Sources)
            {
                if (!current.TryGetValue(source.Name, out var now))
                {
                    continue;
                }

                if (baseline is null || !baseline.Sources.TryGetValue(source.Name, out var before) || Accept)
                {
                    updated.Sources[source.Name] = now;
                    recordedNow.Add(source.Name);
                    continue;
                }

                results.AddRange(Compare(source, before, now));
            }

            if (recordedNow.Count > 0 && (Record || Accept))
            {
                updated.Write(path);
                results.Add(new ContractCheckResult(CheckRules.SourceHeaderDrift, CheckSeverity.Information,
                    $"{(Accept ? "accepted" : "recorded")} the export header{(recordedNow.Count == 1 ? string.Empty : "s")} of {string.Join(", ", recordedNow)} as the baseline in {System.IO.Path.GetFileName(path)}; later runs report any change"));
            }
            else if (recordedNow.Count > 0)
            {
                results.Add(new ContractCheckResult(CheckRules.SourceHeaderDrift, CheckSeverity.Information,
                    $"no recorded header for {string.Join(", ", recordedNow)} yet; nothing to compare"));
            }

            if (results.Count == 0)
            {
                results.Add(new ContractCheckResult(CheckRules.SourceHeaderDrift, CheckSeverity.Information, "every export header matches the one recorded"));
            }

            return results;
        }

        /// <summary>The reader's error for an export it refuses, as Test-MappingContract reports it: file and line.</summary>
        internal static ContractCheckResult Unreadable(InputFileException ex) =>
            new(CheckRules.SourceReadable, CheckSeverity.Error, ex.Message, new[] { $"{ex.File}:{ex.Line}" });

        internal static IEnumerable<ContractCheckResult> Compare(SourceDefinition source, SourceHeader before, SourceHeader now)
        {
            var where = $"{source.Name} ({now.File})";
            var read = new HashSet<string>(source.Columns, StringComparer.OrdinalIgnoreCase);
            var beforeSet = new HashSet<string>(before.Columns, StringComparer.OrdinalIgnoreCase);
            var nowSet = new HashSet<string>(now.Columns, StringComparer.OrdinalIgnoreCase);
            var removed = before.Columns.Where(c => !nowSet.Contains(c)).ToList();
            var added = now.Columns.Where(c => !beforeSet.Contains(c)).ToList();

            foreach (var column in removed)
            {
                var renamedTo = LikelyRename(column, before.Columns.IndexOf(column), added, now.Columns);
                if (renamedTo is not null)
                {
                    added.Remove(renamedTo);
                    yield return new ContractCheckResult(CheckRules.SourceHeaderDrift, read.Contains(column) ? CheckSeverity.Error : CheckSeverity.Warning,
                        read.Contains(column)
                            ? $"{where}: column '{column}', which the contract reads, is gone; it was likely renamed to '{renamedTo}'. Update sources.{source.Name}.columns (and the fields that read it), then preview the edit with Compare-MappingContract"
                            : $"{where}: column '{column}' (not read by the contract) was likely renamed to '{renamedTo}'",
                        new[] { $"{column} -> {renamedTo}" });
                }
                else
                {
                    yield return new ContractCheckResult(CheckRules.SourceHeaderDrift, read.Contains(column) ? CheckSeverity.Error : CheckSeverity.Warning,
                        read.Contains(column)
                            ? $"{where}: column '{column}', which the contract reads, was removed from the export; the run stops until the export or the contract is fixed"
                            : $"{where}: column '{column}' (not read by the contract) was removed from the export",
                        new[] { column });
                }
            }

            if (added.Count > 0)
            {
                yield return new ContractCheckResult(CheckRules.SourceHeaderDrift, CheckSeverity.Warning,
                    $"{where}: column{(added.Count == 1 ? string.Empty : "s")} added to the export: {string.Join(", ", added)}", added);
            }

            var commonBefore = before.Columns.Where(nowSet.Contains).ToList();
            var commonNow = now.Columns.Where(beforeSet.Contains).ToList();
            // A name given twice on one side (an export's header can, before its reader refuses it) makes the two lists
            // differ in length: what has no partner counts as moved.
            var moved = commonBefore.Where((c, i) => i >= commonNow.Count || !string.Equals(commonNow[i], c, StringComparison.OrdinalIgnoreCase)).ToList();
            if (moved.Count > 0)
            {
                yield return new ContractCheckResult(CheckRules.SourceHeaderDrift, CheckSeverity.Warning,
                    $"{where}: the columns were reordered ({string.Join(", ", moved)} moved); the contract reads columns by name, so nothing breaks, but the export changed", moved);
            }

            if (!string.Equals(before.Encoding, now.Encoding, StringComparison.Ordinal))
            {
                yield return new ContractCheckResult(CheckRules.SourceHeaderDrift, CheckSeverity.Warning,
                    $"{where}: the export's encoding changed from {before.Encoding} to {now.Encoding} (the contract declares '{source.Encoding}'); check names with accents in Import-TitanHstSource",
                    new[] { $"{before.Encoding} -> {now.Encoding}" });
            }

            if (!string.Equals(before.Delimiter, now.Delimiter, StringComparison.Ordinal))
            {
                yield return new ContractCheckResult(CheckRules.SourceHeaderDrift, CheckSeverity.Warning,
                    $"{where}: the header's delimiter changed from {Show(before.Delimiter)} to {Show(now.Delimiter)} (the contract declares {Show(source.Delimiter)})",
                    new[] { $"{Show(before.Delimiter)} -> {Show(now.Delimiter)}" });
            }
        }

        /// <summary>
        /// The added column most likely to be <paramref name="column"/> renamed: one at the same position, else the
        /// most similar name (edit distance within half the longer name, or one containing the other).
        /// </summary>
        internal static string? LikelyRename(string column, int position, IReadOnlyList<string> added, IReadOnlyList<string> nowColumns)
        {
            if (added.Count == 0)
            {
                return null;
            }

            if (position >= 0 && position < nowColumns.Count && added.Contains(nowColumns[position], StringComparer.OrdinalIgnoreCase))
            {
                return nowColumns[position];
            }

            string? best = null;
            var bestScore = double.MaxValue;
            foreach (var candidate in added)
            {
                var a = column.ToLowerInvariant();
                var b = candidate.ToLowerInvariant();
                var score = a.Contains(b) || b.Contains(a) ? 0.1 : (double)Distance(a, b) / Math.Max(a.Length, b.Length);
                if (score < bestScore)
                {
                    best = candidate;
                    bestScore = score;
                }
            }

            return bestScore <= 0.5 ? best : null;
        }

        private static int Distance(string a, string b)
        {
            var previous = Enumerable.Range(0, b.Length + 1).ToArray();
            for (var i = 1; i <= a.Length; i++)
            {
                var current = new int[b.Length + 1];
                current[0] = i;
                for (var j = 1; j <= b.Length; j++)
                {
                    current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
                }

                previous = current;
            }

            return previous[b.Length];
        }

        private static string Show(string delimiter) => HeaderDelimiter.Show(delimiter);
    }
}

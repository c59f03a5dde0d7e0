using System;
using System.Collections.Generic;
using System.Linq;
using Aether.TitanHst.Contract;

namespace Aether.TitanHst.Canonical
{
    /// <summary>
    /// Extracts canonical staff records from the contract's sources, streaming.
    /// </summary>
    /// <remarks>
    /// The last source is streamed; the others are held in memory by join key (only the columns the contract
    /// reads). Before streaming, one pass over the last source's keys finds duplicates, so that a person whose
    /// key is duplicated anywhere is reported and never emitted: half a person is worse than none.
    /// Output order: the last source's file order, then people found only in the held sources, in their order.
    /// </remarks>
    public sealed class StaffExtractor
    {
        private readonly MappingContract _contract;
        private readonly RecordBuilder _builder;


        public StaffExtractor(MappingContract contract)
        {
            _contract = contract;
            _builder = new RecordBuilder(contract);
        }

        public FieldSchema Schema => _builder.Schema;

        /// <summary>Counts for the last (or current) run of <see cref="Extract"/>.</summary>
        public ExtractStatistics Statistics { get; private set; } = new();

        /// <summary>Streams records and issues. Problems with a whole file throw <see cref="Errors.InputFileException"/>.</summary>
        public IEnumerable<ExtractItem> Extract()
        {
            Statistics = new ExtractStatistics();
            var stats = Statistics;
            var sourceCount = _contract.Sources.Count;
            var last = sourceCount - 1;
            var held = new Dictionary<string, SourceRow>[last];
            var heldOrder = new List<SourceRow>[last];
            var poisoned = new Dictionary<string, List<(int Source, int Line)>>(StringComparer.Ordinal);
            var personIssues = new List<ExtractIssue>();

            for (var s = 0; s < last; s++)
            {
                held[s] = new Dictionary<string, SourceRow>(StringComparer.Ordinal);
                heldOrder[s] = new List<SourceRow>();
                foreach (var (row, issue) in SourceRowReader.Read(_contract, s, stats))
                {
                    if (issue is not null)
                    {
                        yield return Report(issue, poisoned);
                        continue;
                    }

                    if (held[s].TryGetValue(row!.Key, out var first))
                    {
                        Poison(poisoned, row.Key, s, first.Line);
                        Poison(poisoned, row.Key, s, row.Line);
                        continue;
                    }

                    held[s].Add(row.Key, row);
                    heldOrder[s].Add(row);
                }
            }

            foreach (var malformed in FindStreamedDuplicates(last, poisoned))
            {
                yield return malformed;
            }

            foreach (var duplicate in DuplicateIssues(poisoned))
            {
                yield return duplicate;
            }

            var emitted = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (row, issue) in SourceRowReader.Read(_contract, last, stats))
            {
                if (issue is not null)
                {
                    // Malformed rows of the streamed source were reported by the duplicate pass already.
                    if (issue.ErrorId != ExtractErrorIds.SourceRowMalformed)
                    {
                        yield return Report(issue, poisoned);
                    }

                    continue;
                }

                if (poisoned.ContainsKey(row!.Key) || !emitted.Add(row.Key))
                {
                    continue;
                }

                var rows = new SourceRow?[sourceCount];
                rows[last] = row;
                for (var s = 0; s < last; s++)
                {
                    if (held[s].TryGetValue(row.Key, out var match))
                    {
                        match.Matched = true;
                        rows[s] = match;
                    }
                }

                foreach (var item in BuildPerson(row.Key, rows, personIssues))
                {
                    yield return item;
                }
            }

            // People the streamed source does not have.
            for (var s = 0; s < last; s++)
            {
                foreach (var row in heldOrder[s])
                {
                    if (row.Matched || poisoned.ContainsKey(row.Key) || !emitted.Add(row.Key))
                    {
                        continue;
                    }

                    var rows = new SourceRow?[sourceCount];
                    for (var other = s; other < last; other++)
                    {
                        if (held[other].TryGetValue(row.Key, out var match))
                        {
                            match.Matched = true;
                            rows[other] = match;
                        }
                    }

                    foreach (var item in BuildPerson(row.Key, rows, personIssues))
                    {
                        yield return item;
                    }
                }
            }
        }

        private IEnumerable<ExtractItem> BuildPerson(string key, SourceRow?[] rows, List<ExtractIssue> issues)
        {
            Statistics.PeopleSeen++;
            issues.Clear();
            var present = rows.Count(r => r is not null);
            if (present == 1 && rows.Length > 1)
            {
                var only = rows.First(r => r is not null)!;
                var source = _contract.Sources[only.SourceIndex];
                Statistics.OnlyIn[source.Name] = Statistics.OnlyIn.TryGetValue(source.Name, out var n) ? n + 1 : 1;
                var action = _contract.Join.OnlyIn[source.Name];
                if (action != OnlyInAction.Include)
                {
                    var severity = action == OnlyInAction.Error ? IssueSeverity.Error : IssueSeverity.Warning;
                    var missing = string.Join(", ", _contract.Sources.Where((_, i) => rows[i] is null).Select(s => s.Name));
                    var issue = new ExtractIssue(severity, ExtractErrorIds.OnlyInOneSource, source.Name, source.Path, only.Line, source.KeyColumn, null, key,
                        $"key '{key}' is not in {missing}{(action == OnlyInAction.Skip ? "; skipped (join.onlyIn: skip)" : string.Empty)}");
                    Count(issue);
                    if (action == OnlyInAction.Skip)
                    {
                        Statistics.Skipped++;
                    }

                    yield return ExtractItem.Of(issue);
                    yield break;
                }
            }

            var built = _builder.Build(key, rows, issues, Statistics);
            foreach (var issue in issues)
            {
                Count(issue);
                yield return ExtractItem.Of(issue);
            }

            if (built is not null)
            {
                if (built.Record is not null)
                {
                    Statistics.Records++;
                }

                yield return built;
            }
        }

        private ExtractItem Report(ExtractIssue issue, Dictionary<string, List<(int Source, int Line)>> poisoned)
        {
            if (issue.ErrorId == ExtractErrorIds.SourceRowMalformed && issue.Key is not null && !poisoned.ContainsKey(issue.Key))
            {
                // The person's other rows must not be used alone: that would build a different person.
                poisoned.Add(issue.Key, new List<(int, int)>());
            }

            Count(issue);
            return ExtractItem.Of(issue);
        }

        /// <summary>
        /// One pass over the streamed source's keys: marks keys that repeat, and reports malformed rows now so that
        /// their people are known to be blocked before anyone is emitted.
        /// </summary>
        private IEnumerable<ExtractItem> FindStreamedDuplicates(int last, Dictionary<string, List<(int Source, int Line)>> poisoned)
        {
            var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var (row, issue) in SourceRowReader.Read(_contract, last, new ExtractStatistics()))
            {
                if (issue is not null)
                {
                    if (issue.ErrorId == ExtractErrorIds.SourceRowMalformed)
                    {
                        yield return Report(issue, poisoned);
                    }

                    continue;
                }

                if (firstLine.TryGetValue(row!.Key, out var line))
                {
                    Poison(poisoned, row.Key, last, line);
                    Poison(poisoned, row.Key, last, row.Line);
                }
                else
                {
                    firstLine.Add(row.Key, row.Line);
                }
            }
        }

        private IEnumerable<ExtractItem> DuplicateIssues(Dictionary<string, List<(int Source, int Line)>> poisoned)
        {
            foreach (var pair in poisoned.Where(p => p.Value.Count > 0))
            {
                var lines = pair.Value.OrderBy(l => l.Source).ThenBy(l => l.Line).ToList();
                var first = lines[0];
                var source = _contract.Sources[first.Source];
                var where = string.Join(", ", lines.Select(l => $"{_contract.Sources[l.Source].Name} line {l.Line}"));
                var issue = new ExtractIssue(IssueSeverity.Error, ExtractErrorIds.JoinKeyDuplicate, source.Name, source.Path, first.Line, source.KeyColumn, null, pair.Key,
                    $"key '{pair.Key}' appears more than once ({where}); no record is built for it until one row remains");
                Count(issue);
                yield return ExtractItem.Of(issue);
            }
        }

        private static void Poison(Dictionary<string, List<(int Source, int Line)>> poisoned, string key, int source, int line)
        {
            if (!poisoned.TryGetValue(key, out var lines))
            {
                lines = new List<(int, int)>();
                poisoned.Add(key, lines);
            }

            if (!lines.Contains((source, line)))
            {
                lines.Add((source, line));
            }
        }

        private void Count(ExtractIssue issue)
        {
            if (issue.Severity == IssueSeverity.Error)
            {
                Statistics.Errors++;
            }
            else
            {
                Statistics.Warnings++;
            }
        }
    }
}

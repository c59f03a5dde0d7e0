using System;
using System.Collections.Generic;
using System.Linq;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Errors;

namespace Aether.TitanHst.Canonical
{
    /// <summary>
    /// Extracts canonical staff records from the contract's sources.
    /// </summary>
    /// <remarks>
    /// Each export is read exactly once, into memory (only the columns the contract reads are kept per row), and
    /// hashed from the same bytes: duplicates, untrusted rows and records all come from one read, so a file rewritten
    /// while a diff runs cannot slip a second key past the duplicate check, and the hash a plan records is of the
    /// bytes its changes came from. Before anyone is emitted, every source is read, so that a person whose key is
    /// duplicated anywhere, or whom a malformed row could belong to, is reported and never built: half a person is
    /// worse than none. Output order: every source's row problems, then duplicates, then people in the last source's
    /// file order, then people found only in the other sources, in their order.
    /// </remarks>
    public sealed class StaffExtractor
    {
        private readonly MappingContract _contract;
        private readonly RecordBuilder _builder;
        private readonly IReadOnlyDictionary<string, string>? _expectedHashes;

        /// <param name="contract">The loaded contract.</param>
        /// <param name="expectedHashes">
        /// Per source name, the hash already recorded for it (in a diff's identity); a source whose bytes no longer
        /// have that hash is refused (<see cref="InputErrorIds.SourceChangedDuringRun"/>), so a plan never records
        /// one file's hash and another file's changes.
        /// </param>
        public StaffExtractor(MappingContract contract, IReadOnlyDictionary<string, string>? expectedHashes = null)
        {
            _contract = contract;
            _builder = new RecordBuilder(contract);
            _expectedHashes = expectedHashes;
        }

        public FieldSchema Schema => _builder.Schema;

        /// <summary>The day positions are judged current on (their start and end dates); today unless a test says otherwise.</summary>
        public DateTime AsOf { get; set; } = DateTime.Today;

        /// <summary>Reads a contract column missing from a header as blank (Test-MappingContract's checks that do not need it).</summary>
        internal bool MissingColumnsReadBlank { get; set; }

        /// <summary>Reads shared with another contract's extraction of the same exports (the contract preview); null to read every source.</summary>
        internal SharedSourceReads? SharedReads { get; set; }

        /// <summary>Counts for the last (or current) run of <see cref="Extract"/>.</summary>
        public ExtractStatistics Statistics { get; private set; } = new();

        /// <summary>Per source name, the hash of the bytes the last <see cref="Extract"/> read.</summary>
        public IReadOnlyDictionary<string, string> SourceHashes { get; private set; } = new Dictionary<string, string>();

        /// <summary>Streams records and issues. Problems with a whole file throw <see cref="InputFileException"/>.</summary>
        public IEnumerable<ExtractItem> Extract()
        {
            Statistics = new ExtractStatistics();
            var stats = Statistics;
            var sourceCount = _contract.Sources.Count;
            var last = sourceCount - 1;
            // Per source, each key's first row, and (only for a key on several rows, one per position) all its rows:
            // a List per key cost more than the rows it held.
            var byKey = new Dictionary<string, SourceRow>[sourceCount];
            var several = new Dictionary<string, List<SourceRow>>[sourceCount];
            var order = new List<SourceRow>[sourceCount];
            var duplicated = new Dictionary<string, List<(int Source, int Line)>>(StringComparer.Ordinal);
            var untrusted = new Dictionary<string, ExtractIssue>(StringComparer.Ordinal);
            var badPositions = new HashSet<string>(StringComparer.Ordinal);
            var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
            var personIssues = new List<ExtractIssue>();

            for (var s = 0; s < sourceCount; s++)
            {
                var source = _contract.Sources[s];
                var read = (MissingColumnsReadBlank ? null : SharedReads?.Read(s)) ?? SourceRowReader.Read(_contract, s, MissingColumnsReadBlank);
                CheckUnchanged(source, read.Hash);
                hashes[source.Name] = read.Hash;
                stats.RowsRead[source.Name] = read.RowCount;
                // Sized from the rows read: growing these one doubling at a time costs more than the rows themselves.
                byKey[s] = new Dictionary<string, SourceRow>(read.Items.Count, StringComparer.Ordinal);
                several[s] = new Dictionary<string, List<SourceRow>>(StringComparer.Ordinal);
                order[s] = new List<SourceRow>(read.Items.Count);
                var positionKey = source.PositionKeyColumn is null ? -1 : SourceRowReader.IndexOf(source.Columns, source.PositionKeyColumn);
                var positionCheck = positionKey < 0 ? null : new PositionRowCheck(source, positionKey);
                foreach (var (row, issue) in read.Items)
                {
                    if (issue is not null)
                    {
                        foreach (var candidate in issue.CandidateKeys)
                        {
                            // The first untrusted row a key could belong to is the one its conflict names.
                            if (!untrusted.ContainsKey(candidate))
                            {
                                untrusted.Add(candidate, issue);
                            }
                        }

                        Count(issue);
                        yield return ExtractItem.Of(issue);
                        continue;
                    }

                    if (byKey[s].TryGetValue(row!.Key, out var earlier))
                    {
                        if (positionKey < 0)
                        {
                            Poison(duplicated, row.Key, s, earlier.Line);
                            Poison(duplicated, row.Key, s, row.Line);
                            continue;
                        }

                        if (!several[s].TryGetValue(row.Key, out var rows))
                        {
                            rows = new List<SourceRow> { earlier };
                            several[s].Add(row.Key, rows);
                        }

                        rows.Add(row);
                    }
                    else
                    {
                        byKey[s].Add(row.Key, row);
                        order[s].Add(row);
                    }

                    if (positionCheck?.Check(row, several[s].TryGetValue(row.Key, out var group) ? group : null) is { } bad)
                    {
                        // The same person on several rows is expected here; the same position twice, or one without an id, is not.
                        badPositions.Add(row.Key);
                        Count(bad);
                        yield return ExtractItem.Of(bad);
                    }
                }
            }

            SourceHashes = hashes;
            foreach (var duplicate in DuplicateIssues(duplicated))
            {
                yield return duplicate;
            }

            // People in the last source's order, then those the last source does not have. The person's rows per
            // source go in one array reused for everyone (the builder keeps none of them), a single row through a
            // reused one-row array; a person's items go through one reused list.
            var all = new IReadOnlyList<SourceRow>[sourceCount];
            var single = new SourceRow[sourceCount][];
            for (var s = 0; s < sourceCount; s++)
            {
                single[s] = new SourceRow[1];
            }

            var personItems = new List<ExtractItem>();
            foreach (var s in new[] { last }.Concat(Enumerable.Range(0, last)))
            {
                foreach (var row in order[s])
                {
                    if (duplicated.ContainsKey(row.Key) || EmittedBefore(row.Key, s, last, byKey))
                    {
                        continue;
                    }

                    if (badPositions.Contains(row.Key))
                    {
                        // Already reported with its file and line; the diff makes the person a conflict.
                        Statistics.PeopleSeen++;
                        continue;
                    }

                    if (untrusted.TryGetValue(row.Key, out var cause))
                    {
                        yield return HeldBack(row.Key, cause);
                        continue;
                    }

                    for (var other = 0; other < sourceCount; other++)
                    {
                        if (several[other].TryGetValue(row.Key, out var rows))
                        {
                            all[other] = rows;
                        }
                        else if (byKey[other].TryGetValue(row.Key, out var match))
                        {
                            single[other][0] = match;
                            all[other] = single[other];
                        }
                        else
                        {
                            all[other] = Array.Empty<SourceRow>();
                        }
                    }

                    personItems.Clear();
                    BuildPerson(row.Key, all, personIssues, personItems);
                    for (var i = 0; i < personItems.Count; i++)
                    {
                        yield return personItems[i];
                    }
                }
            }
        }

        private void CheckUnchanged(SourceDefinition source, string hash)
        {
            if (_expectedHashes is not null && _expectedHashes.TryGetValue(source.Name, out var expected) && !string.Equals(expected, hash, StringComparison.Ordinal))
            {
                throw new InputFileException(InputErrorIds.SourceChangedDuringRun, source.Path, 0, string.Empty,
                    "the export changed while the diff was running (its hash differs from the one recorded at the start); run the diff again once the export is complete");
            }
        }

        /// <summary>A person one of whose rows may be a row the reader could not trust: not built from the rest, a conflict.</summary>
        private ExtractItem HeldBack(string key, ExtractIssue cause)
        {
            Statistics.PeopleSeen++;
            var issue = new ExtractIssue(IssueSeverity.Error, ExtractErrorIds.SourceRowUntrusted, cause.Source, cause.File, cause.Line, string.Empty, null, key,
                $"line {cause.Line} of source '{cause.Source}' could not be read with confidence ({cause.ErrorId}) and may be this person's row; the person is not built from the other rows alone");
            Count(issue);
            return ExtractItem.Of(issue);
        }

        /// <summary>
        /// True when the person of <paramref name="key"/>, met in source <paramref name="source"/>, was already met in a
        /// source walked before it (the last source first, then the others in order): a look-up in those sources'
        /// key tables instead of a set of every key emitted.
        /// </summary>
        private static bool EmittedBefore(string key, int source, int last, Dictionary<string, SourceRow>[] byKey)
        {
            if (source == last)
            {
                return false;
            }

            if (byKey[last].ContainsKey(key))
            {
                return true;
            }

            for (var s = 0; s < source; s++)
            {
                if (byKey[s].ContainsKey(key))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Adds the person's items (issues, then the record or marker) to <paramref name="items"/>: a method, not an iterator per person.</summary>
        private void BuildPerson(string key, IReadOnlyList<SourceRow>[] all, List<ExtractIssue> issues, List<ExtractItem> items)
        {
            Statistics.PeopleSeen++;
            issues.Clear();
            var present = 0;
            SourceRow? only = null;
            foreach (var rows in all)
            {
                if (rows.Count > 0)
                {
                    present++;
                    only = rows[0];
                }
            }

            if (present == 1 && all.Length > 1 && only is not null)
            {
                var source = _contract.Sources[only.SourceIndex];
                Statistics.OnlyIn[source.Name] = Statistics.OnlyIn.TryGetValue(source.Name, out var n) ? n + 1 : 1;
                var action = _contract.Join.OnlyIn[source.Name];
                if (action != OnlyInAction.Include)
                {
                    var severity = action == OnlyInAction.Error ? IssueSeverity.Error : IssueSeverity.Warning;
                    var missing = Missing(all);
                    var issue = new ExtractIssue(severity, ExtractErrorIds.OnlyInOneSource, source.Name, source.Path, only.Line, source.KeyColumn, null, key,
                        $"key '{key}' is not in {missing}{(action == OnlyInAction.Skip ? "; skipped (join.onlyIn: skip)" : string.Empty)}");
                    Count(issue);
                    if (action == OnlyInAction.Skip)
                    {
                        Statistics.Skipped++;
                    }

                    items.Add(ExtractItem.Of(issue));
                    return;
                }
            }

            var built = _builder.Build(key, all, AsOf, issues, Statistics);
            foreach (var issue in issues)
            {
                Count(issue);
                items.Add(ExtractItem.Of(issue));
            }

            if (built is not null)
            {
                if (built.Record is not null)
                {
                    Statistics.Records++;
                }

                items.Add(built);
            }
        }

        /// <summary>The names of the sources the person has no row in, as "aeries, positions".</summary>
        private string Missing(IReadOnlyList<SourceRow>[] all)
        {
            var names = new List<string>();
            for (var i = 0; i < all.Length; i++)
            {
                if (all[i].Count == 0)
                {
                    names.Add(_contract.Sources[i].Name);
                }
            }

            return string.Join(", ", names);
        }

        private IEnumerable<ExtractItem> DuplicateIssues(Dictionary<string, List<(int Source, int Line)>> duplicated)
        {
            foreach (var pair in duplicated)
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

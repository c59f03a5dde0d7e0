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
            var grouping = new RowGrouping(sourceCount);
            var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
            var personIssues = new List<ExtractIssue>();
            var found = new List<ExtractIssue>();

            // Declared out here so it can be let go of: a local of this iterator would keep the last read to the end.
            SourceFileRead? read;
            for (var s = 0; s < sourceCount; s++)
            {
                var source = _contract.Sources[s];
                read = (MissingColumnsReadBlank ? null : SharedReads?.Read(s)) ?? SourceRowReader.Read(_contract, s, MissingColumnsReadBlank);
                CheckUnchanged(source, read.Hash);
                hashes[source.Name] = read.Hash;
                stats.RowsRead[source.Name] = read.RowCount;
                found.Clear();
                grouping.Add(s, source, read, found);
                foreach (var issue in found)
                {
                    Count(issue);
                    yield return ExtractItem.Of(issue);
                }
            }

            read = null;
            SourceHashes = hashes;
            var duplicated = grouping.Duplicated;
            foreach (var duplicate in DuplicateIssues(duplicated))
            {
                yield return duplicate;
            }

            if (grouping.People is not { } people)
            {
                yield break;
            }

            // What is asked of every person, by number: left out (a duplicated key, or a bad position already
            // reported), held back by an untrusted row it may be, or already emitted from a source walked earlier.
            var skip = new PersonSkip[people.Count];
            foreach (var key in duplicated.Keys)
            {
                skip[people.TryGetId(key, out var id) ? id : throw new InvalidOperationException("A duplicated key has no person.")] = PersonSkip.Duplicated;
            }

            foreach (var id in grouping.BadPositions)
            {
                if (skip[id] == PersonSkip.None)
                {
                    skip[id] = PersonSkip.BadPosition;
                }
            }

            var heldBack = new Dictionary<int, ExtractIssue>();
            foreach (var pair in grouping.Untrusted)
            {
                if (people.TryGetId(pair.Key, out var id))
                {
                    heldBack.Add(id, pair.Value);
                }
            }

            // People in the last source's order, then those the last source does not have. The person's rows per
            // source go in one array reused for everyone (the builder keeps none of them), a single row through a
            // reused one-row array; a person's items go through one reused list.
            var emitted = new bool[people.Count];
            var all = new IReadOnlyList<SourceRow>[sourceCount];
            var single = new SourceRow[sourceCount][];
            for (var s = 0; s < sourceCount; s++)
            {
                single[s] = new SourceRow[1];
            }

            var personItems = new List<ExtractItem>();
            for (var walk = 0; walk < sourceCount; walk++)
            {
                var s = walk == 0 ? last : walk - 1;
                foreach (var person in grouping.OrderOf(s))
                {
                    if (skip[person] == PersonSkip.Duplicated || emitted[person])
                    {
                        people.Release(person);
                        continue;
                    }

                    emitted[person] = true;
                    var key = people.KeyOf(person);
                    if (skip[person] == PersonSkip.BadPosition)
                    {
                        // Already reported with its file and line; the diff makes the person a conflict.
                        Statistics.PeopleSeen++;
                        people.Release(person);
                        continue;
                    }

                    if (heldBack.Count > 0 && heldBack.TryGetValue(person, out var cause))
                    {
                        people.Release(person);
                        yield return HeldBack(key, cause);
                        continue;
                    }

                    for (var other = 0; other < sourceCount; other++)
                    {
                        all[other] = people.RowsOf(other, person, single[other]);
                    }

                    personItems.Clear();
                    BuildPerson(key, all, personIssues, personItems);
                    people.Release(person);
                    for (var i = 0; i < personItems.Count; i++)
                    {
                        yield return personItems[i];
                    }
                }
            }
        }

        /// <summary>Why a person is not built in the walk, beyond being already emitted.</summary>
        private enum PersonSkip : byte
        {
            None,
            Duplicated,
            BadPosition,
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

            if (present == 1 && all.Length > 1 && only is { } onlyRow)
            {
                var source = _contract.Sources[onlyRow.SourceIndex];
                Statistics.OnlyIn[source.Name] = Statistics.OnlyIn.TryGetValue(source.Name, out var n) ? n + 1 : 1;
                var action = _contract.Join.OnlyIn[source.Name];
                if (action != OnlyInAction.Include)
                {
                    var severity = action == OnlyInAction.Error ? IssueSeverity.Error : IssueSeverity.Warning;
                    var missing = Missing(all);
                    var issue = new ExtractIssue(severity, ExtractErrorIds.OnlyInOneSource, source.Name, source.Path, onlyRow.Line, source.KeyColumn, null, key,
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

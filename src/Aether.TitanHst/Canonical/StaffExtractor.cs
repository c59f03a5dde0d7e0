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

        /// <summary>
        /// Builds the people on two threads (<see cref="PersonBuildPipeline"/>); on by default when the machine has
        /// two cores, off where the caller already runs two extractions side by side.
        /// </summary>
        internal bool BuildAlongside { get; set; } = Environment.ProcessorCount > 1;

        /// <summary>People per batch on two threads; small in tests, so a small district crosses many batches.</summary>
        internal int BuildBatchSize { get; set; } = PersonBuildPipeline.DefaultBatchSize;

        /// <summary>
        /// Told how many people the extraction will walk, once it knows and before anyone is built: a consumer that
        /// keeps an entry per person sizes its tables once instead of doubling them (the contract preview at 1M).
        /// </summary>
        internal Action<int>? PeopleCounted { get; set; }

        /// <summary>Reads shared with another contract's extraction of the same exports (the contract preview); null to read every source.</summary>
        internal SharedSourceReads? SharedReads { get; set; }

        /// <summary>
        /// Another contract whose items are derived from this extraction's and written into its stream (framed by
        /// <see cref="ExtractItem.PeopleBegin"/>, <see cref="ExtractItem.DifferenceBegin"/> and
        /// <see cref="ExtractItem.DifferenceEnd"/>), with the ordinals of the fields it defines otherwise: Compare-MappingContract's
        /// engine, for two contracts that differ only there (Preview/FieldOnlyEdit). Null for a plain extraction.
        /// </summary>
        internal (MappingContract Contract, int[] Fields)? Derived { get; set; }

        /// <summary>How many people the last <see cref="Extract"/> derived for <see cref="Derived"/> instead of building them in full.</summary>
        internal int DerivedPeople => _derivations.Sum(d => d.Derived);

        /// <summary>Of those, how many had the same record under both contracts (one record kept for both).</summary>
        internal int DerivedSameRecords => _derivations.Sum(d => d.SameRecords);

        private readonly List<DerivedPersonBuild> _derivations = new();

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
            var grouping = new RowGrouping(sourceCount);
            var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
            var found = new List<ExtractIssue>();

            // Declared out here so it can be let go of: a local of this iterator would keep the last read to the end.
            SourceFileRead? read;

            // With two cores, two exports are read at a time (the target snapshot's read, alongside, ends long before
            // them); not when reads are shared with another extraction (the preview runs the two side by side).
            var ahead = BuildAlongside && SharedReads is null && sourceCount > 1
                ? new SourceReadAhead<SourceFileRead>(sourceCount, s => SourceRowReader.Read(_contract, s, MissingColumnsReadBlank))
                : null;
            try
            {
                for (var s = 0; s < sourceCount; s++)
                {
                    var source = _contract.Sources[s];
                    read = ahead?.Take(s) ?? (MissingColumnsReadBlank ? null : SharedReads?.Read(s)) ?? SourceRowReader.Read(_contract, s, MissingColumnsReadBlank);
                    CheckUnchanged(source, read.Hash);
                    hashes[source.Name] = read.Hash;
                    stats.RowsRead[source.Name] = read.RowCount;
                    found.Clear();
                    grouping.Add(s, source, read, found);
                    foreach (var issue in found)
                    {
                        stats.Count(issue);
                        yield return ExtractItem.Of(issue);
                    }
                }
            }
            finally
            {
                ahead?.Dispose();
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

            var heldBack = new Dictionary<int, ExtractIssue>();
            foreach (var pair in grouping.Untrusted)
            {
                if (people.TryGetId(pair.Key, out var id))
                {
                    heldBack.Add(id, pair.Value);
                }
            }

            // People in the last source's order, then those the last source does not have; built on two threads
            // when there are two cores, handed out in that order all the same.
            var walk = PersonWalk.Plan(grouping, people, sourceCount, duplicated.Keys, heldBack);
            PeopleCounted?.Invoke(walk.Count);
            var main = new PersonBuild(_contract, _builder, people, heldBack, AsOf);
            var helperBuilder = BuildAlongside ? new RecordBuilder(_contract, _builder.Schema) : null;
            var helper = helperBuilder is null ? null : new PersonBuild(_contract, helperBuilder, people, heldBack, AsOf);
            _derivations.Clear();
            if (Derived is var (other, fields))
            {
                // Each build thread derives its own people's other items, with its own builder for the other contract.
                var schema = new FieldSchema(other.Fields.Select(f => f.Name));
                foreach (var (build, builder) in new[] { (main, _builder), (helper, helperBuilder) })
                {
                    if (build is not null)
                    {
                        builder!.KeepFieldRows = true;
                        var derivation = new DerivedPersonBuild(other, schema, people, heldBack, AsOf, fields);
                        build.Derivation = derivation;
                        _derivations.Add(derivation);
                    }
                }

                yield return ExtractItem.PeopleBegin;
            }

            foreach (var item in PersonBuildPipeline.Run(walk, main, helper, stats, BuildBatchSize))
            {
                yield return item;
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
                Statistics.Count(issue);
                yield return ExtractItem.Of(issue);
            }
        }
    }
}

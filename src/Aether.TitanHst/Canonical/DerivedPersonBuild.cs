using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Aether.TitanHst.Contract;

namespace Aether.TitanHst.Canonical
{
    /// <summary>
    /// Another contract's items for each person an extraction builds, derived from the extraction's own: for a
    /// contract preview whose two contracts differ only in some fields' definitions (Preview/FieldOnlyEdit), so the
    /// second contract's people cost those fields' rules instead of a second extraction.
    /// </summary>
    /// <remarks>
    /// Per person, after the extraction's own build: a plain record (no issue) is derived by
    /// <see cref="RecordBuilder.Derive"/> from the rows its fields were read from; a marker (out of scope, in conflict),
    /// a held-back person or one left out by the join's onlyIn rule is the same under both contracts (scope, conflicts,
    /// positions and the join are alike), so the same items are the other's too; anyone else (an issue, a record not
    /// derivable without an issue) is built in full by the other contract's own builder. The other contract's items
    /// are written after the person's own, between <see cref="ExtractItem.DifferenceBegin"/> and
    /// <see cref="ExtractItem.DifferenceEnd"/>. One per build thread, as each <see cref="PersonBuild"/> is.
    /// </remarks>
    internal sealed class DerivedPersonBuild
    {
        private readonly RecordBuilder _builder;
        private readonly PersonBuild _full;
        private readonly int[] _fields;
        private readonly List<ExtractIssue> _issues = new();

        // The other contract's counts: nothing reads them (a preview compares items), but a full build needs somewhere to count.
        private readonly ExtractStatistics _statistics = new();

        internal DerivedPersonBuild(MappingContract contract, FieldSchema schema, PersonIndex people, IReadOnlyDictionary<int, ExtractIssue> heldBack, DateTime asOf, int[] fields)
        {
            _builder = new RecordBuilder(contract, schema);
            _full = new PersonBuild(contract, _builder, people, heldBack, asOf);
            _fields = fields;
        }

        /// <summary>How many people were derived (not built in full) so far.</summary>
        internal int Derived { get; private set; }

        /// <summary>Of those, how many records came out the same, so one record serves both contracts.</summary>
        internal int SameRecords { get; private set; }

        /// <summary>
        /// Appends the other contract's items for the walk's person <paramref name="index"/>, whose own items are
        /// <paramref name="items"/> from <paramref name="from"/> on, built by <paramref name="own"/>.
        /// </summary>
        [MethodImpl(Hot.Path)]
        internal void Add(PersonWalk walk, int index, List<ExtractItem> items, int from, RecordBuilder own)
        {
            var end = items.Count;
            items.Add(ExtractItem.DifferenceBegin);
            try
            {
                var last = end > from ? items[end - 1] : null;
                if (end - from == 1 && last!.Record is { } record)
                {
                    _issues.Clear();
                    if (_builder.Derive(record, _fields, record.ExternalId, own.FieldRows, _issues) is { } derived)
                    {
                        Derived++;
                        var same = ReferenceEquals(derived, record);
                        SameRecords += same ? 1 : 0;
                        items.Add(same ? last : ExtractItem.Of(derived));
                        return;
                    }
                }
                else if (last is not null && (last.Marker is not null || OnlyIssuesAlike(items, from, end)))
                {
                    // Decided before any field of the other contract's differs: the same items.
                    Derived++;
                    for (var i = from; i < end; i++)
                    {
                        items.Add(items[i]);
                    }

                    return;
                }

                _full.Step(walk, index, _statistics, items);
            }
            finally
            {
                own.ForgetFieldRows();
                items.Add(ExtractItem.DifferenceEnd);
            }
        }

        /// <summary>Issues no field rule raised: a held-back person's, or a person the join's onlyIn rule left out.</summary>
        private static bool OnlyIssuesAlike(List<ExtractItem> items, int from, int end)
        {
            for (var i = from; i < end; i++)
            {
                if (items[i].Issue is not { } issue
                    || !(string.Equals(issue.ErrorId, ExtractErrorIds.SourceRowUntrusted, StringComparison.Ordinal) || string.Equals(issue.ErrorId, ExtractErrorIds.OnlyInOneSource, StringComparison.Ordinal)))
                {
                    return false;
                }
            }

            return true;
        }
    }
}

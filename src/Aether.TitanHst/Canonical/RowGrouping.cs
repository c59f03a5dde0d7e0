using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Aether.TitanHst.Contract;

namespace Aether.TitanHst.Canonical
{
    /// <summary>
    /// Groups the rows of every export read into people, as <see cref="StaffExtractor"/> needs them before anyone is
    /// built: each person's rows per source, the people in each source's order, the keys found twice where one row per
    /// person is expected, the keys an untrusted row could be, and the people with a bad position row.
    /// </summary>
    /// <remarks>
    /// A method of its own rather than the extractor's iterator: the per-row loop then runs with its state in
    /// locals, compiled optimized from its first call, instead of in the iterator's fields.
    /// </remarks>
    internal sealed class RowGrouping
    {
        private readonly List<int>[] _order;

        internal RowGrouping(int sourceCount) => _order = new List<int>[sourceCount];

        /// <summary>Every person met, with their rows; null until the first source is added.</summary>
        internal PersonIndex? People { get; private set; }

        /// <summary>Per key found on more than one row of a source without positions, every (source, line) of it.</summary>
        internal Dictionary<string, List<(int Source, int Line)>> Duplicated { get; } = new(StringComparer.Ordinal);

        /// <summary>Per key a row that could not be trusted may belong to, the first such row's issue.</summary>
        internal Dictionary<string, ExtractIssue> Untrusted { get; } = new(StringComparer.Ordinal);

        /// <summary>The people with a position row the position check refused (already reported).</summary>
        internal List<int> BadPositions { get; } = new();

        /// <summary>The people of a source in the order of their first row there.</summary>
        internal List<int> OrderOf(int source) => _order[source];

        /// <summary>Adds a source's rows; the row problems and bad position rows, in file order, go to <paramref name="issues"/>.</summary>
        [MethodImpl(Hot.Path)]
        internal void Add(int s, SourceDefinition source, SourceFileRead read, List<ExtractIssue> issues)
        {
            // Sized from the first source's rows: growing the tables one doubling at a time costs more than the rows.
            var store = read.Rows;
            var readIssues = read.Issues;
            var people = People ??= new PersonIndex(_order.Length, store.Count + readIssues.Count + ((store.Count + readIssues.Count) / 4));
            people.SetRows(s, store, letGo: !read.Shared);
            var order = _order[s] = new List<int>(store.Count);
            var positionKey = source.PositionKeyColumn is null ? -1 : SourceRowReader.IndexOf(source.Columns, source.PositionKeyColumn);
            var positionCheck = positionKey < 0 ? null : new PositionRowCheck(source, positionKey);
            var nextIssue = 0;
            var previous = -1;
            for (var r = 0; r <= store.Count; r++)
            {
                // The row problems before this row, so that issues keep their file order with the bad position rows.
                while (nextIssue < readIssues.Count && readIssues[nextIssue].Before == r)
                {
                    var issue = readIssues[nextIssue++].Issue;
                    foreach (var candidate in issue.CandidateKeys)
                    {
                        // The first untrusted row a key could belong to is the one its conflict names.
                        if (!Untrusted.ContainsKey(candidate))
                        {
                            Untrusted.Add(candidate, issue);
                        }
                    }

                    issues.Add(issue);
                }

                if (r == store.Count)
                {
                    break;
                }

                var row = store[r];
                var person = previous = people.Add(store, r, previous);
                List<SourceRow>? group = null;
                if (people.First(s, person) is { } earlier)
                {
                    if (positionKey < 0)
                    {
                        Poison(people.KeyOf(person), s, earlier.Line);
                        Poison(people.KeyOf(person), s, row.Line);
                        continue;
                    }

                    group = people.AddSeveral(s, person, row);
                }
                else
                {
                    people.SetFirst(s, person, row);
                    order.Add(person);
                }

                if (positionCheck?.Check(row, people.KeyOf(person), group) is { } bad)
                {
                    // The same person on several rows is expected here; the same position twice, or one without an id, is not.
                    BadPositions.Add(person);
                    issues.Add(bad);
                }
            }

            if (!read.Shared)
            {
                // Read by nothing after the grouping; the rows of people met in an earlier source need not hold them.
                store.DropKeys();
            }
        }

        private void Poison(string key, int source, int line)
        {
            if (!Duplicated.TryGetValue(key, out var lines))
            {
                lines = new List<(int, int)>();
                Duplicated.Add(key, lines);
            }

            if (!lines.Contains((source, line)))
            {
                lines.Add((source, line));
            }
        }
    }
}

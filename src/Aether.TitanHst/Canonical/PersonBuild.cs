using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Aether.TitanHst.Contract;

namespace Aether.TitanHst.Canonical
{
    /// <summary>
    /// One thread's means of building the walk's people: its own record builder (whose rule memo, position resolver
    /// and scratch serve one person at a time) and its own scratch arrays. Two of them build a batch's two halves
    /// side by side (<see cref="PersonBuildPipeline"/>); each counts into the statistics it is given. Building only
    /// reads the person index, so two can build different people at once.
    /// </summary>
    internal sealed class PersonBuild
    {
        private readonly MappingContract _contract;
        private readonly RecordBuilder _builder;
        private readonly PersonIndex _people;
        private readonly IReadOnlyDictionary<int, ExtractIssue> _heldBack;
        private readonly DateTime _asOf;
        private readonly IReadOnlyList<SourceRow>[] _all;
        private readonly SourceRow[][] _single;
        private readonly List<ExtractIssue> _issues = new();

        internal PersonBuild(MappingContract contract, RecordBuilder builder, PersonIndex people, IReadOnlyDictionary<int, ExtractIssue> heldBack, DateTime asOf)
        {
            _contract = contract;
            _builder = builder;
            _people = people;
            _heldBack = heldBack;
            _asOf = asOf;
            var sourceCount = contract.Sources.Count;
            _all = new IReadOnlyList<SourceRow>[sourceCount];
            _single = new SourceRow[sourceCount][];
            for (var s = 0; s < sourceCount; s++)
            {
                _single[s] = new SourceRow[1];
            }
        }

        /// <summary>Another contract's items derived from each person's (a contract preview; see <see cref="DerivedPersonBuild"/>); null otherwise.</summary>
        internal DerivedPersonBuild? Derivation { get; set; }

        /// <summary>Adds the items of the walk's people <paramref name="from"/> to <paramref name="to"/> (exclusive), in order.</summary>
        [MethodImpl(Hot.Path)]
        internal void Run(PersonWalk walk, int from, int to, ExtractStatistics statistics, List<ExtractItem> items)
        {
            for (var i = from; i < to; i++)
            {
                Step(walk, i, statistics, items);
            }
        }

        /// <summary>Adds one person's items (issues, then the record or marker); the rows stay until <see cref="Release"/>.</summary>
        [MethodImpl(Hot.Path)]
        internal void Step(PersonWalk walk, int index, ExtractStatistics statistics, List<ExtractItem> items)
        {
            var person = walk.Person(index);
            var from = items.Count;
            switch (walk.Step(index))
            {
                case PersonStep.CountOnly:
                    statistics.PeopleSeen++;
                    break;
                case PersonStep.HoldBack:
                    items.Add(HeldBack(_people.KeyOf(person), _heldBack[person], statistics));
                    break;
                default:
                    for (var s = 0; s < _all.Length; s++)
                    {
                        _all[s] = _people.RowsOf(s, person, _single[s]);
                    }

                    BuildPerson(_people.KeyOf(person), statistics, items);
                    break;
            }

            Derivation?.Add(walk, index, items, from, _builder);
        }

        /// <summary>
        /// Lets go of the rows of the walk's people <paramref name="from"/> to <paramref name="to"/> (exclusive), once
        /// built. Called on the consumer's thread only, for the helper's people too: what the index does on a release
        /// (dropping what no one still to be built reads) then never runs on two threads at once.
        /// </summary>
        [MethodImpl(Hot.Path)]
        internal void Release(PersonWalk walk, int from, int to)
        {
            for (var i = from; i < to; i++)
            {
                _people.Release(walk.Person(i));
            }
        }

        /// <summary>A person one of whose rows may be a row the reader could not trust: not built from the rest, a conflict.</summary>
        private static ExtractItem HeldBack(string key, ExtractIssue cause, ExtractStatistics statistics)
        {
            statistics.PeopleSeen++;
            var issue = new ExtractIssue(IssueSeverity.Error, ExtractErrorIds.SourceRowUntrusted, cause.Source, cause.File, cause.Line, string.Empty, null, key,
                $"line {cause.Line} of source '{cause.Source}' could not be read with confidence ({cause.ErrorId}) and may be this person's row; the person is not built from the other rows alone");
            statistics.Count(issue);
            return ExtractItem.Of(issue);
        }

        [MethodImpl(Hot.Path)]
        private void BuildPerson(string key, ExtractStatistics statistics, List<ExtractItem> items)
        {
            var all = _all;
            statistics.PeopleSeen++;
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
                statistics.OnlyIn[source.Name] = statistics.OnlyIn.TryGetValue(source.Name, out var n) ? n + 1 : 1;
                var action = _contract.Join.OnlyIn[source.Name];
                if (action != OnlyInAction.Include)
                {
                    var severity = action == OnlyInAction.Error ? IssueSeverity.Error : IssueSeverity.Warning;
                    var issue = new ExtractIssue(severity, ExtractErrorIds.OnlyInOneSource, source.Name, source.Path, onlyRow.Line, source.KeyColumn, null, key,
                        $"key '{key}' is not in {Missing(all)}{(action == OnlyInAction.Skip ? "; skipped (join.onlyIn: skip)" : string.Empty)}");
                    statistics.Count(issue);
                    if (action == OnlyInAction.Skip)
                    {
                        statistics.Skipped++;
                    }

                    items.Add(ExtractItem.Of(issue));
                    return;
                }
            }

            var issues = _issues;
            issues.Clear();
            var built = _builder.Build(key, all, _asOf, issues, statistics);
            foreach (var issue in issues)
            {
                statistics.Count(issue);
                items.Add(ExtractItem.Of(issue));
            }

            if (built is not null)
            {
                if (built.Record is not null)
                {
                    statistics.Records++;
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
    }
}

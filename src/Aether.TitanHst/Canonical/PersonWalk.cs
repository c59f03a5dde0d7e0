using System;
using System.Collections.Generic;

namespace Aether.TitanHst.Canonical
{
    /// <summary>
    /// The order people are emitted in, and what is done with each, decided before anyone is built: the people in
    /// the last source's order, then those the last source does not have, each once; a duplicated key left out (its
    /// issue is already out), a person with a bad position row counted only, a person an untrusted row may be held back.
    /// </summary>
    /// <remarks>
    /// Deciding it first (a few array reads per person) is what lets the people be built in batches on two threads
    /// and still come out in exactly this order (<see cref="PersonBuildPipeline"/>).
    /// </remarks>
    internal sealed class PersonWalk
    {
        private readonly int[] _people;
        private readonly PersonStep[] _steps;

        private PersonWalk(int[] people, PersonStep[] steps, int count)
        {
            _people = people;
            _steps = steps;
            Count = count;
        }

        internal int Count { get; }

        internal int Person(int index) => _people[index];

        internal PersonStep Step(int index) => _steps[index];

        /// <summary>
        /// Walks the grouped rows. The rows of a duplicated person are let go of here: nothing reads them again.
        /// </summary>
        internal static PersonWalk Plan(RowGrouping grouping, PersonIndex people, int sourceCount, ICollection<string> duplicated, IReadOnlyDictionary<int, ExtractIssue> heldBack)
        {
            var skip = new PersonStep[people.Count];
            foreach (var key in duplicated)
            {
                skip[people.TryGetId(key, out var id) ? id : throw new InvalidOperationException("A duplicated key has no person.")] = PersonStep.LeftOut;
            }

            foreach (var id in grouping.BadPositions)
            {
                if (skip[id] == PersonStep.Build)
                {
                    skip[id] = PersonStep.CountOnly;
                }
            }

            foreach (var id in heldBack.Keys)
            {
                if (skip[id] == PersonStep.Build)
                {
                    skip[id] = PersonStep.HoldBack;
                }
            }

            var order = new int[people.Count];
            var steps = new PersonStep[people.Count];
            var emitted = new bool[people.Count];
            var count = 0;
            var last = sourceCount - 1;
            for (var walk = 0; walk < sourceCount; walk++)
            {
                var s = walk == 0 ? last : walk - 1;
                foreach (var person in grouping.OrderOf(s))
                {
                    if (skip[person] == PersonStep.LeftOut)
                    {
                        people.Release(person);
                        continue;
                    }

                    if (emitted[person])
                    {
                        continue;
                    }

                    emitted[person] = true;
                    order[count] = person;
                    steps[count++] = skip[person];
                }
            }

            return new PersonWalk(order, steps, count);
        }
    }

    /// <summary>What the walk does with a person.</summary>
    internal enum PersonStep : byte
    {
        /// <summary>Built from its rows.</summary>
        Build,

        /// <summary>A position row was refused and reported with its file and line: counted, not built (the diff makes it a conflict).</summary>
        CountOnly,

        /// <summary>An untrusted row may be this person's: not built from the other rows alone; a conflict.</summary>
        HoldBack,

        /// <summary>A duplicated key: not in the walk at all.</summary>
        LeftOut,
    }
}

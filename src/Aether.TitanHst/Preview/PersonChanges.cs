using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Aether.TitanHst.Canonical;
using Aether.TitanHst.Diff;
using Aether.TitanHst.Target;

namespace Aether.TitanHst.Preview
{
    /// <summary>
    /// One contract's diff by person key: the first change the diff gives each person, as a diff with NoChange
    /// included would. The unchanged people's NoChange changes are not built up front (about 70% of a district, two
    /// diffs per preview): each is built by the diff's own engine when asked for, so a preview pays only for the
    /// people whose outcome it must show or compare.
    /// </summary>
    /// <remarks>
    /// Held by the ordinal of the person in the contract's own collector (the diff lists people in about the
    /// extraction's order, so most are placed without hashing, and the comparison, which knows each person's ordinal,
    /// reads them without hashing); a key the extraction never named (a TitanHST record no one builds) by key.
    /// </remarks>
    internal sealed class PersonChanges
    {
        private readonly DiffEngine _engine;
        private readonly Entry[] _byOrdinal;
        private readonly Dictionary<string, Entry> _others;

        private PersonChanges(DiffEngine engine, Entry[] byOrdinal, Dictionary<string, Entry> others, DiffSummary summary)
        {
            Summary = summary;
            _engine = engine;
            _byOrdinal = byOrdinal;
            _others = others;
        }

        /// <summary>The contract's whole diff in numbers: whether its thresholds block it, and why; how many changes it holds back.</summary>
        public DiffSummary Summary { get; }

        /// <summary>The keys the diff gave a change to and the extraction never named, in the diff's order.</summary>
        public IEnumerable<string> KeysNotCollected => _others.Keys;

        /// <param name="engine">The contract's diff engine (it builds the deferred NoChange changes later).</param>
        /// <param name="collected">The contract's extraction, folded; its items are what the diff reads.</param>
        /// <param name="target">TitanHST's records, which both contracts' diffs read.</param>
        public static PersonChanges Compute(DiffEngine engine, PersonOutcomeCollector collected, TargetTable target) =>
            From(engine, collected, engine.Compute(collected.Items, target, Options(collected)));

        /// <summary>
        /// The options of a preview's diff: previews, never plans, so NoChange is deferred, not dropped (a person
        /// unchanged under one contract still compares); both sides are in memory and the two contracts' diffs already
        /// share the cores, so no worker.
        /// </summary>
        public static DiffOptions Options(PersonOutcomeCollector collected) =>
            new() { DeferNoChange = true, ReadTargetAlongside = false, ExpectedPeople = collected.Room };

        /// <summary>One contract's diff by person, from the diff's <paramref name="result"/> over <paramref name="collected"/>'s items.</summary>
        /// <param name="engine">The engine that made <paramref name="result"/> (it builds the deferred NoChange changes later).</param>
        /// <param name="collected">The contract's extraction, folded (its ordinals place the changes).</param>
        /// <param name="result">The contract's diff, with NoChange deferred (<see cref="Options"/>).</param>
        [MethodImpl(Hot.Path)]
        public static PersonChanges From(DiffEngine engine, PersonOutcomeCollector collected, DiffResult result)
        {
            var byOrdinal = new Entry[collected.Keys.Count];
            var others = new Dictionary<string, Entry>(StringComparer.Ordinal);
            var unchanged = result.Unchanged;
            var u = 0;
            var hint = 0;
            for (var i = 0; i <= result.Changes.Count; i++)
            {
                // In the order a full diff lists them (a deferred NoChange stands before the change at its position):
                // a person can have two changes (two TitanHST records with one externalId, a repeated record), and
                // the first describes the person.
                for (; u < unchanged.Count && unchanged[u].Position <= i; u++)
                {
                    Keep(byOrdinal, others, collected, unchanged[u].Record.ExternalId, new Entry(null, unchanged[u]), ref hint);
                }

                if (i < result.Changes.Count)
                {
                    Keep(byOrdinal, others, collected, result.Changes[i].GetExternalId(), new Entry(result.Changes[i], default), ref hint);
                }
            }

            return new PersonChanges(engine, byOrdinal, others, result.Summary);
        }

        /// <summary>
        /// True when the person's change is a NoChange of an unchanged match not built yet. Two of them are equal in
        /// everything a preview compares (action NoChange, no risk, no field changes, never held back or blocked).
        /// <paramref name="ordinal"/> is the person's ordinal in the contract's collector (-1 when not collected).
        /// </summary>
        [MethodImpl(Hot.Path)]
        public bool IsUnbuiltNoChange(string key, int ordinal)
        {
            var entry = Find(key, ordinal);
            return entry.Present && entry.Change is null;
        }

        /// <summary>
        /// The person's change when it needs no building: the diff's own change, or null when the diff gave none; false
        /// for a deferred NoChange (<see cref="Get"/> builds it). Only reads, so safe on several threads at once.
        /// </summary>
        [MethodImpl(Hot.Path)]
        public bool TryPeek(string key, int ordinal, out StaffChange? change)
        {
            var entry = Find(key, ordinal);
            change = entry.Change;
            return !entry.Present || change is not null;
        }

        /// <summary>The person's change (a deferred NoChange built now), or null when the diff gave none.</summary>
        [MethodImpl(Hot.Path)]
        public StaffChange? Get(string key, int ordinal)
        {
            var entry = Find(key, ordinal);
            if (!entry.Present)
            {
                return null;
            }

            return entry.Change ?? _engine.NoChange(entry.Unchanged);
        }

        [MethodImpl(Hot.Path)]
        private Entry Find(string key, int ordinal)
        {
            if (ordinal >= 0)
            {
                return _byOrdinal[ordinal];
            }

            return _others.TryGetValue(key, out var entry) ? entry : default;
        }

        [MethodImpl(Hot.Path)]
        private static void Keep(Entry[] byOrdinal, Dictionary<string, Entry> others, PersonOutcomeCollector collected, string key, Entry entry, ref int hint)
        {
            var ordinal = collected.OrdinalOf(key, hint);
            if (ordinal >= 0)
            {
                hint = ordinal + 1;
                if (!byOrdinal[ordinal].Present)
                {
                    byOrdinal[ordinal] = entry;
                }
            }
            else if (!others.ContainsKey(key))
            {
                others.Add(key, entry);
            }
        }

        private readonly struct Entry
        {
            public Entry(StaffChange? change, UnchangedPerson unchanged)
            {
                Change = change;
                Unchanged = unchanged;
                Present = true;
            }

            public StaffChange? Change { get; }

            public UnchangedPerson Unchanged { get; }

            /// <summary>False for the default entry: the diff gave the person no change.</summary>
            public bool Present { get; }
        }
    }
}

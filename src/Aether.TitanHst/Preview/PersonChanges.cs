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
    internal sealed class PersonChanges
    {
        private readonly DiffEngine _engine;
        private readonly Dictionary<string, Entry> _byKey;

        private PersonChanges(DiffEngine engine, Dictionary<string, Entry> byKey)
        {
            _engine = engine;
            _byKey = byKey;
        }

        public IEnumerable<string> Keys => _byKey.Keys;

        [MethodImpl(Hot.Path)]
        public static PersonChanges Compute(DiffEngine engine, IEnumerable<ExtractItem> sources, TargetTable target)
        {
            // Previews, never plans: NoChange deferred, not dropped, so a person unchanged under one contract still
            // compares. Both sides are in memory and the two contracts' diffs already share the cores: no worker.
            var result = engine.Compute(sources, target, new DiffOptions { DeferNoChange = true, ReadTargetAlongside = false });
            var byKey = new Dictionary<string, Entry>(result.Changes.Count + result.Unchanged.Count, StringComparer.Ordinal);
            var unchanged = result.Unchanged;
            var u = 0;
            for (var i = 0; i <= result.Changes.Count; i++)
            {
                // In the order a full diff lists them (a deferred NoChange stands before the change at its position):
                // a person can have two changes (two TitanHST records with one externalId, a repeated record), and
                // the first describes the person.
                for (; u < unchanged.Count && unchanged[u].Position <= i; u++)
                {
                    Keep(byKey, unchanged[u].Record.ExternalId, new Entry(null, unchanged[u]));
                }

                if (i < result.Changes.Count)
                {
                    Keep(byKey, result.Changes[i].GetExternalId(), new Entry(result.Changes[i], default));
                }
            }

            return new PersonChanges(engine, byKey);
        }

        /// <summary>Whether the diff gave this person a change at all (a NoChange counts).</summary>
        public bool Has(string key) => _byKey.ContainsKey(key);

        /// <summary>
        /// True when the person's change is a NoChange of an unchanged match not built yet. Two of them are equal in
        /// everything a preview compares (action NoChange, no risk, no field changes, never held back or blocked).
        /// </summary>
        [MethodImpl(Hot.Path)]
        public bool IsUnbuiltNoChange(string key) => _byKey.TryGetValue(key, out var entry) && entry.Change is null;

        /// <summary>
        /// The person's change when it needs no building: the diff's own change, or null when the diff gave none; false
        /// for a deferred NoChange (<see cref="Get"/> builds it). Only reads, so safe on several threads at once.
        /// </summary>
        [MethodImpl(Hot.Path)]
        public bool TryPeek(string key, out StaffChange? change)
        {
            if (!_byKey.TryGetValue(key, out var entry))
            {
                change = null;
                return true;
            }

            change = entry.Change;
            return change is not null;
        }

        /// <summary>The person's change (a deferred NoChange built now), or null when the diff gave none.</summary>
        [MethodImpl(Hot.Path)]
        public StaffChange? Get(string key)
        {
            if (!_byKey.TryGetValue(key, out var entry))
            {
                return null;
            }

            return entry.Change ?? _engine.NoChange(entry.Unchanged);
        }

        private static void Keep(Dictionary<string, Entry> byKey, string key, Entry entry)
        {
            if (!byKey.ContainsKey(key))
            {
                byKey.Add(key, entry);
            }
        }

        private readonly struct Entry
        {
            public Entry(StaffChange? change, UnchangedPerson unchanged)
            {
                Change = change;
                Unchanged = unchanged;
            }

            public StaffChange? Change { get; }

            public UnchangedPerson Unchanged { get; }
        }
    }
}

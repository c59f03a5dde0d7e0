using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Aether.TitanHst.Canonical;

namespace Aether.TitanHst.Preview
{
    /// <summary>
    /// Folds one contract's extraction stream into one outcome per person key, keeping the stream itself so the
    /// same items can feed that contract's diff without reading the exports again.
    /// </summary>
    /// <remarks>
    /// Each key has an ordinal, its place in <see cref="Keys"/> (first-seen order), and what the stream said about it
    /// is held by ordinal: the comparison walks the reference's keys by ordinal and finds most of the difference's at
    /// the same ordinal (both extractions walk the same people in the same order), so it hashes few keys. Read-only
    /// once the stream is folded: the comparison reads it from two threads.
    /// </remarks>
    internal sealed class PersonOutcomeCollector
    {
        private Dictionary<string, int> _ordinals = new(StringComparer.Ordinal);

        // The keys _ordinals was made with room for (Reserve); 0 until then.
        private int _ordinalsRoom;
        private readonly List<CanonicalStaffRecord?> _records = new();

        // Per ordinal, whether the person was settled as built (Settle): its record let go of, never compared again.
        private readonly List<bool> _settled = new();
        private readonly List<SourceMarker?> _markers = new();
        private readonly List<List<ExtractIssue>?> _issues = new();
        private RecordExchange? _exchange;
        private bool _keepItems = true;

        /// <param name="exchange">Shared with the other contract's collector, so a person both built alike is held once; null to keep every record.</param>
        public PersonOutcomeCollector(RecordExchange? exchange = null) => _exchange = exchange;

        /// <summary>Stops offering records to the exchange (the extraction is done), so it can be let go of.</summary>
        public void StopSharing() => _exchange = null;

        public List<ExtractItem> Items { get; } = new();

        /// <summary>Lets go of the stream once the contract's diff has read it; the outcomes per key stay.</summary>
        public void ReleaseItems()
        {
            Items.Clear();
            Items.Capacity = 0;
        }

        /// <summary>Every key this contract's extraction named, in first-seen order (a key's ordinal is its place here).</summary>
        public List<string> Keys { get; } = new();

        /// <summary>Folds an item in; returns the item kept for the contract's diff (the other contract's equal one, when shared).</summary>
        [MethodImpl(Hot.Path)]
        public ExtractItem Add(ExtractItem item)
        {
            if (item.Record is { } record)
            {
                // The last record for a key wins, as the last marker does; issues add up.
                var ordinal = See(record.ExternalId);
                if (_exchange?.Keep(ordinal, item) is { } kept && !ReferenceEquals(kept, item))
                {
                    // The other contract's equal record, which this contract's diff then reads: this one dies young.
                    item = kept;
                    record = kept.Record!;
                }

                _records[ordinal] = record;
                KeepItem(item);
                return item;
            }

            KeepItem(item);
            if (item.Marker is { } marker)
            {
                _markers[See(marker.Key)] = marker;
            }
            else if (item.Issue is { Key: not null } issue)
            {
                var ordinal = See(issue.Key);
                (_issues[ordinal] ??= new List<ExtractIssue>()).Add(issue);
            }

            return item;
        }

        /// <summary>
        /// The contract's diff is handed each item as it is folded (the derived extraction's): the items so far are let
        /// go of, and later ones are not kept, so an item dies young and only its record stays.
        /// </summary>
        public void StopKeepingItems()
        {
            ReleaseItems();
            _keepItems = false;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void KeepItem(ExtractItem item)
        {
            if (_keepItems)
            {
                Items.Add(item);
            }
        }

        /// <summary>
        /// Makes room for <paramref name="people"/> more people, told before they are built (<see cref="StaffExtractor.PeopleCounted"/>):
        /// at 1M the tables grown by doubling were ~210 MiB of large arrays allocated per comparison.
        /// </summary>
        public void Reserve(int people)
        {
            var keys = Keys.Count + people;
            Room = Math.Max(Room, keys);
            if (keys > _ordinalsRoom)
            {
                // netstandard2.0's Dictionary has no EnsureCapacity: made anew with the room (the few keys met before
                // the people, in issues of the reads, carried over).
                var ordinals = new Dictionary<string, int>(keys, StringComparer.Ordinal);
                foreach (var pair in _ordinals)
                {
                    ordinals.Add(pair.Key, pair.Value);
                }

                _ordinals = ordinals;
                _ordinalsRoom = keys;
            }

            Keys.Capacity = Math.Max(Keys.Capacity, keys);
            _records.Capacity = Math.Max(_records.Capacity, keys);
            _settled.Capacity = Math.Max(_settled.Capacity, keys);
            _markers.Capacity = Math.Max(_markers.Capacity, keys);
            _issues.Capacity = Math.Max(_issues.Capacity, keys);
            Items.Capacity = Math.Max(Items.Capacity, Items.Count + people);
        }

        /// <summary>How many people <see cref="Reserve"/> made room for, with the keys met before them; 0 until it is called.</summary>
        public int Room { get; private set; }

        /// <summary>The key's ordinal in <see cref="Keys"/>, or -1 when this extraction never named it.</summary>
        [MethodImpl(Hot.Path)]
        public int OrdinalOf(string key) => _ordinals.TryGetValue(key, out var ordinal) ? ordinal : -1;

        /// <summary>The key's ordinal, <paramref name="hint"/> when the key there is <paramref name="key"/> (no hashing), else looked up; -1 when absent.</summary>
        [MethodImpl(Hot.Path)]
        public int OrdinalOf(string key, int hint) =>
            hint >= 0 && hint < Keys.Count && string.Equals(Keys[hint], key, StringComparison.Ordinal) ? hint : OrdinalOf(key);

        /// <summary>
        /// The record at <paramref name="ordinal"/> when the outcome there is simply that record (no issue about the
        /// person; most people), without making an outcome object; null otherwise (see <see cref="OutcomeAt"/>).
        /// </summary>
        [MethodImpl(Hot.Path)]
        public CanonicalStaffRecord? PlainRecordAt(int ordinal) => ordinal >= 0 && _issues[ordinal] is null ? _records[ordinal] : null;

        /// <summary>A record wins over warnings about it; a conflict marker wins over scope; errors win over warnings. -1: absent.</summary>
        [MethodImpl(Hot.Path)]
        public PersonOutcome OutcomeAt(int ordinal)
        {
            if (ordinal < 0)
            {
                return PersonOutcome.Absent;
            }

            var issues = _issues[ordinal];
            var hasError = issues?.Exists(i => i.Severity == IssueSeverity.Error) == true;
            if (hasError)
            {
                return PersonOutcome.Of(issues!.FindAll(i => i.Severity == IssueSeverity.Error), error: true);
            }

            if (_records[ordinal] is { } record)
            {
                return PersonOutcome.Of(record);
            }

            if (_markers[ordinal] is { } marker)
            {
                return PersonOutcome.Of(marker);
            }

            return issues is { Count: > 0 } ? PersonOutcome.Of(issues, error: false) : PersonOutcome.Absent;
        }

        /// <summary>
        /// Whether a person settled as built was named again by a later item: the comparison's shortcut no longer holds
        /// (its record is gone), so the comparison runs again without settling. Never expected: the walk names each
        /// person once, after everything before the people.
        /// </summary>
        public bool SettledSeenAgain { get; private set; }

        /// <summary>
        /// The person at <paramref name="ordinal"/> is settled (the same plain record under both contracts, unchanged in
        /// both diffs): its record is let go of, so it dies young instead of being kept to the end of the comparison.
        /// </summary>
        public void Settle(int ordinal)
        {
            _settled[ordinal] = true;
            _records[ordinal] = null;
        }

        /// <summary>Whether the person at <paramref name="ordinal"/> was settled as built (the comparison skips it).</summary>
        [MethodImpl(Hot.Path)]
        public bool IsSettled(int ordinal) => ordinal >= 0 && _settled[ordinal];

        [MethodImpl(Hot.Path)]
        private int See(string key)
        {
            // The walk names each person once, after that person's issues: the last key seen is checked first.
            var last = Keys.Count - 1;
            if (last >= 0 && ReferenceEquals(Keys[last], key))
            {
                SettledSeenAgain |= _settled[last];
                return last;
            }

            if (_ordinals.TryGetValue(key, out var ordinal))
            {
                SettledSeenAgain |= _settled[ordinal];
                return ordinal;
            }

            ordinal = Keys.Count;
            _ordinals.Add(key, ordinal);
            Keys.Add(key);
            _records.Add(null);
            _settled.Add(false);
            _markers.Add(null);
            _issues.Add(null);
            return ordinal;
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Target;

namespace Aether.TitanHst.Diff
{
    /// <summary>
    /// The contract's unique fields (an e-mail, a login): a change that would write a value another active TitanHST
    /// record holds, or that another change of the same diff writes, is blocked for a person. TitanHST's API does not
    /// refuse duplicates, and the exports that make them are valid: two new hires given one address, every id re-keyed
    /// (each person created again beside their own record), a new hire given a colleague's login.
    /// </summary>
    /// <remarks>
    /// Values compare ignoring case (addresses and logins do). A record being deactivated in the same diff still holds
    /// its value: it frees it only once the deactivation is applied, so the other change waits a day. Only the diff
    /// sees every record; apply keeps the mark (a plan can make a change stricter, never looser).
    /// </remarks>
    internal static class UniqueValueCheck
    {
        // Below this many TitanHST records the scan is not worth a second thread.
        private const int ScanInTwoFrom = 50_000;

        /// <summary>Marks the colliding changes Blocked; returns one summary reason per unique field that has collisions.</summary>
        internal static IReadOnlyList<string> Mark(IReadOnlyList<StaffChange> changes, MappingContract contract, TargetTable table)
        {
            var fields = new List<string>();
            var writers = new List<Written>();
            foreach (var field in contract.Fields.Where(f => f.Unique && f.Owned))
            {
                var written = Writers(changes, field.Name);
                if (written.First.Count > 0)
                {
                    fields.Add(field.Name);
                    writers.Add(written);
                }
            }

            var reasons = new List<string>();
            if (fields.Count == 0)
            {
                return reasons;
            }

            var holders = Holders(table, fields, writers);
            for (var f = 0; f < fields.Count; f++)
            {
                var blocked = 0;
                foreach (var pair in writers[f].First)
                {
                    var sameValue = writers[f].Shared.TryGetValue(pair.Key, out var several) ? several : null;
                    var heldBy = holders[f].TryGetValue(pair.Key, out var ids) ? ids : null;
                    if (sameValue is null && heldBy is null)
                    {
                        continue; // One writer, no holder: nearly every value.
                    }

                    foreach (var change in sameValue ?? new List<StaffChange>(1) { pair.Value })
                    {
                        var why = Collision(change, sameValue, heldBy, fields[f]);
                        if (why is null)
                        {
                            continue;
                        }

                        blocked++;
                        change.Blocked = true;
                        change.BlockReason = change.BlockReason is null ? $"blocked: {why}" : $"{change.BlockReason}; {why}";
                    }
                }

                if (blocked > 0)
                {
                    reasons.Add($"blocked: {blocked} change(s) would write a {fields[f]} that another person holds or is given (the contract marks {fields[f]} unique)");
                }
            }

            return reasons;
        }

        /// <summary>
        /// The changes that write each value of the field (a create's value, an update's or reactivation's new one): the
        /// first writer of each value, and the values more than one change writes with all their writers, in order.
        /// </summary>
        [MethodImpl(Hot.Path)]
        private static Written Writers(IReadOnlyList<StaffChange> changes, string field)
        {
            // Two dictionaries of reference values rather than a list per value: a value has one writer nearly always,
            // and a list each was 6 MiB a 1M diff.
            var written = new Written(new Dictionary<string, StaffChange>(StringComparer.OrdinalIgnoreCase), new Dictionary<string, List<StaffChange>>(StringComparer.OrdinalIgnoreCase));
            foreach (var change in changes)
            {
                var value = change.GetAction() switch
                {
                    ChangeAction.Create => change.GetDesiredFields().TryGetValue(field, out var desired) ? desired : null,
                    ChangeAction.Update or ChangeAction.Reactivate => NewValue(change.GetFieldChanges(), field),
                    _ => null,
                };
                if (string.IsNullOrEmpty(value))
                {
                    continue;
                }

                if (!written.First.TryGetValue(value!, out var first))
                {
                    written.First.Add(value!, change);
                }
                else if (written.Shared.TryGetValue(value!, out var several))
                {
                    several.Add(change);
                }
                else
                {
                    written.Shared.Add(value!, new List<StaffChange> { first, change });
                }
            }

            return written;
        }

        private static string? NewValue(IReadOnlyList<FieldChange> fieldChanges, string field)
        {
            for (var i = 0; i < fieldChanges.Count; i++)
            {
                if (fieldChanges[i].Field == field)
                {
                    return fieldChanges[i].New;
                }
            }

            return null;
        }

        /// <summary>
        /// Per field, the ids of TitanHST's active records holding a value some change writes: one pass over the table
        /// for every field (at 1M records a pass per field was ~0.1 s each on the diff's one-thread tail), its two
        /// halves on two threads when the table is large. Ids are listed in the table's order either way.
        /// </summary>
        private static List<Dictionary<string, List<string>>> Holders(TargetTable table, List<string> fields, List<Written> writers)
        {
            // A string is made only for a row whose value hashes like one being written (ASCII case folded; a value that
            // differs from a written one only in the case of a non-ASCII letter is not seen as the same).
            var hashes = writers.Select(w => new WrittenHashes(w.First.Keys)).ToList();
            var candidates = TwoHalves.Run(table.Count, ScanInTwoFrom, (from, to) => Candidates(table, fields, hashes, from, to)).SelectMany(half => half);
            var holders = fields.Select(_ => new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase)).ToList();
            var selection = new TargetFieldSelection(table, fields);
            foreach (var (row, field) in candidates)
            {
                var value = selection.Value(row, field);
                if (string.IsNullOrEmpty(value) || !writers[field].First.ContainsKey(value!))
                {
                    continue;
                }

                if (!holders[field].TryGetValue(value!, out var ids))
                {
                    holders[field][value!] = ids = new List<string>();
                }

                ids.Add(table.Id(row));
            }

            return holders;
        }

        /// <summary>The active rows in [from, to) whose field hashes like a written value, in row order (a selection per thread).</summary>
        [MethodImpl(Hot.Path)]
        private static List<(int Row, int Field)> Candidates(TargetTable table, List<string> fields, List<WrittenHashes> hashes, int from, int to)
        {
            var found = new List<(int, int)>();
            var selection = new TargetFieldSelection(table, fields);
            for (var row = from; row < to; row++)
            {
                if (!table.Active(row))
                {
                    continue;
                }

                // A record kept whole has no cells to read in place: its value is a string already.
                var open = selection.Open(row);
                for (var field = 0; field < fields.Count; field++)
                {
                    var hash = open ? selection.FoldedHashInOpen(field) : FoldedTextHash.Of(selection.Value(row, field));
                    if (hashes[field].Contains(hash))
                    {
                        found.Add((row, field));
                    }
                }
            }

            return found;
        }

        /// <summary>Why the change may not write its value (ids and keys only, never the value), or null.</summary>
        private static string? Collision(StaffChange change, List<StaffChange>? sameValue, List<string>? heldBy, string field)
        {
            if (sameValue is not null)
            {
                var others = sameValue.Where(c => !ReferenceEquals(c, change)).Select(c => c.GetExternalId()).ToList();
                return $"the {field} it writes is also written for externalId {string.Join(", ", others.Take(3))}{(others.Count > 3 ? ", ..." : string.Empty)} in this diff (unique)";
            }

            var holder = heldBy?.FirstOrDefault(id => id != change.TargetId);
            return holder is null ? null : $"the {field} it writes is held by TitanHST's active record {holder} (unique)";
        }

        /// <summary>A field's writers: the first change writing each value, and every writer of a value written more than once.</summary>
        private readonly struct Written
        {
            internal Written(Dictionary<string, StaffChange> first, Dictionary<string, List<StaffChange>> shared)
            {
                First = first;
                Shared = shared;
            }

            internal Dictionary<string, StaffChange> First { get; }

            internal Dictionary<string, List<StaffChange>> Shared { get; }
        }

        /// <summary>
        /// The folded hashes of the values written (<see cref="FoldedTextHash"/>; never 0, which marks a free slot),
        /// looked up once per active TitanHST record and unique field. Its own open-addressing table, compiled
        /// optimized: a HashSet of ulong is a generic instance the framework has not compiled ahead, and its look-ups
        /// ran unoptimized through a first call (0.1 s of a 1M diff's tail). A bit per hash in a 128 KiB filter answers
        /// most look-ups (a record holding none of the values) from the processor's cache, before the table's slots.
        /// </summary>
        private sealed class WrittenHashes
        {
            private const int FilterBits = 1 << 20;

            private readonly ulong[] _filter = new ulong[FilterBits / 64];
            private readonly ulong[] _slots;
            private readonly int _mask;

            internal WrittenHashes(IReadOnlyCollection<string> values)
            {
                var size = 16;
                while (size < values.Count * 2)
                {
                    size *= 2;
                }

                _slots = new ulong[size];
                _mask = size - 1;
                var buffer = new byte[256];
                foreach (var value in values)
                {
                    Add(FoldedTextHash.Of(value, ref buffer));
                }
            }

            [MethodImpl(Hot.Path)]
            internal bool Contains(ulong hash)
            {
                // The filter takes the hash's high bits, the slots its low ones.
                var bit = (int)(hash >> 44);
                if (hash == 0 || (_filter[bit >> 6] & (1UL << (bit & 63))) == 0)
                {
                    return false;
                }

                for (var slot = (int)hash & _mask; _slots[slot] != 0; slot = (slot + 1) & _mask)
                {
                    if (_slots[slot] == hash)
                    {
                        return true;
                    }
                }

                return false;
            }

            [MethodImpl(Hot.Path)]
            private void Add(ulong hash)
            {
                var bit = (int)(hash >> 44);
                _filter[bit >> 6] |= 1UL << (bit & 63);
                var slot = (int)hash & _mask;
                while (_slots[slot] != 0 && _slots[slot] != hash)
                {
                    slot = (slot + 1) & _mask;
                }

                _slots[slot] = hash;
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
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
        /// <summary>Marks the colliding changes Blocked; returns one summary reason per unique field that has collisions.</summary>
        internal static IReadOnlyList<string> Mark(IReadOnlyList<StaffChange> changes, MappingContract contract, TargetTable table)
        {
            var reasons = new List<string>();
            foreach (var field in contract.Fields.Where(f => f.Unique && f.Owned))
            {
                var writers = Writers(changes, field.Name);
                if (writers.Count == 0)
                {
                    continue;
                }

                var holders = Holders(table, field.Name, writers);
                var blocked = 0;
                foreach (var pair in writers)
                {
                    foreach (var change in pair.Value)
                    {
                        var why = Collision(change, pair.Value, holders.TryGetValue(pair.Key, out var ids) ? ids : null, field.Name);
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
                    reasons.Add($"blocked: {blocked} change(s) would write a {field.Name} that another person holds or is given (the contract marks {field.Name} unique)");
                }
            }

            return reasons;
        }

        /// <summary>The changes that write each value of the field: a create's value, an update's or reactivation's new one.</summary>
        private static Dictionary<string, List<StaffChange>> Writers(IReadOnlyList<StaffChange> changes, string field)
        {
            var writers = new Dictionary<string, List<StaffChange>>(StringComparer.OrdinalIgnoreCase);
            foreach (var change in changes)
            {
                var value = change.GetAction() switch
                {
                    ChangeAction.Create => change.GetDesiredFields().TryGetValue(field, out var desired) ? desired : null,
                    ChangeAction.Update or ChangeAction.Reactivate => change.GetFieldChanges().FirstOrDefault(c => c.Field == field)?.New,
                    _ => null,
                };
                if (string.IsNullOrEmpty(value))
                {
                    continue;
                }

                if (!writers.TryGetValue(value!, out var list))
                {
                    writers[value!] = list = new List<StaffChange>();
                }

                list.Add(change);
            }

            return writers;
        }

        /// <summary>The ids of TitanHST's active records holding a value some change writes (one pass over the table).</summary>
        private static Dictionary<string, List<string>> Holders(TargetTable table, string field, Dictionary<string, List<StaffChange>> writers)
        {
            var holders = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
            // A string is made only for a row whose value hashes like one being written (ASCII case folded; a value that
            // differs from a written one only in the case of a non-ASCII letter is not seen as the same).
            var hashes = new HashSet<ulong>(writers.Keys.Select(FoldedTextHash.Of));
            var selection = new TargetFieldSelection(table, new[] { field });
            for (var row = 0; row < table.Count; row++)
            {
                if (!table.Active(row))
                {
                    continue;
                }

                // A record kept whole has no cells to read in place: its value is a string already.
                var hash = selection.Open(row) ? selection.FoldedHashInOpen(0) : FoldedTextHash.Of(selection.Value(row, 0));
                var value = hashes.Contains(hash) ? selection.Value(row, 0) : null;
                if (string.IsNullOrEmpty(value) || !writers.ContainsKey(value!))
                {
                    continue;
                }

                if (!holders.TryGetValue(value!, out var ids))
                {
                    holders[value!] = ids = new List<string>();
                }

                ids.Add(table.Id(row));
            }

            return holders;
        }

        /// <summary>Why the change may not write its value (ids and keys only, never the value), or null.</summary>
        private static string? Collision(StaffChange change, List<StaffChange> sameValue, List<string>? heldBy, string field)
        {
            var others = sameValue.Where(c => !ReferenceEquals(c, change)).Select(c => c.GetExternalId()).ToList();
            if (others.Count > 0)
            {
                return $"the {field} it writes is also written for externalId {string.Join(", ", others.Take(3))}{(others.Count > 3 ? ", ..." : string.Empty)} in this diff (unique)";
            }

            var holder = heldBy?.FirstOrDefault(id => id != change.TargetId);
            return holder is null ? null : $"the {field} it writes is held by TitanHST's active record {holder} (unique)";
        }
    }
}

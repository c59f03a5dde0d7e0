using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Aether.TitanHst.Canonical;
using Aether.TitanHst.Diff;

namespace Aether.TitanHst.Preview
{
    /// <summary>
    /// How one person's outcomes under the two contracts differ: the kind of difference, the fields whose values
    /// differ, and whether the two diffs' changes for the person are the same. Pure: <see cref="ContractComparer"/>
    /// runs the comparison and calls these per person, from either of its threads.
    /// </summary>
    internal static class PersonOutcomeDiff
    {
        [MethodImpl(Hot.Path)]
        internal static ContractDifferenceKind OutcomeKind(PersonOutcome old, PersonOutcome now, bool fieldsDiffer)
        {
            if (old.Kind == now.Kind)
            {
                return old.Kind switch
                {
                    PersonOutcomeKind.Record => fieldsDiffer ? ContractDifferenceKind.FieldChanged : ContractDifferenceKind.None,
                    PersonOutcomeKind.Error when old.Reason != now.Reason => ContractDifferenceKind.ErrorAdded | ContractDifferenceKind.ErrorCleared,
                    PersonOutcomeKind.Conflict when old.Reason != now.Reason => ContractDifferenceKind.ConflictAdded | ContractDifferenceKind.ConflictCleared,
                    _ => ContractDifferenceKind.None,
                };
            }

            var kind = ContractDifferenceKind.None;
            kind |= Leaving(old.Kind);
            kind |= Arriving(now.Kind);
            if (old.Kind == PersonOutcomeKind.Record && now.Kind is PersonOutcomeKind.OutOfScope or PersonOutcomeKind.Absent or PersonOutcomeKind.Skipped)
            {
                kind |= ContractDifferenceKind.LeftScope;
            }

            if (now.Kind == PersonOutcomeKind.Record && old.Kind is PersonOutcomeKind.OutOfScope or PersonOutcomeKind.Absent or PersonOutcomeKind.Skipped)
            {
                kind |= ContractDifferenceKind.EnteredScope;
            }

            return kind;
        }

        private static ContractDifferenceKind Leaving(PersonOutcomeKind kind) => kind switch
        {
            PersonOutcomeKind.Conflict => ContractDifferenceKind.ConflictCleared,
            PersonOutcomeKind.Error => ContractDifferenceKind.ErrorCleared,
            _ => ContractDifferenceKind.None,
        };

        private static ContractDifferenceKind Arriving(PersonOutcomeKind kind) => kind switch
        {
            PersonOutcomeKind.Conflict => ContractDifferenceKind.ConflictAdded,
            PersonOutcomeKind.Error => ContractDifferenceKind.ErrorAdded,
            _ => ContractDifferenceKind.None,
        };

        /// <summary>
        /// The fields whose values differ, the reference's fields first, then the difference's new ones. Nothing is
        /// allocated for equal records (most people): a list is made at the first difference. Two extractions of
        /// contracts defining the same fields in the same order have equal schemas, compared value by value.
        /// </summary>
        [MethodImpl(Hot.Path)]
        internal static IReadOnlyList<ContractFieldDifference> FieldDifferences(CanonicalStaffRecord? old, CanonicalStaffRecord? now)
        {
            if (old is null || now is null || ReferenceEquals(old, now))
            {
                // One record held for both (built alike: RecordExchange) has no difference.
                return Array.Empty<ContractFieldDifference>();
            }

            List<ContractFieldDifference>? result = null;
            var names = old.Schema.Names;
            if (old.Schema.SameNames(now.Schema))
            {
                for (var i = 0; i < names.Count; i++)
                {
                    if (!string.Equals(old.ValueAt(i), now.ValueAt(i), StringComparison.Ordinal))
                    {
                        (result ??= new List<ContractFieldDifference>()).Add(new ContractFieldDifference(names[i], old.ValueAt(i), now.ValueAt(i)));
                    }
                }

                return result ?? (IReadOnlyList<ContractFieldDifference>)Array.Empty<ContractFieldDifference>();
            }

            foreach (var name in names)
            {
                Differ(ref result, name, old[name], now[name]);
            }

            foreach (var name in now.Schema.Names)
            {
                if (!old.Schema.TryGetOrdinal(name, out _))
                {
                    Differ(ref result, name, null, now[name]);
                }
            }

            return result ?? (IReadOnlyList<ContractFieldDifference>)Array.Empty<ContractFieldDifference>();
        }

        private static void Differ(ref List<ContractFieldDifference>? result, string name, string? before, string? after)
        {
            if (!string.Equals(before, after, StringComparison.Ordinal))
            {
                (result ??= new List<ContractFieldDifference>()).Add(new ContractFieldDifference(name, before, after));
            }
        }

        [MethodImpl(Hot.Path)]
        internal static bool SameChange(StaffChange? old, StaffChange? now)
        {
            if (old is null || now is null)
            {
                return old is null && now is null;
            }

            return old.GetAction() == now.GetAction() && old.GetRisk() == now.GetRisk() && old.Blocked == now.Blocked && old.HeldBack == now.HeldBack
                && (SameFieldChanges(old.GetFieldChanges(), now.GetFieldChanges()) || string.Equals(old.Changes, now.Changes, StringComparison.Ordinal));
        }

        /// <summary>
        /// True when the two lists are equal field by field, so their <see cref="StaffChange.Changes"/> texts (made of
        /// each change's field, old, new and description only) are equal without making them; false only says "compare
        /// the texts" (two different lists could still read alike).
        /// </summary>
        [MethodImpl(Hot.Path)]
        private static bool SameFieldChanges(IReadOnlyList<FieldChange> old, IReadOnlyList<FieldChange> now)
        {
            if (old.Count != now.Count)
            {
                return false;
            }

            for (var i = 0; i < old.Count; i++)
            {
                var (a, b) = (old[i], now[i]);
                if (!string.Equals(a.Field, b.Field, StringComparison.Ordinal) || !string.Equals(a.Old, b.Old, StringComparison.Ordinal)
                    || !string.Equals(a.New, b.New, StringComparison.Ordinal) || !string.Equals(a.Description, b.Description, StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }
    }
}

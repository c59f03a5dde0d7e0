using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Diff;
using Aether.TitanHst.Positions;

namespace Aether.TitanHst.Safety
{
    /// <summary>What the safety policy made of a set of changes: the threshold breaches and the changes whose values the contract rejects.</summary>
    public sealed class SafetyVerdict
    {
        internal SafetyVerdict(IReadOnlyList<string> blockReasons, int heldBack, IReadOnlyList<(StaffChange Change, IReadOnlyList<string> Problems)> invalid, IReadOnlyDictionary<RiskFlags, int> counts)
        {
            Counts = counts;
            BlockReasons = blockReasons;
            HeldBack = heldBack;
            Invalid = invalid;
        }

        public IReadOnlyList<string> BlockReasons { get; }

        /// <summary>The counted risky changes by kind (held-back changes left out): what the thresholds were held to.</summary>
        public IReadOnlyDictionary<RiskFlags, int> Counts { get; }

        public int HeldBack { get; }

        /// <summary>Changes that would write a value the contract could not have produced, with why.</summary>
        public IReadOnlyList<(StaffChange Change, IReadOnlyList<string> Problems)> Invalid { get; }
    }

    /// <summary>
    /// The one safety policy: what makes a change risky, which changes additions-only mode holds back, which the
    /// thresholds block, and whether the values to write are ones the contract allows. The diff calls it to mark its
    /// changes; apply calls it again, on exactly the changes it is about to write, and never trusts marks from a file.
    /// </summary>
    public static class ChangeSafety
    {
        // Below this many changes a second thread is not worth starting.
        private const int JudgeInTwoFrom = 20_000;

        private static readonly RiskFlags[] Counted =
        {
            RiskFlags.Delete, RiskFlags.Deactivate, RiskFlags.Reactivation, RiskFlags.RoleChange, RiskFlags.SiteChange, RiskFlags.PrimaryChange,
            RiskFlags.ValueCleared, RiskFlags.IdentityChange, RiskFlags.Create,
        };

        /// <summary>The risks of a change, from what it does: its action, and which review fields it changes.</summary>
        /// <remarks>
        /// <paramref name="assignmentsField"/>: the contract's positions field, when it has one (decision 0011). Then sites
        /// and roles are judged on the whole set of assignments, not on the primary's siteCode/roleCode mirror: a person
        /// whose set of sites (roles) changes is a SiteChange (RoleChange); a primary that only moves between assignments
        /// the person already holds is a PrimaryChange. Setting assignments where there were none is neither.
        /// </remarks>
        [MethodImpl(Hot.Path)]
        public static RiskFlags RiskOf(ChangeAction action, IEnumerable<FieldChange> fieldChanges, ReviewFields review, string? assignmentsField = null)
        {
            var risk = action switch
            {
                ChangeAction.Delete => RiskFlags.Delete,
                ChangeAction.Deactivate => RiskFlags.Deactivate,
                ChangeAction.Reactivate => RiskFlags.Reactivation,
                ChangeAction.Conflict => RiskFlags.Conflict,
                _ => RiskFlags.None,
            };
            if (action is ChangeAction.Update or ChangeAction.Reactivate)
            {
                // Setting a role or site where there was none is not a change of role or site. A list is walked by
                // index: this runs for every change of a diff, twice (the builder and the policy's marks).
                var list = fieldChanges as IReadOnlyList<FieldChange> ?? fieldChanges.ToList();
                var namesChanged = 0;
                for (var i = 0; i < list.Count; i++)
                {
                    var change = list[i];
                    if (change.Old is null)
                    {
                        continue;
                    }

                    risk |= change.New is null ? RiskFlags.ValueCleared : RiskFlags.None;
                    namesChanged += IsNameChange(change, review) ? 1 : 0;
                    if (assignmentsField is not null)
                    {
                        risk |= change.Field == assignmentsField ? AssignmentRisk(change) : RiskFlags.None;
                        continue;
                    }

                    risk |= change.Field == review.RoleField ? RiskFlags.RoleChange : RiskFlags.None;
                    risk |= change.Field == review.SiteField ? RiskFlags.SiteChange : RiskFlags.None;
                }

                // One name changes when people marry; all of them at once is someone else under this key. A contract
                // with a single display-name field cannot tell the two apart, so it is not judged.
                risk |= review.DisplayName.Count >= 2 && namesChanged == review.DisplayName.Count ? RiskFlags.IdentityChange : RiskFlags.None;
            }

            return risk;
        }

        /// <summary>A display-name field whose old and new values differ beyond case and accents ("JOSE" → "José" is the same name).</summary>
        [MethodImpl(Hot.Path)]
        private static bool IsNameChange(FieldChange change, ReviewFields review)
        {
            var names = review.DisplayName;
            for (var i = 0; i < names.Count; i++)
            {
                if (change.Field == names[i])
                {
                    return change.New is null
                        || CultureInfo.InvariantCulture.CompareInfo.Compare(change.Old, change.New, CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace) != 0;
                }
            }

            return false;
        }

        [MethodImpl(Hot.Path)]
        private static RiskFlags AssignmentRisk(FieldChange change)
        {
            // A value that does not parse cannot be judged: treat it as the riskiest reading.
            if (!AssignmentSet.TryParse(change.Old, out var old) || !AssignmentSet.TryParse(change.New, out var wanted))
            {
                return RiskFlags.SiteChange | RiskFlags.RoleChange;
            }

            if (old.Count == 0)
            {
                return RiskFlags.None;
            }

            var risk = RiskFlags.None;
            risk |= !SameCodes(old, wanted, sites: true) ? RiskFlags.SiteChange : RiskFlags.None;
            risk |= !SameCodes(old, wanted, sites: false) ? RiskFlags.RoleChange : RiskFlags.None;
            if (risk == RiskFlags.None && !SameSlot(old.Primary, wanted.Primary))
            {
                risk |= RiskFlags.PrimaryChange;
            }

            return risk;
        }

        /// <summary>True when both sets hold the same distinct site (or role) codes, ordinal; a set holds a handful.</summary>
        private static bool SameCodes(AssignmentSet a, AssignmentSet b, bool sites) => Covers(a, b, sites) && Covers(b, a, sites);

        [MethodImpl(Hot.Path)]
        private static bool Covers(AssignmentSet holder, AssignmentSet of, bool sites)
        {
            for (var w = 0; w < of.Items.Count; w++)
            {
                var code = sites ? of.Items[w].SiteCode : of.Items[w].RoleCode;
                var found = false;
                for (var h = 0; h < holder.Items.Count; h++)
                {
                    if (string.Equals(sites ? holder.Items[h].SiteCode : holder.Items[h].RoleCode, code, StringComparison.Ordinal))
                    {
                        found = true;
                        break;
                    }
                }

                if (!found)
                {
                    return false;
                }
            }

            return true;
        }

        // Codes hold no '/', so two slots "SITE/ROLE" are equal exactly when site and role are.
        private static bool SameSlot(Assignment? a, Assignment? b) =>
            a is null || b is null
                ? a is null && b is null
                : string.Equals(a.SiteCode, b.SiteCode, StringComparison.Ordinal) && string.Equals(a.RoleCode, b.RoleCode, StringComparison.Ordinal);

        /// <summary>Whether a threshold of this kind counts the change: by its risks, and a create by its action (no change carries <see cref="RiskFlags.Create"/>).</summary>
        private static bool Counts(StaffChange change, RiskFlags kind) =>
            (change.GetRisk() & kind) != 0 || (kind == RiskFlags.Create && change.GetAction() == ChangeAction.Create);

        /// <summary>
        /// The verdict of each change in [from, to) on its own: its risks re-derived, the values the contract rejects
        /// (into <paramref name="problemsOf"/>), held back by additions-only mode.
        /// </summary>
        /// <returns>How many were judged (<see cref="TwoHalves"/> wants a result).</returns>
        private static int Judge(IReadOnlyList<StaffChange> changes, MappingContract contract, IReadOnlyList<string>[] problemsOf, int from, int to)
        {
            var safety = contract.Policies.Safety;
            var review = contract.Policies.Review;
            var assignmentsField = HeldValues.AssignmentsField(contract);
            for (var i = from; i < to; i++)
            {
                var change = changes[i];
                change.RiskValue |= RiskOf(change.GetAction(), change.GetFieldChanges(), review, assignmentsField);
                problemsOf[i] = DesiredValueCheck.Problems(change, contract);
                if (safety.HoldsBack(change.GetRisk()))
                {
                    change.HeldBack = true;
                    change.BlockReason = "held back: the contract is in additions-only mode (safety.additionsOnly)";
                }
            }

            return to - from;
        }

        /// <summary>
        /// Marks <paramref name="changes"/> with the contract's verdict: re-derived risk, held back, blocked. Marks
        /// already on a change are kept (a file can make a change stricter, never looser).
        /// </summary>
        /// <remarks><c>managedActive</c>: the managed active TitanHST records the diff saw, the baseline of percentage thresholds.</remarks>
        public static SafetyVerdict Mark(IReadOnlyList<StaffChange> changes, MappingContract contract, int managedActive)
        {
            var safety = contract.Policies.Safety;
            var problemsOf = new IReadOnlyList<string>[changes.Count];
            // Each change's own verdict depends on it alone: at 1M staff the ~190k changes took 0.2 s of the diff's
            // one-thread tail, so a large set is judged in two halves on two threads; the counts are then taken in order.
            TwoHalves.Run(changes.Count, JudgeInTwoFrom, (from, to) => Judge(changes, contract, problemsOf, from, to));

            var counts = new Dictionary<RiskFlags, int>();
            var heldBack = 0;
            var invalid = new List<(StaffChange, IReadOnlyList<string>)>();
            for (var i = 0; i < changes.Count; i++)
            {
                var change = changes[i];
                if (problemsOf[i].Count > 0)
                {
                    invalid.Add((change, problemsOf[i]));
                }

                if (change.HeldBack)
                {
                    heldBack++;
                    continue;
                }

                foreach (var kind in Counted)
                {
                    if (Counts(change, kind))
                    {
                        counts[kind] = (counts.TryGetValue(kind, out var n) ? n : 0) + 1;
                    }
                }
            }

            var breaches = safety.Breaches(counts, managedActive);
            foreach (var (kind, reason) in breaches)
            {
                var because = $"blocked: {reason}";
                foreach (var change in changes.Where(c => !c.HeldBack && Counts(c, kind)))
                {
                    if (change.BlockReason is null || !change.BlockReason.Contains(reason))
                    {
                        change.BlockReason = change.BlockReason is null ? because : $"{change.BlockReason}; {reason}";
                    }

                    change.Blocked = true;
                }
            }

            return new SafetyVerdict(breaches.Select(b => b.Reason).ToList(), heldBack, invalid, counts);
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using Aether.TitanHst.Diff;

namespace Aether.TitanHst.Plan
{
    /// <summary>Shows what changed since a plan was reviewed, by comparing it with a fresh diff person by person.</summary>
    public static class PlanComparer
    {
        public static IEnumerable<PlanDifference> Compare(IEnumerable<StaffChange> planned, IEnumerable<StaffChange> current)
        {
            var before = planned.Where(c => c.GetAction() != ChangeAction.NoChange).ToDictionary(c => c.ExternalId, StringComparer.Ordinal);
            var now = current.Where(c => c.GetAction() != ChangeAction.NoChange).ToDictionary(c => c.ExternalId, StringComparer.Ordinal);

            foreach (var pair in now)
            {
                if (!before.TryGetValue(pair.Key, out var old))
                {
                    yield return new PlanDifference(PlanDifferenceKind.Added, pair.Key, null, pair.Value.ToString(), NotPlanned(pair.Value));
                    continue;
                }

                var difference = Describe(old, pair.Value);
                if (difference is not null)
                {
                    yield return difference;
                }
            }

            foreach (var pair in before.Where(p => !now.ContainsKey(p.Key)))
            {
                yield return new PlanDifference(PlanDifferenceKind.Removed, pair.Key, pair.Value.ToString(), null,
                    $"the fresh diff no longer has this {pair.Value.GetAction()} (already applied, or the sources changed)");
            }
        }

        // A plan holds the changes that were reviewed and exported, often fewer than its diff had: a fresh change it lacks
        // was left out then (not approved, never applicable) or is new since. The plan cannot tell which, so neither
        // does the detail; it says what would keep such a change out of any plan.
        private static string NotPlanned(StaffChange change) => change.GetAction() == ChangeAction.Conflict
            ? "not in the plan: a Conflict (never applied; left out at review, or new since)"
            : change.Blocked || change.HeldBack
                ? $"not in the plan: a {change.GetAction()} that is {(change.Blocked ? "blocked" : "held back")} now (left out at review, or new since)"
                : $"not in the plan: a {change.GetAction()} left out at review, or new since";

        private static PlanDifference? Describe(StaffChange old, StaffChange now)
        {
            if (old.GetAction() != now.GetAction())
            {
                return new PlanDifference(PlanDifferenceKind.ActionChanged, now.ExternalId, old.ToString(), now.ToString(), $"{old.GetAction()} when reviewed, {now.GetAction()} now");
            }

            if (old.Changes != now.Changes)
            {
                return new PlanDifference(PlanDifferenceKind.FieldsChanged, now.ExternalId, old.ToString(), now.ToString(), "the field changes differ from the review");
            }

            if (!string.Equals(old.ETag, now.ETag, StringComparison.Ordinal))
            {
                return new PlanDifference(PlanDifferenceKind.TargetChanged, now.ExternalId, old.ToString(), now.ToString(),
                    $"the TitanHST record changed since the review (ETag {old.ETag} then, {now.ETag} now)");
            }

            if (old.Blocked != now.Blocked || old.HeldBack != now.HeldBack)
            {
                return new PlanDifference(PlanDifferenceKind.SafetyChanged, now.ExternalId, old.ToString(), now.ToString(),
                    $"blocked {old.Blocked}/held back {old.HeldBack} when reviewed, {now.Blocked}/{now.HeldBack} now");
            }

            return null;
        }
    }
}

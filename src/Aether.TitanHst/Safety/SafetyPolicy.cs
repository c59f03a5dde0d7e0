using System;
using System.Collections.Generic;
using System.Linq;

namespace Aether.TitanHst.Safety
{
    /// <summary>
    /// The contract's safety settings: how removals happen, additions-only mode, and thresholds. The diff marks
    /// changes with it and the apply step obeys what the diff marked; nothing re-derives these decisions.
    /// </summary>
    public sealed class SafetyPolicy
    {
        /// <summary>
        /// Used when a contract has no "safety" section: deactivate, and block unusual volumes. A contract's own
        /// thresholds replace these kind by kind; a kind it leaves out keeps its default.
        /// </summary>
        /// <remarks>
        /// Reactivations are counted like deactivations: an old HR export restored from a backup gives back access to
        /// people who left. Cleared values and identity changes are what a valid but wrong export (one school only, a
        /// column sorted on its own) looks like as plain updates; a normal day has a few of either.
        /// </remarks>
        public static readonly SafetyPolicy Default = new(RemovalMode.Deactivate, additionsOnly: false, new[]
        {
            new Threshold(RiskFlags.Deactivate, null, 10),
            new Threshold(RiskFlags.Delete, null, 5),
            new Threshold(RiskFlags.Reactivation, 10, null),
            new Threshold(RiskFlags.RoleChange, null, 10),
            new Threshold(RiskFlags.SiteChange, null, 20),
            new Threshold(RiskFlags.ValueCleared, null, 5),
            new Threshold(RiskFlags.IdentityChange, 5, null),
        });

        public SafetyPolicy(RemovalMode removal, bool additionsOnly, IEnumerable<Threshold> thresholds)
        {
            Removal = removal;
            AdditionsOnly = additionsOnly;
            Thresholds = thresholds.ToList();
        }

        public RemovalMode Removal { get; }

        /// <summary>Creates and field updates go ahead; deactivations and deletions are held back (summer rollover).</summary>
        public bool AdditionsOnly { get; }

        public IReadOnlyList<Threshold> Thresholds { get; }

        /// <summary>Approvals a plan needs before it is applied (safety.approvals); none by default.</summary>
        public Approvals.ApprovalPolicy Approvals { get; internal set; } = Aether.TitanHst.Approvals.ApprovalPolicy.None;

        /// <summary>True when additions-only mode holds a change with these risks back.</summary>
        public bool HoldsBack(RiskFlags risk) => AdditionsOnly && (risk & (RiskFlags.Deactivate | RiskFlags.Delete)) != 0;

        /// <summary>
        /// The fewest managed active records under which these counts stay within every percentage threshold, or null
        /// when no percentage threshold counts a change here. A baseline below it breaches; apply checks that TitanHST
        /// holds at least this many, because the baseline a plan carries is only the diff's word.
        /// </summary>
        public int? PercentBaselineNeeded(IReadOnlyDictionary<RiskFlags, int> counts)
        {
            int? needed = null;
            foreach (var threshold in Thresholds)
            {
                if (threshold.MaxPercent is not { } percent || !counts.TryGetValue(threshold.Kind, out var count) || count == 0)
                {
                    continue;
                }

                var least = percent <= 0 ? int.MaxValue : (int)Math.Min(int.MaxValue, Math.Ceiling(count * 100.0 / percent));
                needed = Math.Max(needed ?? 0, least);
            }

            return needed;
        }

        /// <summary>Every threshold the counts exceed, with its reason.</summary>
        public IReadOnlyList<(RiskFlags Kind, string Reason)> Breaches(IReadOnlyDictionary<RiskFlags, int> counts, int managedActive)
        {
            var result = new List<(RiskFlags, string)>();
            foreach (var threshold in Thresholds)
            {
                var count = counts.TryGetValue(threshold.Kind, out var n) ? n : 0;
                var reason = threshold.Breach(count, managedActive);
                if (reason is not null)
                {
                    result.Add((threshold.Kind, reason));
                }
            }

            return result;
        }
    }
}

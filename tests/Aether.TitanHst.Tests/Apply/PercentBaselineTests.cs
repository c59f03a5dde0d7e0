using System.Collections.Generic;
using Aether.TitanHst.Safety;

namespace Aether.TitanHst.Tests.Apply
{
    /// <summary>The fewest managed active records under which a plan's counts stay within its percentage thresholds.</summary>
    public sealed class PercentBaselineTests
    {
        [Fact]
        public void The_baseline_needed_is_the_largest_any_percentage_threshold_asks_for()
        {
            var policy = SafetyPolicy.Default; // deactivations 10 %, deletes 5 %, role changes 10 %, site changes 20 %
            var counts = new Dictionary<RiskFlags, int> { [RiskFlags.Deactivate] = 5, [RiskFlags.SiteChange] = 30 };
            Assert.Equal(150, policy.PercentBaselineNeeded(counts));
            Assert.Null(policy.Breach(counts, 150));
            Assert.NotNull(policy.Breach(counts, 149));
        }

        [Fact]
        public void Without_counted_changes_under_a_percentage_threshold_nothing_is_needed()
        {
            Assert.Null(SafetyPolicy.Default.PercentBaselineNeeded(new Dictionary<RiskFlags, int> { [RiskFlags.PrimaryChange] = 3, [RiskFlags.Deactivate] = 0 }));
        }
    }

    internal static class SafetyPolicyBreach
    {
        internal static string? Breach(this SafetyPolicy policy, IReadOnlyDictionary<RiskFlags, int> counts, int baseline) =>
            policy.Breaches(counts, baseline) is { Count: > 0 } breaches ? breaches[0].Reason : null;
    }
}

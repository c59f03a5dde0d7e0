using System.Collections.Generic;
using Aether.TitanHst.Client;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Diff;
using Aether.TitanHst.Safety;

namespace Aether.TitanHst.Apply
{
    /// <summary>
    /// A percentage threshold is held to the managed active records the diff counted, a number the plan carries: one
    /// edited upwards (by someone holding the key) would lift a block. When the changes pass only because of it, the
    /// active records TitanHST holds are counted until there are enough; fewer means the plan's baseline is not
    /// TitanHST's. All active records with an externalId are counted, a superset of the managed ones, so this bounds
    /// the baseline by what TitanHST holds (a page per 1,000 records needed) rather than re-doing the diff's scope.
    /// </summary>
    internal static class PercentBaselineCheck
    {
        /// <summary>Refuses the run when the changes pass a percentage threshold only by a baseline TitanHST does not hold; <paramref name="verdict"/> is the gate's (<see cref="ApplyGate.Check"/>).</summary>
        /// <exception cref="ApplyRefusedException">TitanHST holds fewer active records than the baseline needs (<see cref="ApplyErrorIds.ThresholdBaselineUnverified"/>).</exception>
        internal static void Check(TitanHstClient client, IReadOnlyList<StaffChange> changes, MappingContract contract, SafetyVerdict verdict)
        {
            if (verdict.BlockReasons.Count > 0 || contract.Policies.Safety.PercentBaselineNeeded(verdict.Counts) is not { } needed)
            {
                return;
            }

            var held = 0;
            foreach (var record in client.EnumerateStaff(new StaffQuery { Active = true, PageSize = 1000 }))
            {
                held += string.IsNullOrWhiteSpace(record.ExternalId) ? 0 : 1;
                if (held >= needed)
                {
                    return;
                }
            }

            throw new ApplyRefusedException(ApplyErrorIds.ThresholdBaselineUnverified,
                $"These changes stay within the contract's percentage thresholds only with at least {needed} managed active records as the baseline; the plan says {changes[0].Identity.ManagedActive ?? 0}, "
                + $"but TitanHST holds {held} active record(s) with an externalId. The plan's count was edited, or TitanHST lost records since the diff. Nothing was applied. Diff again against the live TitanHST.");
        }
    }
}

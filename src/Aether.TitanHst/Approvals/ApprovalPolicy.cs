using System;
using System.Collections.Generic;
using System.Linq;
using Aether.TitanHst.Diff;
using Aether.TitanHst.Safety;

namespace Aether.TitanHst.Approvals
{
    /// <summary>
    /// The contract's <c>safety.approvals</c>: how many people other than the plan's author must approve a plan
    /// before it is applied, and whether only plans with risky changes need it. Absent: no approval is required.
    /// </summary>
    public sealed class ApprovalPolicy
    {
        /// <summary>Risks that make a plan "risky" for <see cref="OnlyWhenRisky"/>.</summary>
        public const RiskFlags RiskyChanges = RiskFlags.Delete | RiskFlags.Deactivate | RiskFlags.RoleChange | RiskFlags.SiteChange | RiskFlags.Reactivation
            | RiskFlags.ValueCleared | RiskFlags.IdentityChange;

        public static readonly ApprovalPolicy None = new(0, distinctFromAuthor: true, onlyWhenRisky: false, Array.Empty<string>());

        public ApprovalPolicy(int required, bool distinctFromAuthor, bool onlyWhenRisky, IEnumerable<string> trustedSigners)
        {
            Required = required;
            DistinctFromAuthor = distinctFromAuthor;
            OnlyWhenRisky = onlyWhenRisky;
            TrustedSigners = trustedSigners.Select(t => t.Replace(" ", string.Empty).ToUpperInvariant()).ToList();
        }

        /// <summary>How many valid approvals a plan needs (0: none).</summary>
        public int Required { get; }

        /// <summary>An approval by the plan's author does not count (the default).</summary>
        public bool DistinctFromAuthor { get; }

        /// <summary>Only plans with deletes, deactivations, reactivations, role or site changes need approvals.</summary>
        public bool OnlyWhenRisky { get; }

        /// <summary>When not empty, certificate approvals count only from these signers (SHA-1 thumbprints, upper case).</summary>
        public IReadOnlyList<string> TrustedSigners { get; }

        /// <summary>How many approvals these changes need under the policy.</summary>
        public int RequiredFor(IEnumerable<StaffChange> changes)
        {
            if (Required == 0)
            {
                return 0;
            }

            return !OnlyWhenRisky || changes.Any(c => (c.GetRisk() & RiskyChanges) != 0) ? Required : 0;
        }
    }
}

using System.Collections.Generic;
using Aether.TitanHst.Safety;

namespace Aether.TitanHst.Contract
{
    /// <summary>What the contract says about reviewing and applying changes, as opposed to building records.</summary>
    public sealed class ContractPolicies
    {
        public ContractPolicies(ReviewFields review, IReadOnlyList<ConflictRule> conflicts, IReadOnlyList<ScopeCondition> targetScope, SafetyPolicy safety, ContractAuditPolicy audit)
        {
            Audit = audit;
            Review = review;
            Conflicts = conflicts;
            TargetScope = targetScope;
            Safety = safety;
        }

        public ReviewFields Review { get; }

        /// <summary>Source disagreements that become Conflict changes.</summary>
        public IReadOnlyList<ConflictRule> Conflicts { get; }

        /// <summary>Conditions on TitanHST fields: records that fail them are outside the connector's reach and never touched.</summary>
        public IReadOnlyList<ScopeCondition> TargetScope { get; }

        public SafetyPolicy Safety { get; }

        /// <summary>How long audit entries are kept and how each field's values are stored in them.</summary>
        public ContractAuditPolicy Audit { get; }
    }
}

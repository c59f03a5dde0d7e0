using System.Collections.Generic;

namespace Aether.TitanHst.Apply
{
    /// <summary>How one apply run behaves. Everything that loosens safety must be asked for explicitly.</summary>
    public sealed class ApplyOptions
    {
        /// <summary>Changes in flight at once; the client's rate limiter still paces the calls.</summary>
        public int ThrottleLimit { get; set; } = 4;

        /// <summary>Lets changes the diff marked Blocked (over a safety threshold) go ahead; the reason is audited. Null keeps them refused.</summary>
        public string? OverrideReason { get; set; }

        /// <summary>Deletes are refused unless asked for.</summary>
        public bool AllowDelete { get; set; }

        /// <summary>Role changes are refused unless asked for.</summary>
        public bool AllowRoleChange { get; set; }

        /// <summary>The hash of the saved plan the changes came from, for the audit; null when they came straight from a diff.</summary>
        public string? PlanHash { get; set; }

        /// <summary>The connector configuration's version when the run comes from Invoke-TitanHstSync, for the journal and audit.</summary>
        public string? ConfigVersion { get; set; }

        /// <summary>The contract the changes were computed with: the gate re-derives every safety decision from it.</summary>
        public Contract.MappingContract? Contract { get; set; }

        /// <summary>A TitanHST schema version other than the contract's that the operator acknowledged (audited); null for none.</summary>
        public string? AcknowledgedSchemaVersion { get; set; }

        /// <summary>
        /// The identities whose approvals of the plan verified (Approve-TitanHstPlan), or null when the changes do not
        /// come from a plan whose approvals were checked. The gate compares them with the contract's safety.approvals.
        /// </summary>
        public IReadOnlyList<string>? Approvers { get; set; }

        /// <summary>What the approval check found (counted and refused approvals), for the refusal message.</summary>
        public string? ApprovalSummary { get; set; }

        /// <summary>
        /// External ids of the changes the operator declined at the confirmation prompt: they are part of the run,
        /// recorded as Declined in the journal and the audit, and never called. Empty: none declined.
        /// </summary>
        public ISet<string> Declined { get; } = new HashSet<string>(KeyHash.Comparer);

        /// <summary>The connector configuration of the operating profile in effect, recorded in the run's header; null for none.</summary>
        public string? ConfigPath { get; set; }

        /// <summary>Who runs the apply (user@machine), for the journal.</summary>
        public string Operator { get; set; } = string.Empty;
    }
}

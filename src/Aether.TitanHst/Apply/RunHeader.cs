using System;
using System.Collections.Generic;

namespace Aether.TitanHst.Apply
{
    /// <summary>What an apply run was started with; kept in the run's folder as run.json.</summary>
    public sealed class RunHeader
    {
        public string RunId { get; set; } = string.Empty;

        public DateTimeOffset StartedAt { get; set; }

        public string Operator { get; set; } = string.Empty;

        /// <summary>The TitanHST base URI the run writes to, as connected (for people to read).</summary>
        public string Target { get; set; } = string.Empty;

        /// <summary>The same base URI in normal form (<see cref="Target.TargetIdentity"/>): what a resume compares.</summary>
        public string TargetBaseUri { get; set; } = string.Empty;

        /// <summary>The TitanHST instance id the run writes to.</summary>
        public string? TargetInstanceId { get; set; }

        /// <summary>The hash of the run's own plan copy (plan.json), so a plan from another run cannot be swapped in.</summary>
        public string RunPlanHash { get; set; } = string.Empty;

        public string ContractId { get; set; } = string.Empty;

        public string ContractVersion { get; set; } = string.Empty;

        public string ContractHash { get; set; } = string.Empty;

        /// <summary>The reviewed plan the changes came from, if any.</summary>
        public string? PlanHash { get; set; }

        /// <summary>The connector configuration's version, for runs started by Invoke-TitanHstSync.</summary>
        public string? ConfigVersion { get; set; }

        public int ThrottleLimit { get; set; }

        public string? OverrideReason { get; set; }

        public bool AllowDelete { get; set; }

        public bool AllowRoleChange { get; set; }

        /// <summary>The diff the changes came from: a second run of the same diff's changes is refused while this one is unfinished.</summary>
        public string? DiffId { get; set; }

        /// <summary>
        /// The audit folder (one chain) the run's entries go to. A resume writes to the same one or is refused, so one
        /// run's entries never end up in two chains. Null for runs written before it was recorded.
        /// </summary>
        public string? AuditFolder { get; set; }

        /// <summary>The connector configuration of the operating profile the run started under, or null when there was none.</summary>
        public string? ConfigPath { get; set; }

        /// <summary>Whose approvals of the plan verified when the run started (the header is authenticated, so a resume trusts it).</summary>
        public List<string>? Approvers { get; set; }
    }
}

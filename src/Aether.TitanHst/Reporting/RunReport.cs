using System;
using System.Collections.Generic;

namespace Aether.TitanHst.Reporting
{
    /// <summary>
    /// Everything a stakeholder report shows about one apply run, already limited to what may be shown:
    /// match keys, counts, reportable field values, and reasons cleaned of personal data. Renderers only format it.
    /// </summary>
    public sealed class RunReport
    {
        /// <summary>Rows listed per table; the rest are counted ("and 40 more").</summary>
        public const int MaxRows = 200;

        public string RunId { get; internal set; } = string.Empty;

        public string ContractId { get; internal set; } = string.Empty;

        public string ContractVersion { get; internal set; } = string.Empty;

        /// <summary>The contract hash's first 12 hex digits.</summary>
        public string ContractHashShort { get; internal set; } = string.Empty;

        /// <summary>The reviewed plan's hash, first 12 hex digits; null when the run came straight from a diff.</summary>
        public string? PlanHashShort { get; internal set; }

        public string Operator { get; internal set; } = string.Empty;

        /// <summary>The TitanHST instance written to, as host and path without a scheme (text, never a link).</summary>
        public string TargetHost { get; internal set; } = string.Empty;

        public DateTimeOffset StartedAt { get; internal set; }

        /// <summary>Null for a run interrupted and not resumed.</summary>
        public DateTimeOffset? FinishedAt { get; internal set; }

        public DateTimeOffset GeneratedAt { get; internal set; }

        /// <summary>True when another process was applying the run as the report was made (it holds the target's lock).</summary>
        public bool Running { get; internal set; }

        /// <summary>The reason given for overriding safety blocks, cleaned; null without an override.</summary>
        public string? OverrideReason { get; internal set; }

        /// <summary>The connector configuration of the operating profile the run started under; the "how to verify" commands start by connecting with it.</summary>
        public string? ConfigPath { get; internal set; }

        public ReportOutcomes Totals { get; internal set; } = new("All");

        /// <summary>Outcomes per action, in the report's action order.</summary>
        public IReadOnlyList<ReportOutcomes> ByAction { get; internal set; } = Array.Empty<ReportOutcomes>();

        /// <summary>Changes by site; empty when sites are not reportable.</summary>
        public IReadOnlyList<ReportGroup> BySite { get; internal set; } = Array.Empty<ReportGroup>();

        /// <summary>Changes by role; empty when roles are not reportable.</summary>
        public IReadOnlyList<ReportGroup> ByRole { get; internal set; } = Array.Empty<ReportGroup>();

        /// <summary>Changes blocked by a safety threshold or held back by additions-only mode.</summary>
        public IReadOnlyList<ReportChangeRow> Blocked { get; internal set; } = Array.Empty<ReportChangeRow>();

        /// <summary>Changes that failed or were stale.</summary>
        public IReadOnlyList<ReportChangeRow> Failed { get; internal set; } = Array.Empty<ReportChangeRow>();

        /// <summary>Conflicts: never applied, a person decides.</summary>
        public IReadOnlyList<ReportChangeRow> Conflicts { get; internal set; } = Array.Empty<ReportChangeRow>();

        /// <summary>Null when no validation was given.</summary>
        public ReportValidation? Validation { get; internal set; }

        /// <summary>The fields whose values may appear (the contract's reportable fields).</summary>
        public IReadOnlyList<string> ReportableFields { get; internal set; } = Array.Empty<string>();

        /// <summary>False when no contract was given: then no field value appears at all.</summary>
        public bool ContractKnown { get; internal set; }

        public bool SitesShown { get; internal set; }

        public bool RolesShown { get; internal set; }

        /// <summary>Things the reader should know about the report itself (a contract of another version, for example).</summary>
        public IReadOnlyList<string> Notes { get; internal set; } = Array.Empty<string>();

        /// <summary>Interrupted, or finished with failures or stale changes.</summary>
        public bool NeedsAttention => FinishedAt is null || Totals.Failed > 0 || Totals.Stale > 0 || Totals.Pending > 0;

        /// <summary>Failed, stale and pending changes: what a resume or a fresh diff takes up.</summary>
        public int LeftToDo => Totals.Failed + Totals.Stale + Totals.Pending;
    }
}

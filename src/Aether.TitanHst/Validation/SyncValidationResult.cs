using System;
using System.Collections.Generic;
using System.Linq;
using Aether.TitanHst.Diff;

namespace Aether.TitanHst.Validation
{
    /// <summary>
    /// What a post-apply validation found: whether TitanHST matches the sources (<see cref="Passed"/>), what still
    /// differs, the counts by site and role on both sides, and a field-by-field spot check of a random sample.
    /// </summary>
    public sealed class SyncValidationResult
    {
        internal SyncValidationResult(DiffIdentity identity, DiffResult diff, GroupCounts sites, GroupCounts roles)
        {
            ContractId = identity.ContractId;
            ContractVersion = identity.ContractVersion;
            ContractHash = identity.ContractHash;
            DiffId = identity.DiffId;
            Target = identity.Target;
            CheckedAt = identity.ComputedAt;
            Diff = diff.Summary;
            Remaining = diff.Changes.Where(c => c.IsApplicable).ToList();
            Outstanding = diff.Changes.Where(c => !c.IsApplicable && c.GetAction() != ChangeAction.NoChange).ToList();
            SiteField = sites.Field;
            RoleField = roles.Field;
            CountsEveryAssignment = sites.CountsAssignments;
            SiteCounts = sites.Rows();
            RoleCounts = roles.Rows();
        }

        /// <summary>
        /// True when no applicable change remains: nothing left to create, update, reactivate, deactivate or delete
        /// that apply may do without an override. Outstanding changes (conflicts, blocked, held back) do not fail it.
        /// </summary>
        public bool Passed => Remaining.Count == 0;

        /// <summary>Changes apply may still make (not conflicts, not blocked, not held back): what the apply left undone.</summary>
        public IReadOnlyList<StaffChange> Remaining { get; }

        /// <summary>Changes that wait for a person: conflicts, and changes blocked by a threshold or held back by additions-only mode.</summary>
        public IReadOnlyList<StaffChange> Outstanding { get; }

        /// <summary>Remaining creates.</summary>
        public int Create => Count(Remaining, ChangeAction.Create);

        /// <summary>Remaining updates.</summary>
        public int Update => Count(Remaining, ChangeAction.Update);

        /// <summary>Remaining reactivations.</summary>
        public int Reactivate => Count(Remaining, ChangeAction.Reactivate);

        /// <summary>Remaining deactivations.</summary>
        public int Deactivate => Count(Remaining, ChangeAction.Deactivate);

        /// <summary>Remaining deletions.</summary>
        public int Delete => Count(Remaining, ChangeAction.Delete);

        /// <summary>Outstanding conflicts.</summary>
        public int Conflict => Count(Outstanding, ChangeAction.Conflict);

        /// <summary>Outstanding changes blocked by a safety threshold.</summary>
        public int Blocked => Outstanding.Count(c => c.Blocked);

        /// <summary>Outstanding changes held back by additions-only mode.</summary>
        public int HeldBack => Outstanding.Count(c => c.HeldBack);

        /// <summary>People in scope in the sources.</summary>
        public int SourceRecords => Diff.SourceRecords;

        /// <summary>Active TitanHST records the connector manages.</summary>
        public int TargetManagedActive => Diff.ManagedActive;

        /// <summary>The contract's review field the site counts group by; null when it names none.</summary>
        public string? SiteField { get; }

        /// <summary>The contract's review field the role counts group by; null when it names none.</summary>
        public string? RoleField { get; }

        /// <summary>
        /// True when the counts go by assignment (decision 0011): a person at two sites counts at both, so the site
        /// (role) rows add up to more than the number of people.
        /// </summary>
        public bool CountsEveryAssignment { get; }

        /// <summary>Sources in scope and TitanHST managed active records, by site.</summary>
        public IReadOnlyList<SyncGroupCount> SiteCounts { get; }

        /// <summary>Sources in scope and TitanHST managed active records, by role.</summary>
        public IReadOnlyList<SyncGroupCount> RoleCounts { get; }

        /// <summary>One row per owned field of each sampled person.</summary>
        public IReadOnlyList<SpotCheckRow> SpotCheck { get; internal set; } = Array.Empty<SpotCheckRow>();

        /// <summary>The spot check's rows that do not match.</summary>
        public IReadOnlyList<SpotCheckRow> SpotCheckMismatches => SpotCheck.Where(r => !r.Match).ToList();

        /// <summary>The seed of the sample: pass it again to draw the same people.</summary>
        public int Seed { get; internal set; }

        /// <summary>How many people were asked for.</summary>
        public int SampleSize { get; internal set; }

        /// <summary>How many were sampled: the sample size, or every matched person when there are fewer.</summary>
        public int SampledPeople { get; internal set; }

        /// <summary>People in scope in the sources with a managed TitanHST record: the population sampled from.</summary>
        public int MatchedPeople { get; internal set; }

        /// <summary>The whole re-diff's summary (counts by action, site and role; whether safety blocked it).</summary>
        public DiffSummary Diff { get; }

        public string ContractId { get; }

        public string ContractVersion { get; }

        public string ContractHash { get; }

        /// <summary>The re-diff's id (every change in Remaining and Outstanding carries it).</summary>
        public string DiffId { get; }

        /// <summary>Where TitanHST's side was read from: a base URI or a snapshot file.</summary>
        public string Target { get; }

        public DateTimeOffset CheckedAt { get; }

        public override string ToString() =>
            $"{(Passed ? "Passed" : "Failed")}: {Remaining.Count} remaining, {Outstanding.Count} outstanding, {SpotCheckMismatches.Count} spot-check mismatch(es) in {SampledPeople} people";

        private static int Count(IEnumerable<StaffChange> changes, ChangeAction action) => changes.Count(c => c.GetAction() == action);
    }
}

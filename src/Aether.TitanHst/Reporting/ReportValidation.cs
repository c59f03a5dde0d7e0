using System;
using System.Collections.Generic;
using System.Linq;
using Aether.TitanHst.Validation;

namespace Aether.TitanHst.Reporting
{
    /// <summary>
    /// The validation after the run (Test-TitanHstSync) as the report shows it: numbers, and site and role
    /// counts only when those fields are reportable. No person's values.
    /// </summary>
    public sealed class ReportValidation
    {
        /// <summary>The report's view of a validation: site and role counts only when the privacy rule shows those fields.</summary>
        public static ReportValidation From(SyncValidationResult result, ReportPrivacy privacy) => new()
        {
            Passed = result.Passed,
            CheckedAt = result.CheckedAt,
            Remaining = result.Remaining.Count,
            RemainingByAction = RunReportBuilder.ActionOrder
                .Select(a => new KeyValuePair<string, int>(a, result.Remaining.Count(c => c.GetAction().ToString() == a))).Where(p => p.Value > 0).ToList(),
            Outstanding = result.Outstanding.Count,
            Conflicts = result.Conflict,
            Blocked = result.Blocked,
            HeldBack = result.HeldBack,
            SourceRecords = result.SourceRecords,
            TargetManagedActive = result.TargetManagedActive,
            SampledPeople = result.SampledPeople,
            SpotCheckMismatches = result.SpotCheckMismatches.Count,
            Sites = Shown(result.SiteField, privacy.SiteField, result.SiteCounts),
            Roles = Shown(result.RoleField, privacy.RoleField, result.RoleCounts),
            CountsEveryAssignment = result.CountsEveryAssignment,
        };

        /// <summary>The site and role counts go by assignment: a person at two sites counts at both (decision 0011).</summary>
        public bool CountsEveryAssignment { get; internal set; }

        /// <summary>The sentence that says so, for both renderers.</summary>
        internal const string AssignmentNote = "Counts by site and role count every assignment: a person who works at two sites counts at both, so the rows add up to more than the number of people.";

        private static IReadOnlyList<ReportComparison> Shown(string? field, string? reportableField, IReadOnlyList<SyncGroupCount> counts) =>
            field is not null && field == reportableField
                ? counts.Select(c => new ReportComparison(c.GetGroup(), c.Source, c.Target)).ToList()
                : Array.Empty<ReportComparison>();

        /// <summary>True when no applicable change remains.</summary>
        public bool Passed { get; internal set; }

        public DateTimeOffset CheckedAt { get; internal set; }

        /// <summary>Changes apply may still make.</summary>
        public int Remaining { get; internal set; }

        /// <summary>Remaining changes by action ("Create", 2), zero counts left out.</summary>
        public IReadOnlyList<KeyValuePair<string, int>> RemainingByAction { get; internal set; } = Array.Empty<KeyValuePair<string, int>>();

        /// <summary>Changes waiting for a person: conflicts, blocked, held back.</summary>
        public int Outstanding { get; internal set; }

        public int Conflicts { get; internal set; }

        public int Blocked { get; internal set; }

        public int HeldBack { get; internal set; }

        /// <summary>People in scope in the sources.</summary>
        public int SourceRecords { get; internal set; }

        /// <summary>Active TitanHST records the connector manages.</summary>
        public int TargetManagedActive { get; internal set; }

        /// <summary>People whose fields were compared one by one.</summary>
        public int SampledPeople { get; internal set; }

        /// <summary>Fields of sampled people that do not match.</summary>
        public int SpotCheckMismatches { get; internal set; }

        /// <summary>Empty when sites are not reportable.</summary>
        public IReadOnlyList<ReportComparison> Sites { get; internal set; } = Array.Empty<ReportComparison>();

        /// <summary>Empty when roles are not reportable.</summary>
        public IReadOnlyList<ReportComparison> Roles { get; internal set; } = Array.Empty<ReportComparison>();
    }
}

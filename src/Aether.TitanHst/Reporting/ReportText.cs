using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Aether.TitanHst.Reporting
{
    /// <summary>How the run went, in words: the Html and Markdown reports say the same sentences.</summary>
    public static class ReportText
    {
        /// <summary>The outcomes in tile order, each with what it means to a reader.</summary>
        public static readonly IReadOnlyList<KeyValuePair<string, string>> Outcomes = new[]
        {
            new KeyValuePair<string, string>("Succeeded", "applied in TitanHST"),
            new KeyValuePair<string, string>("Failed", "TitanHST refused or did not answer; retried on the next run"),
            new KeyValuePair<string, string>("Stale", "changed in TitanHST since the review; nothing overwritten"),
            new KeyValuePair<string, string>("Skipped", "not applied by design: conflicts and held-back changes"),
            new KeyValuePair<string, string>("Declined", "answered No at the confirmation prompt; never applied"),
            new KeyValuePair<string, string>("Pending", "not attempted yet: the run was interrupted"),
        };

        /// <summary>"ok", "warn" or "bad": the run's overall state, for the banner's colour.</summary>
        public static string Level(RunReport report) =>
            report.Totals.Failed > 0 ? "bad"
            : report.NeedsAttention || report.Totals.Declined > 0 || report.Conflicts.Count > 0 || report.Validation is { Passed: false } or { Outstanding: > 0 } ? "warn"
            : "ok";

        /// <summary>One sentence a principal can read: how many changes were applied and what needs attention.</summary>
        public static string Headline(RunReport report)
        {
            var t = report.Totals;
            if (t.Total == 0)
            {
                return "The run held no changes: TitanHST already matched the sources.";
            }

            var parts = new List<string> { $"{t.Succeeded} of {Changes(t.Total)} applied" };
            if (t.Failed > 0)
            {
                parts.Add($"{t.Failed} failed");
            }

            if (t.Stale > 0)
            {
                parts.Add($"{t.Stale} stale");
            }

            if (t.Declined > 0)
            {
                parts.Add($"{t.Declined} declined at the prompt");
            }

            if (report.Conflicts.Count > 0)
            {
                parts.Add($"{Number(report.Conflicts.Count, "conflict")} need{(report.Conflicts.Count == 1 ? "s" : string.Empty)} a person");
            }

            if (t.Pending > 0)
            {
                parts.Add($"{t.Pending} not attempted yet");
            }

            return Join(parts) + (report.FinishedAt is not null ? "."
                : report.Running ? ". The run is still being applied; make the report again when it ends."
                : ". The run did not finish; resume it with Invoke-TitanHstApply -Resume.");
        }

        /// <summary>"Passed" or "Not in sync".</summary>
        public static string Verdict(ReportValidation v) => v.Passed ? "Passed" : "Not in sync";

        /// <summary>The numbers behind the verdict.</summary>
        /// <remarks>
        /// Passed means no change is left that apply may make; TitanHST matches the sources only when nothing waits for
        /// a person either (a blocked mass deactivation standing is not "in sync").
        /// </remarks>
        public static string ValidationDetail(ReportValidation v) => (v.Passed
            ? v.Outstanding == 0 ? "TitanHST matches the sources" : "no change is left that apply may make"
            : $"{Number(v.Remaining, "change")} remain{(v.Remaining == 1 ? "s" : string.Empty)} to apply")
            + $"; {v.Outstanding} wait{(v.Outstanding == 1 ? "s" : string.Empty)} for a person.";

        /// <summary>"Passed: …" or "Not in sync: …".</summary>
        public static string ValidationLine(ReportValidation v) => $"{Verdict(v)}: {ValidationDetail(v)}";

        public static string When(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

        public static string Duration(RunReport report)
        {
            if (report.FinishedAt is not { } end)
            {
                return "did not finish";
            }

            var span = end - report.StartedAt;
            return span.TotalMinutes >= 1 ? $"{(int)span.TotalMinutes} min {span.Seconds} s" : $"{Math.Max(0, span.Seconds)} s";
        }

        /// <summary>What the report may show of people, in one sentence.</summary>
        public static string PrivacyLine(RunReport report) => report.ContractKnown
            ? report.ReportableFields.Count == 0
                ? "People appear by their match key (externalId) only: the contract marks no field as reportable."
                : $"People appear by their match key (externalId). The only values shown are of the fields the contract marks as reportable: {string.Join(", ", report.ReportableFields)}. Names, email addresses and other personal data are never shown."
            : "People appear by their match key (externalId) only: no contract was given, so no field values are shown.";

        public static string Number(int n, string noun) => $"{n.ToString(CultureInfo.InvariantCulture)} {noun}{(n == 1 ? string.Empty : "s")}";

        private static string Changes(int n) => Number(n, "change");

        private static string Join(List<string> parts) => parts.Count == 1
            ? Capital(parts[0])
            : Capital(string.Join(", ", parts.Take(parts.Count - 1)) + " and " + parts.Last());

        private static string Capital(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s.Substring(1);

        /// <summary>The empty conflicts table's line: never "No conflicts" when the validation counted one.</summary>
        public static string NoConflicts(RunReport report) => report.Validation is { Conflicts: > 0 } v
            ? $"None in this run's plan, but the validation after it counts {Number(v.Conflicts, "conflict")}: run Get-TitanHstDiff to see them."
            : "No conflicts.";
    }
}

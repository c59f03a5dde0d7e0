using System.Collections.Generic;
using System.Linq;
using System.Text;
using static Aether.TitanHst.Reporting.HtmlTables;

namespace Aether.TitanHst.Reporting
{
    /// <summary>
    /// Renders a <see cref="RunReport"/> as one self-contained HTML page: inline CSS, inline SVG charts, no script,
    /// no link, font or image fetched from anywhere, every piece of text HTML-encoded. It prints cleanly.
    /// </summary>
    public static class HtmlReportRenderer
    {
        public static string Render(RunReport report)
        {
            var html = new StringBuilder(32 * 1024);
            html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
                .Append("<meta name=\"referrer\" content=\"no-referrer\">")
                .Append("<title>").Append(E($"Staff sync report: {report.ContractId}, run {report.RunId}")).Append("</title>")
                .Append("<style>").Append(ReportStyles.Css).Append("</style></head><body><main class=\"page\">");
            Masthead(html, report);
            Banner(html, report);
            Tiles(html, report);
            Charts(html, report);
            Section(html, "Blocked or held back", "Changes the contract's safety rules stopped: over a threshold (blocked), or held back by additions-only mode.",
                h => Changes(h, report, report.Blocked, "Why", showFields: true, showStatus: false, "Nothing was blocked or held back.", blocked: true),
                report.OverrideReason is null ? null : $"Blocked changes were allowed in this run by an override. Reason given: {report.OverrideReason}");
            Section(html, "What failed", "Failed changes are retried by the next run or a resume; stale ones changed in TitanHST after the review and need a fresh diff.",
                h => Changes(h, report, report.Failed, "Reason", showFields: true, showStatus: true, "Nothing failed."), null);
            Section(html, "Conflicts needing a person", "Never applied automatically: fix the sources, TitanHST or the contract, then run the sync again.",
                h => Changes(h, report, report.Conflicts, "Why", showFields: false, showStatus: false, ReportText.NoConflicts(report)), null);
            Validation(html, report);
            Footer(html, report);
            return html.Append("</main></body></html>").ToString();
        }

        private static void Masthead(StringBuilder html, RunReport r)
        {
            html.Append("<header class=\"masthead\"><p class=\"eyebrow\">TitanHST staff sync report</p><h1>").Append(E(r.ContractId)).Append("</h1><dl class=\"meta\">");
            Meta(html, "Run", r.RunId, mono: true);
            Meta(html, "Started", ReportText.When(r.StartedAt));
            Meta(html, "Duration", ReportText.Duration(r));
            Meta(html, "Operator", r.Operator);
            Meta(html, "TitanHST", r.TargetHost, mono: true);
            Meta(html, "Contract", $"version {r.ContractVersion} · {r.ContractHashShort}");
            Meta(html, "Reviewed plan", r.PlanHashShort ?? "none (straight from a diff)", mono: r.PlanHashShort is not null);
            Meta(html, "Report made", ReportText.When(r.GeneratedAt));
            html.Append("</dl></header>");
        }

        private static void Meta(StringBuilder html, string term, string value, bool mono = false) =>
            html.Append("<div><dt>").Append(E(term)).Append(mono ? "</dt><dd class=\"mono\">" : "</dt><dd>").Append(E(value)).Append("</dd></div>");

        private static void Banner(StringBuilder html, RunReport r)
        {
            html.Append("<p class=\"banner ").Append(ReportText.Level(r)).Append("\">").Append(E(ReportText.Headline(r)));
            if (r.Validation is { } v)
            {
                html.Append("<small>Validation: ").Append(E(ReportText.ValidationLine(v))).Append("</small>");
            }

            html.Append("</p>");
            foreach (var note in r.Notes)
            {
                html.Append("<p class=\"note\">").Append(E(note)).Append("</p>");
            }
        }

        private static void Tiles(StringBuilder html, RunReport r)
        {
            html.Append("<section class=\"tiles\" aria-label=\"Outcomes\">");
            foreach (var outcome in ReportText.Outcomes)
            {
                var n = Count(r.Totals, outcome.Key);
                html.Append("<div class=\"tile").Append(n == 0 ? " zero" : string.Empty).Append("\" style=\"border-top-color:").Append(ReportPalette.Outcome(outcome.Key)).Append("\">")
                    .Append("<div class=\"n\">").Append(N(n)).Append("</div><div class=\"k\">").Append(E(outcome.Key)).Append("</div><div class=\"d\">").Append(E(outcome.Value)).Append("</div></div>");
            }

            html.Append("</section>");
        }

        private static void Charts(StringBuilder html, RunReport r)
        {
            html.Append("<section class=\"card\"><h2>What changed</h2><p class=\"sub\">").Append(E(ReportText.Number(r.Totals.Total, "change"))).Append(" in this run, by action and outcome.</p>");
            if (r.Totals.Total == 0)
            {
                html.Append("<p class=\"empty\">No changes.</p></section>");
                return;
            }

            var outcomes = ReportText.Outcomes.Select(o => o.Key).Where(o => Count(r.Totals, o) > 0).ToList();
            Legend(html, outcomes, ReportPalette.Outcome);
            html.Append(SvgBarChart.Render("Changes by action and outcome",
                r.ByAction.Select(a => Row(a.Label, outcomes.Select(o => new KeyValuePair<string, int>(o, Count(a, o))).ToList())).ToList(), ReportPalette.Outcome, SvgBarChart.FullWidth));

            var actions = RunReportBuilder.ActionOrder.Where(a => r.ByAction.Any(b => b.Label == a)).ToList();
            if (r.SitesShown || r.RolesShown)
            {
                html.Append("<h3>By site and role</h3>");
                Legend(html, actions, ReportPalette.Action);
                html.Append("<div class=\"grid2\">");
                Groups(html, "Site", r.SitesShown, r.BySite);
                Groups(html, "Role", r.RolesShown, r.ByRole);
                html.Append("</div>");
            }
            else
            {
                html.Append("<p class=\"note\">Sites and roles are not shown: the contract does not mark those fields as reportable.</p>");
            }

            html.Append("</section>");
        }

        private static void Groups(StringBuilder html, string title, bool shown, IReadOnlyList<ReportGroup> groups)
        {
            html.Append("<div><h3>").Append(E(title)).Append("</h3>");
            if (!shown)
            {
                html.Append("<p class=\"empty\">Not reportable under the contract.</p></div>");
                return;
            }

            html.Append(SvgBarChart.Render($"Changes by {title.ToLowerInvariant()}", Top(groups).Select(g => Row(g.Name, g.ByAction)).ToList(), ReportPalette.Action, SvgBarChart.HalfWidth)).Append("</div>");
        }

        /// <summary>The 12 largest groups, the rest summed as "Other", so a chart stays readable.</summary>
        internal static IReadOnlyList<ReportGroup> Top(IReadOnlyList<ReportGroup> groups)
        {
            if (groups.Count <= 12)
            {
                return groups;
            }

            var rest = groups.Skip(11).SelectMany(g => g.ByAction).GroupBy(p => p.Key)
                .OrderBy(g => RunReportBuilder.ActionOrder.ToList().IndexOf(g.Key)).Select(g => new KeyValuePair<string, int>(g.Key, g.Sum(p => p.Value))).ToList();
            return groups.Take(11).Concat(new[] { new ReportGroup($"Other ({groups.Count - 11})", rest) }).ToList();
        }

        private static void Validation(StringBuilder html, RunReport r)
        {
            html.Append("<section class=\"card\"><h2>Validation</h2>");
            if (r.Validation is not { } v)
            {
                html.Append("<p class=\"empty\">Not validated with this report. Run <code>Test-TitanHstSync</code> and pass its result to <code>Export-TitanHstReport -Validation</code>.</p></section>");
                return;
            }

            html.Append("<p class=\"sub\">Checked ").Append(E(ReportText.When(v.CheckedAt))).Append(": TitanHST read again and compared with the sources.</p>");
            html.Append("<p>").Append(Pill(v.Passed ? "ok" : "warn", ReportText.Verdict(v))).Append(' ').Append(E(ReportText.ValidationDetail(v))).Append("</p>");
            html.Append("<div class=\"facts\">");
            Fact(html, v.SourceRecords, "people in scope in the sources");
            Fact(html, v.TargetManagedActive, "active records in TitanHST");
            Fact(html, v.Remaining, "changes remaining");
            Fact(html, v.Outstanding, "waiting for a person");
            Fact(html, v.SpotCheckMismatches, $"spot-check mismatches in {v.SampledPeople} people");
            html.Append("</div>");
            if (v.Sites.Count > 0 || v.Roles.Count > 0)
            {
                html.Append("<div class=\"grid2\">");
                if (v.Sites.Count > 0)
                {
                    Comparisons(html, "Site", v.Sites);
                }

                if (v.Roles.Count > 0)
                {
                    Comparisons(html, "Role", v.Roles);
                }

                html.Append("</div>");
                if (v.CountsEveryAssignment)
                {
                    html.Append("<p class=\"note\">").Append(ReportValidation.AssignmentNote).Append("</p>");
                }
            }

            html.Append("</section>");
        }

        private static void Fact(StringBuilder html, int n, string label) =>
            html.Append("<div><b>").Append(N(n)).Append("</b><span>").Append(E(label)).Append("</span></div>");

        private static void Section(StringBuilder html, string title, string sub, System.Action<StringBuilder> body, string? note)
        {
            html.Append("<section class=\"card\"><h2>").Append(E(title)).Append("</h2><p class=\"sub\">").Append(E(sub)).Append("</p>");
            if (note is not null)
            {
                html.Append("<p class=\"note\">").Append(E(note)).Append("</p>");
            }

            body(html);
            html.Append("</section>");
        }

        private static void Footer(StringBuilder html, RunReport r)
        {
            html.Append("<footer><p><strong>About the people in this report.</strong> ").Append(E(ReportText.PrivacyLine(r))).Append("</p>")
                .Append("<p><strong>How to verify it.</strong> Every write to TitanHST in this run is recorded in the tamper-evident audit log. On the machine that ran the sync:</p><ol>")
                .Append(r.ConfigPath is null ? string.Empty : $"<li><code>Connect-TitanHst -ConfigPath '{E(r.ConfigPath)}'</code> works under the run's operating profile: its runs folder and audit chain.</li>")
                .Append("<li><code>Test-TitanHstAuditLog</code> checks that the audit log is complete and unaltered.</li>")
                .Append("<li><code>Get-TitanHstAuditLog -RunId ").Append(E(r.RunId)).Append("</code> lists each change of this run with its outcome.</li>")
                .Append("<li><code>Get-TitanHstRun -RunId ").Append(E(r.RunId)).Append("</code> shows the run's summary from its journal.</li></ol>")
                .Append("<p>Made by Export-TitanHstReport from the run's journal; contract ").Append(E($"{r.ContractId} {r.ContractVersion} ({r.ContractHashShort})")).Append(".</p></footer>");
        }

        private static KeyValuePair<string, IReadOnlyList<KeyValuePair<string, int>>> Row(string label, IReadOnlyList<KeyValuePair<string, int>> segments) => new(label, segments);

        internal static int Count(ReportOutcomes o, string outcome) => outcome switch
        {
            "Succeeded" => o.Succeeded,
            "Failed" => o.Failed,
            "Stale" => o.Stale,
            "Skipped" => o.Skipped,
            "Declined" => o.Declined,
            _ => o.Pending,
        };
    }
}

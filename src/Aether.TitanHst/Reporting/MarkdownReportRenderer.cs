using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace Aether.TitanHst.Reporting
{
    /// <summary>
    /// Renders a <see cref="RunReport"/> as Markdown for a ticket or an email: the same sentences and numbers as the
    /// HTML page, tables instead of charts. Text is escaped so nothing in it becomes markup, a link or an image.
    /// </summary>
    public static class MarkdownReportRenderer
    {
        private static readonly Regex Special = new(@"([\\`*_{}\[\]()<>#|!~&])", RegexOptions.CultureInvariant);

        public static string Render(RunReport r)
        {
            var md = new StringBuilder();
            md.Append("# Staff sync report: ").Append(M(r.ContractId)).Append("\n\n");
            md.Append("**").Append(M(ReportText.Headline(r))).Append("**\n\n");
            if (r.Validation is { } v)
            {
                md.Append("Validation: ").Append(M(ReportText.ValidationLine(v))).Append("\n\n");
            }

            foreach (var note in r.Notes)
            {
                md.Append("> ").Append(M(note)).Append("\n\n");
            }

            md.Append("| Run | Started | Duration | Operator | TitanHST | Contract |\n|---|---|---|---|---|---|\n");
            md.Append(Cells(r.RunId, ReportText.When(r.StartedAt), ReportText.Duration(r), r.Operator, r.TargetHost, $"{r.ContractVersion} ({r.ContractHashShort})")).Append("\n\n");

            md.Append("## Outcomes\n\n| Action | ").Append(string.Join(" | ", ReportText.Outcomes.Select(o => o.Key))).Append(" | Total |\n|---|")
                .Append(string.Concat(Enumerable.Repeat("--:|", ReportText.Outcomes.Count + 1))).Append('\n');
            foreach (var row in r.ByAction.Concat(new[] { r.Totals }))
            {
                var label = row == r.Totals ? "**All**" : M(row.Label);
                md.Append("| ").Append(label).Append(" | ").Append(string.Join(" | ", ReportText.Outcomes.Select(o => N(HtmlReportRenderer.Count(row, o.Key))))).Append(" | ").Append(N(row.Total)).Append(" |\n");
            }

            Groups(md, "By site", r.SitesShown, r.BySite);
            Groups(md, "By role", r.RolesShown, r.ByRole);
            Rows(md, r, "Blocked or held back", r.Blocked, "Nothing was blocked or held back.", fields: true, blocked: true);
            if (r.OverrideReason is not null)
            {
                md.Append("Blocked changes were allowed in this run by an override. Reason given: ").Append(M(r.OverrideReason)).Append("\n\n");
            }

            Rows(md, r, "What failed", r.Failed, "Nothing failed.", fields: true);
            Rows(md, r, "Conflicts needing a person", r.Conflicts, ReportText.NoConflicts(r), fields: false);
            Validation(md, r.Validation);

            md.Append("## How to verify\n\n").Append(M(ReportText.PrivacyLine(r))).Append("\n\n");
            if (r.ConfigPath is not null)
            {
                md.Append("- `Connect-TitanHst -ConfigPath '").Append(Code(r.ConfigPath)).Append("'` works under the run's operating profile: its runs folder and audit chain.\n");
            }

            md.Append("- `Test-TitanHstAuditLog` checks that the audit log is complete and unaltered.\n");
            md.Append("- `Get-TitanHstAuditLog -RunId ").Append(Code(r.RunId)).Append("` lists each change of this run with its outcome.\n");
            md.Append("- `Get-TitanHstRun -RunId ").Append(Code(r.RunId)).Append("` shows the run's summary from its journal.\n");
            return md.ToString();
        }

        private static void Groups(StringBuilder md, string title, bool shown, IReadOnlyList<ReportGroup> groups)
        {
            md.Append("\n## ").Append(title).Append("\n\n");
            if (!shown)
            {
                md.Append("Not shown: the contract does not mark this field as reportable.\n");
                return;
            }

            var actions = RunReportBuilder.ActionOrder.Where(a => groups.Any(g => g.ByAction.Any(p => p.Key == a))).ToList();
            md.Append("| ").Append(title.Substring(3)).Append(" | ").Append(string.Join(" | ", actions)).Append(" | Total |\n|---|")
                .Append(string.Concat(Enumerable.Repeat("--:|", actions.Count + 1))).Append('\n');
            foreach (var g in groups.Take(RunReport.MaxRows))
            {
                md.Append("| ").Append(M(g.Name)).Append(" | ")
                    .Append(string.Join(" | ", actions.Select(a => N(g.ByAction.Where(p => p.Key == a).Sum(p => p.Value))))).Append(" | ").Append(N(g.Total)).Append(" |\n");
            }
        }

        private static void Rows(StringBuilder md, RunReport r, string title, IReadOnlyList<ReportChangeRow> rows, string empty, bool fields, bool blocked = false)
        {
            md.Append("\n## ").Append(title).Append("\n\n");
            if (rows.Count == 0)
            {
                md.Append(M(empty)).Append('\n');
                return;
            }

            var head = Columns(r, fields, "External id", "Action", "Site", "Role", "Fields", "Why", "Outcome");
            md.Append("| ").Append(string.Join(" | ", head)).Append(" |\n|").Append(string.Concat(Enumerable.Repeat("---|", head.Count))).Append('\n');
            foreach (var row in rows.Take(RunReport.MaxRows))
            {
                var status = row.HttpStatus is { } s && row.Outcome is "Failed" or "Stale" ? $" ({s.ToString(CultureInfo.InvariantCulture)})" : string.Empty;
                var cells = Columns(r, fields, row.ExternalId, row.Action, row.Site ?? string.Empty, row.Role ?? string.Empty, row.Fields, row.Reason, HtmlTables.OutcomeText(row, blocked) + status);
                md.Append(Cells(cells.ToArray())).Append('\n');
            }

            if (rows.Count > RunReport.MaxRows)
            {
                md.Append("\nand ").Append(N(rows.Count - RunReport.MaxRows)).Append(" more: list them all with `Get-TitanHstAuditLog -RunId`.\n");
            }
        }

        // The columns a change table shows: site and role only when reportable, fields only where they explain the row.
        private static List<string> Columns(RunReport r, bool fields, string id, string action, string site, string role, string changed, string why, string outcome)
        {
            var cells = new List<string> { id, action };
            if (r.SitesShown)
            {
                cells.Add(site);
            }

            if (r.RolesShown)
            {
                cells.Add(role);
            }

            if (fields)
            {
                cells.Add(changed);
            }

            cells.Add(why);
            cells.Add(outcome);
            return cells;
        }

        private static void Validation(StringBuilder md, ReportValidation? v)
        {
            md.Append("\n## Validation\n\n");
            if (v is null)
            {
                md.Append("Not validated with this report: run `Test-TitanHstSync` and pass its result to `Export-TitanHstReport -Validation`.\n\n");
                return;
            }

            md.Append("**").Append(ReportText.Verdict(v)).Append(".** ").Append(M(ReportText.ValidationDetail(v))).Append("\n\n");
            md.Append("| People in scope in the sources | Active records in TitanHST | Changes remaining | Waiting for a person | Spot-check mismatches |\n|--:|--:|--:|--:|--:|\n");
            md.Append(Cells(N(v.SourceRecords), N(v.TargetManagedActive), N(v.Remaining), N(v.Outstanding), $"{N(v.SpotCheckMismatches)} in {N(v.SampledPeople)} people")).Append("\n\n");
            if (v.CountsEveryAssignment && (v.Sites.Count > 0 || v.Roles.Count > 0))
            {
                md.Append(ReportValidation.AssignmentNote).Append("\n\n");
            }

            foreach (var (title, rows) in new[] { ("Site", v.Sites), ("Role", v.Roles) }.Where(p => p.Item2.Count > 0))
            {
                md.Append("| ").Append(title).Append(" | Sources | TitanHST | Difference |\n|---|--:|--:|--:|\n");
                foreach (var row in rows.Take(RunReport.MaxRows))
                {
                    md.Append(Cells(row.Name, N(row.Source), N(row.Target), row.Difference.ToString("+0;-0;0", CultureInfo.InvariantCulture))).Append('\n');
                }

                md.Append('\n');
            }
        }

        private static string Cells(params string[] cells) => "| " + string.Join(" | ", cells.Select(M)) + " |";

        /// <summary>Escapes Markdown and HTML punctuation; line breaks become spaces so a table row stays one row.</summary>
        private static string M(string? text) => Special.Replace((text ?? string.Empty).Replace('\r', ' ').Replace('\n', ' '), @"\$1");

        private static string Code(string text) => text.Replace("`", string.Empty);

        private static string N(int n) => n.ToString("N0", CultureInfo.InvariantCulture);
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;

namespace Aether.TitanHst.Reporting
{
    /// <summary>HTML pieces of the report: encoding, tables of changes, legends. Everything shown goes through <see cref="E"/>.</summary>
    internal static class HtmlTables
    {
        internal static string E(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

        internal static string N(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

        /// <summary>A table of change rows; the columns shown depend on what the report may show and what the section is about.</summary>
        internal static void Changes(StringBuilder html, RunReport report, IReadOnlyList<ReportChangeRow> rows, string reasonHeader, bool showFields, bool showStatus, string empty, bool blocked = false)
        {
            if (rows.Count == 0)
            {
                html.Append("<p class=\"empty\">").Append(E(empty)).Append("</p>");
                return;
            }

            html.Append("<table><thead><tr><th>External id</th><th>Action</th>");
            html.Append(report.SitesShown ? "<th>Site</th>" : string.Empty).Append(report.RolesShown ? "<th>Role</th>" : string.Empty);
            html.Append(showFields ? "<th>Fields</th>" : string.Empty).Append("<th>").Append(E(reasonHeader)).Append("</th><th>Outcome</th>");
            html.Append(showStatus ? "<th class=\"num\">HTTP</th>" : string.Empty).Append("</tr></thead><tbody>");
            foreach (var row in rows.Take(RunReport.MaxRows))
            {
                html.Append("<tr><td class=\"mono code\">").Append(E(row.ExternalId)).Append("</td><td class=\"code\">").Append(E(row.Action)).Append("</td>");
                if (report.SitesShown)
                {
                    html.Append("<td class=\"code\">").Append(E(row.Site)).Append("</td>");
                }

                if (report.RolesShown)
                {
                    html.Append("<td class=\"code\">").Append(E(row.Role)).Append("</td>");
                }

                if (showFields)
                {
                    html.Append("<td>").Append(E(row.Fields)).Append("</td>");
                }

                html.Append("<td>").Append(E(row.Reason)).Append("</td><td>").Append(Pill(row.Outcome, OutcomeText(row, blocked))).Append("</td>");
                if (showStatus)
                {
                    html.Append("<td class=\"num\">").Append(E(row.HttpStatus?.ToString(CultureInfo.InvariantCulture))).Append("</td>");
                }

                html.Append("</tr>");
            }

            html.Append("</tbody></table>");
            More(html, rows.Count);
        }

        internal static void More(StringBuilder html, int count)
        {
            if (count > RunReport.MaxRows)
            {
                html.Append("<p class=\"more\">and ").Append(N(count - RunReport.MaxRows))
                    .Append(" more: list them all with <code>Get-TitanHstAuditLog -RunId</code>.</p>");
            }
        }

        internal static string Pill(string cssClass, string text) => $"<span class=\"pill {E(cssClass)}\">{E(text)}</span>";

        /// <summary>A blocked change that succeeded went ahead under the run's override; say so rather than just "Succeeded".</summary>
        internal static string OutcomeText(ReportChangeRow row, bool blocked) => row.Outcome switch
        {
            "Succeeded" when blocked => "Applied (override)",
            "Skipped" => "Not applied",
            _ => row.Outcome,
        };

        internal static void Legend(StringBuilder html, IEnumerable<string> keys, Func<string, string> colour)
        {
            html.Append("<ul class=\"legend\">");
            foreach (var key in keys)
            {
                html.Append("<li><i style=\"background:").Append(colour(key)).Append("\"></i>").Append(E(key)).Append("</li>");
            }

            html.Append("</ul>");
        }

        internal static void Comparisons(StringBuilder html, string title, IReadOnlyList<ReportComparison> rows)
        {
            html.Append("<div><h3>").Append(E(title)).Append("</h3><table><thead><tr><th>").Append(E(title)).Append("</th><th class=\"num\">Sources</th><th class=\"num\">TitanHST</th><th class=\"num\">Difference</th></tr></thead><tbody>");
            foreach (var row in rows.Take(RunReport.MaxRows))
            {
                var diff = row.Difference == 0 ? "0" : row.Difference.ToString("+0;-0", CultureInfo.InvariantCulture);
                html.Append("<tr><td>").Append(E(row.Name)).Append("</td><td class=\"num\">").Append(N(row.Source)).Append("</td><td class=\"num\">").Append(N(row.Target))
                    .Append("</td><td class=\"num\">").Append(row.Difference == 0 ? E(diff) : Pill("warn", diff)).Append("</td></tr>");
            }

            html.Append("</tbody></table></div>");
        }
    }
}

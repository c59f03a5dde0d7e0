using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;

namespace Aether.TitanHst.Conformance
{
    /// <summary>
    /// Writes the results as a Markdown or HTML page for the vendor conversation: a summary, then the failures
    /// (blocking first), then every rule. Everything in it already went through the suite's scrubbing; values are
    /// escaped for the format, so a hostile server cannot inject markup into the report.
    /// </summary>
    public static class ConformanceReportWriter
    {
        public static void Write(string path, bool html, IReadOnlyList<ConformanceResult> results, Uri target, DateTimeOffset checkedAt)
        {
            var text = html ? Html(results, target, checkedAt) : Markdown(results, target, checkedAt);
            // Owner-only like every file the module writes: it names the target and what the server sent back.
            Security.PrivateFiles.WriteAllText(path, text, new UTF8Encoding(false));
        }

        private static IEnumerable<ConformanceResult> Ordered(IReadOnlyList<ConformanceResult> results) =>
            results.Where(r => r.GetOutcome() == ConformanceOutcome.Fail).OrderBy(r => r.Blocking ? 0 : 1)
                .Concat(results.Where(r => r.GetOutcome() == ConformanceOutcome.Inconclusive));

        private static string Counts(IReadOnlyList<ConformanceResult> results) => string.Join(", ",
            Enum.GetValues(typeof(ConformanceOutcome)).Cast<ConformanceOutcome>().Select(o => $"{results.Count(r => r.GetOutcome() == o)} {o}"));

        public static string Markdown(IReadOnlyList<ConformanceResult> results, Uri target, DateTimeOffset checkedAt)
        {
            var b = new StringBuilder();
            b.AppendLine("# TitanHST API conformance");
            b.AppendLine();
            b.AppendLine($"Target `{Md(target.GetLeftPart(UriPartial.Authority))}`, checked {checkedAt.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)} against docs/titanhst-api.md.");
            b.AppendLine();
            b.AppendLine($"**{Counts(results)}**; blocking failures: {results.Count(r => r.GetOutcome() == ConformanceOutcome.Fail && r.Blocking)}.");
            b.AppendLine();
            b.AppendLine("## Needs attention");
            b.AppendLine();
            var attention = Ordered(results).ToList();
            if (attention.Count == 0)
            {
                b.AppendLine("Nothing: every rule checked holds.");
            }

            foreach (var r in attention)
            {
                b.AppendLine($"- **{r.GetOutcome()}{(r.GetOutcome() == ConformanceOutcome.Fail ? (r.Blocking ? " (blocks the connector)" : " (adapter change or cosmetic)") : string.Empty)}** §{Md(r.Section)} {Md(r.Rule)}");
                b.AppendLine($"  - request: `{Md(r.Request)}`; response: {Md(r.ResponseSummary)}");
                b.AppendLine($"  - {Md(r.Detail)} The connector relies on this for: {Md(r.ReliedOnFor)}.");
            }

            b.AppendLine();
            b.AppendLine("## Every rule");
            b.AppendLine();
            b.AppendLine("| outcome | § | rule | request | response | relied on for |");
            b.AppendLine("| --- | --- | --- | --- | --- | --- |");
            foreach (var r in results)
            {
                b.AppendLine($"| {r.GetOutcome()} | {Md(r.Section)} | {Md(r.Rule)} | {Md(r.Request)} | {Md(r.ResponseSummary)} | {Md(r.ReliedOnFor)} |");
            }

            return b.ToString();
        }

        public static string Html(IReadOnlyList<ConformanceResult> results, Uri target, DateTimeOffset checkedAt)
        {
            var b = new StringBuilder();
            b.AppendLine("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>TitanHST API conformance</title>");
            b.AppendLine("<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px;vertical-align:top}.Fail{background:#fdd}.Inconclusive{background:#ffd}.Skipped{color:#777}</style></head><body>");
            b.AppendLine("<h1>TitanHST API conformance</h1>");
            b.AppendLine($"<p>Target <code>{H(target.GetLeftPart(UriPartial.Authority))}</code>, checked {H(checkedAt.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture))} against docs/titanhst-api.md.</p>");
            b.AppendLine($"<p><strong>{H(Counts(results))}</strong>; blocking failures: {results.Count(r => r.GetOutcome() == ConformanceOutcome.Fail && r.Blocking)}.</p>");
            b.AppendLine("<h2>Needs attention</h2><ul>");
            foreach (var r in Ordered(results))
            {
                b.AppendLine($"<li class=\"{r.GetOutcome()}\"><strong>{r.GetOutcome()}{(r.GetOutcome() == ConformanceOutcome.Fail ? (r.Blocking ? " (blocks the connector)" : " (adapter change or cosmetic)") : string.Empty)}</strong> §{H(r.Section)} {H(r.Rule)}<br>request: <code>{H(r.Request)}</code>; response: {H(r.ResponseSummary)}<br>{H(r.Detail)} The connector relies on this for: {H(r.ReliedOnFor)}.</li>");
            }

            b.AppendLine("</ul><h2>Every rule</h2><table><tr><th>outcome</th><th>§</th><th>rule</th><th>request</th><th>response</th><th>relied on for</th></tr>");
            foreach (var r in results)
            {
                b.AppendLine($"<tr class=\"{r.GetOutcome()}\"><td>{r.GetOutcome()}</td><td>{H(r.Section)}</td><td>{H(r.Rule)}</td><td><code>{H(r.Request)}</code></td><td>{H(r.ResponseSummary)}</td><td>{H(r.ReliedOnFor)}</td></tr>");
            }

            b.AppendLine("</table></body></html>");
            return b.ToString();
        }

        private static string H(string text) => WebUtility.HtmlEncode(text);

        private static string Md(string text) => text.Replace("\r", " ").Replace("\n", " ").Replace("|", "\\|").Replace("`", "'").Replace("<", "&lt;");
    }
}

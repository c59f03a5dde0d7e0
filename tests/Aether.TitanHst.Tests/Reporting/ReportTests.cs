using System;
using System.Linq;
using System.Net;
using System.Text.RegularExpressions;
using Aether.TitanHst.Reporting;

namespace Aether.TitanHst.Tests.Reporting
{
    public class ReportTests
    {
        [Fact]
        public void A_validation_that_passed_with_changes_waiting_for_a_person_does_not_say_TitanHST_matches_the_sources()
        {
            // Passed: nothing left that apply may make. A blocked mass deactivation still standing is not "in sync".
            var waiting = new ReportValidation { Passed = true, Remaining = 0, Outstanding = 3 };
            Assert.Equal("no change is left that apply may make; 3 wait for a person.", ReportText.ValidationDetail(waiting));
            var clean = new ReportValidation { Passed = true, Remaining = 0, Outstanding = 0 };
            Assert.Equal("TitanHST matches the sources; 0 wait for a person.", ReportText.ValidationDetail(clean));
        }

        [Fact]
        public void Html_is_self_contained_with_no_script_and_no_url()
        {
            using var run = new ReportRun();
            var html = HtmlReportRenderer.Render(RunReportBuilder.Build(run.Folder, run.Contract));

            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("http://", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("https://", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotMatch(new Regex("<(link|img|iframe|object|embed)\\b|url\\(|src=|href=", RegexOptions.IgnoreCase), html);
            Assert.Contains("titanhst.example.org/district", html, StringComparison.Ordinal); // the target, as text
        }

        [Fact]
        public void No_name_or_email_appears_even_when_a_failure_reason_echoes_them()
        {
            using var run = new ReportRun();
            var report = RunReportBuilder.Build(run.Folder, run.Contract);
            var html = HtmlReportRenderer.Render(report);
            var markdown = MarkdownReportRenderer.Render(report);

            Assert.Contains("Peña", run.Secrets);
            Assert.Contains("bo@district.org", run.Secrets);
            foreach (var secret in run.Secrets)
            {
                Assert.False(Contains(html, secret), $"'{secret}' is in the HTML report");
                Assert.False(Contains(markdown, secret), $"'{secret}' is in the Markdown report");
            }

            var failed = Assert.Single(report.Failed, r => r.Outcome == "Failed");
            Assert.Equal("123", failed.ExternalId);
            Assert.Contains("[hidden]", failed.Reason, StringComparison.Ordinal);
            Assert.Contains("titanhst.example.org/errors/42", failed.Reason, StringComparison.Ordinal);
        }

        [Fact]
        public void Everything_is_html_encoded()
        {
            using var run = new ReportRun();
            var html = HtmlReportRenderer.Render(RunReportBuilder.Build(run.Folder, run.Contract));

            Assert.Contains(WebUtility.HtmlEncode(ReportRun.Title), html, StringComparison.Ordinal);
            Assert.Contains("&lt;b&gt;Lead&lt;/b&gt; &amp; Teacher", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<b>Lead", html, StringComparison.Ordinal);
        }

        [Fact]
        public void Reportable_values_appear_and_the_rest_by_field_name_only()
        {
            using var run = new ReportRun();
            var report = RunReportBuilder.Build(run.Folder, run.Contract);

            Assert.True(report.SitesShown && report.RolesShown);
            Assert.Equal(new[] { "title", "roleCode", "siteCode" }, report.ReportableFields);
            var ana = ReportPrivacy.For(run.Contract, run.Changes).Fields(run.Changes.Single(c => c.ExternalId == "123"));
            Assert.Contains("title: Teacher of Math → " + ReportRun.Title, ana, StringComparison.Ordinal);
            Assert.Contains("email", ana, StringComparison.Ordinal);
            Assert.DoesNotContain("@", ana, StringComparison.Ordinal);
            Assert.Contains(report.BySite, g => g.Name == "LHS");
        }
        [Fact]
        public void Without_a_contract_no_value_is_shown_and_the_report_says_why()
        {
            using var run = new ReportRun();
            var report = RunReportBuilder.Build(run.Folder, null);
            var html = HtmlReportRenderer.Render(report);

            Assert.False(report.SitesShown || report.RolesShown);
            Assert.Empty(report.BySite);
            Assert.DoesNotContain("Lead", html, StringComparison.Ordinal);
            Assert.DoesNotContain(">LHS<", html, StringComparison.Ordinal);
            Assert.Contains("No contract was given", html, StringComparison.Ordinal);
        }

        [Fact]
        public void Markdown_shows_the_same_numbers_as_the_html()
        {
            using var run = new ReportRun();
            var report = RunReportBuilder.Build(run.Folder, run.Contract);
            var html = HtmlReportRenderer.Render(report);
            var markdown = MarkdownReportRenderer.Render(report);
            var t = report.Totals;

            Assert.Equal((1, 1, 1), (t.Succeeded, t.Failed, t.Stale));
            Assert.Equal(run.Changes.Count, t.Total);
            Assert.True(t.Pending > 0, "changes without an outcome are pending");
            Assert.Null(report.FinishedAt);
            Assert.Contains($"| **All** | {t.Succeeded} | {t.Failed} | {t.Stale} | {t.Skipped} | {t.Declined} | {t.Pending} | {t.Total} |", markdown, StringComparison.Ordinal);
            foreach (var n in new[] { t.Succeeded, t.Failed, t.Stale, t.Skipped, t.Declined, t.Pending })
            {
                Assert.Contains($"<div class=\"n\">{n}</div>", html, StringComparison.Ordinal);
            }

            var headline = ReportText.Headline(report);
            Assert.Contains(WebUtility.HtmlEncode(headline), html, StringComparison.Ordinal);
            Assert.Contains(headline.Replace(".", ". ", StringComparison.Ordinal).Split(' ')[0], markdown, StringComparison.Ordinal);
            Assert.DoesNotContain("http", markdown, StringComparison.Ordinal);
            Assert.Contains("\\<b\\>Lead\\</b\\> \\& Teacher", markdown, StringComparison.Ordinal);
        }

        [Fact]
        public void Another_districts_contract_is_refused_and_a_missing_run_is_named()
        {
            using var run = new ReportRun();
            run.District.EditContract("\"id\": \"mini-district\"", "\"id\": \"other-district\"");
            var other = Aether.TitanHst.Contract.ContractLoader.Load(run.District.ContractPath);

            Assert.Equal(ReportErrorIds.ContractMismatch, Assert.Throws<ReportException>(() => RunReportBuilder.Build(run.Folder, other)).ErrorId);
            Assert.Equal(ReportErrorIds.RunNotFound, Assert.Throws<ReportException>(() => RunReportBuilder.FindRun(run.Root, "nope")).ErrorId);
            Assert.Equal(run.Folder, RunReportBuilder.FindRun(run.Root, "20260301-070000-abc123"));
        }

        // Whole words, raw or HTML-encoded: "Ana" must not match inside "Analysis".
        private static bool Contains(string text, string value) =>
            new[] { value, WebUtility.HtmlEncode(value) }.Any(v => Regex.IsMatch(text, @"(?<![\p{L}\p{N}])" + Regex.Escape(v) + @"(?![\p{L}\p{N}])"));
    }
}

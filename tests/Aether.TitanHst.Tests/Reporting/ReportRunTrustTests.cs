using System;
using System.IO;
using System.Linq;
using Aether.TitanHst.Apply;
using Aether.TitanHst.Diff;
using Aether.TitanHst.Reporting;

namespace Aether.TitanHst.Tests.Reporting
{
    /// <summary>What a report counts is the run's own: its outcomes as the journal holds them, of the plan it started with.</summary>
    public class ReportRunTrustTests
    {
        [Fact]
        public void Declined_changes_are_counted_as_declined_not_as_pending()
        {
            using var run = new ReportRun();
            var declined = Pending(run).Take(2).ToList();
            using (var journal = RunJournal.Open(run.Root, Path.GetFileName(run.Folder)))
            {
                foreach (var change in declined)
                {
                    journal.Outcome(new ChangeOutcome(journal.Header.RunId, change, ApplyOutcomeKind.Declined, null, 0, "declined at the confirmation prompt", change.TargetId, DateTimeOffset.UtcNow));
                }
            }

            var report = RunReportBuilder.Build(run.Folder, run.Contract);
            var t = report.Totals;
            Assert.Equal(2, t.Declined);
            Assert.Equal(Pending(run).Count() - 2, t.Pending);
            Assert.Contains("2 declined at the prompt", ReportText.Headline(report), StringComparison.Ordinal);
            Assert.Contains("<div class=\"n\">2</div><div class=\"k\">Declined</div>", HtmlReportRenderer.Render(report), StringComparison.Ordinal);
            Assert.Contains("| Skipped | Declined | Pending |", MarkdownReportRenderer.Render(report), StringComparison.Ordinal);
        }

        [Fact]
        public void A_journal_outcome_of_a_change_the_plan_does_not_hold_is_refused()
        {
            using var run = new ReportRun();
            var stranger = run.Changes.First(c => c.GetAction() == ChangeAction.Create);
            var runId = Path.GetFileName(run.Folder);
            using (var journal = RunJournal.Open(run.Root, runId))
            {
                // Signed with the key (no attacker has it): only a defect could write it, and the numbers still refuse it.
                journal.Outcome(new ChangeOutcome(runId, Renamed(stranger), ApplyOutcomeKind.Succeeded, 201, 1, null, "stf_z", DateTimeOffset.UtcNow));
            }

            Assert.Equal(ReportErrorIds.RunDamaged, Assert.Throws<ReportException>(() => RunReportBuilder.Build(run.Folder, run.Contract)).ErrorId);
            Assert.True(RunCatalog.List(run.Root).Single(r => r.RunId == runId).Damaged);
        }

        [Fact]
        public void The_end_time_is_the_journal_end_line_not_the_file_time()
        {
            using var run = new ReportRun();
            var runId = Path.GetFileName(run.Folder);
            using (var journal = RunJournal.Open(run.Root, runId))
            {
                journal.End();
            }

            var journalPath = Path.Combine(run.Folder, "journal.jsonl");
            using var last = System.Text.Json.JsonDocument.Parse(File.ReadAllLines(journalPath).Last());
            var ended = last.RootElement.GetProperty("time").GetDateTimeOffset();
            File.SetLastWriteTimeUtc(journalPath, new DateTime(2031, 1, 1, 0, 0, 0, DateTimeKind.Utc));

            Assert.Equal(ended, RunReportBuilder.Build(run.Folder, run.Contract).FinishedAt);
            Assert.Equal(ended, RunCatalog.Summarize(run.Folder).FinishedAt);
        }

        private static System.Collections.Generic.IEnumerable<StaffChange> Pending(ReportRun run) =>
            run.Changes.Where(c => c.ExternalId is not ("456" or "555" or "123") && c.GetAction() != ChangeAction.Conflict);

        // The same change under an external id the plan does not hold.
        private static StaffChange Renamed(StaffChange change) =>
            new(ChangeAction.Create, "999999", null, null, null, null, null, Array.Empty<FieldChange>(), new System.Collections.Generic.Dictionary<string, string?>(),
                default, "not in the plan", Array.Empty<Aether.TitanHst.Canonical.SourceRowReference>(), change.Identity);
    }
}

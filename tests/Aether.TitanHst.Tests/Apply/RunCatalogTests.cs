using System;
using System.IO;
using System.Linq;
using Aether.TitanHst.Apply;
using Aether.TitanHst.Diff;
using Aether.TitanHst.Target;

namespace Aether.TitanHst.Tests.Apply
{
    /// <summary>Get-TitanHstRun's numbers and words: counts that add up to the plan, a running run, a damaged one.</summary>
    public sealed class RunCatalogTests
    {
        [Fact]
        public void Succeeded_failed_and_pending_add_up_to_the_plan_and_failed_changes_are_resumed()
        {
            using var fx = new ApplyFixture();
            var changes = fx.Diff().Changes;
            var (root, runId) = RunFolderTests.NewRun(fx, key: false, changes: changes);
            using (var journal = RunJournal.Open(root, runId))
            {
                var failed = changes.Where(c => c.GetAction() == ChangeAction.Create).Skip(1).First();
                journal.Outcome(new ChangeOutcome(runId, failed, ApplyOutcomeKind.Failed, 500, 3, "server error", null, DateTimeOffset.UtcNow));
                journal.End();
            }

            var run = RunCatalog.Summarize(Path.Combine(root, runId));
            Assert.Equal((1, 1), (run.Succeeded, run.Failed));
            Assert.Equal(changes.Count, run.Succeeded + run.Failed + run.Stale + run.Skipped + run.Declined + run.Pending);
            Assert.Equal(run.Pending + 1, run.ToResume);
            Assert.Equal($"Invoke-TitanHstApply -Resume {runId}", run.NextCommand);
        }

        [Fact]
        public void A_run_another_process_is_applying_is_running_not_interrupted()
        {
            using var fx = new ApplyFixture();
            var (root, runId) = RunFolderTests.NewRun(fx, key: false);
            var folder = Path.Combine(root, runId);
            using (TargetLock.Acquire(new TargetIdentity("https://titanhst.test:443", "tnt-1"), runId))
            {
                // Held by this process (an engine summarizing its own run): that process knows it is not running on.
                Assert.Equal(nameof(RunStatus.Interrupted), RunCatalog.Summarize(folder).Status);

                // The lock's note names another process: the lock is held, and not by us.
                var owner = Directory.GetFiles(TargetLock.DefaultFolder, "*.owner").Single(f => File.ReadAllText(f).Contains(runId, StringComparison.Ordinal));
                File.WriteAllText(owner, $"run {runId}, process 2147483646, since {DateTimeOffset.UtcNow:u}");
                var running = RunCatalog.Summarize(folder);
                Assert.Equal(nameof(RunStatus.Running), running.Status);
                Assert.Null(running.NextCommand);
                Assert.True(Aether.TitanHst.Reporting.RunReportBuilder.Build(folder, fx.Contract).Running);
            }

            var after = RunCatalog.Summarize(folder);
            Assert.Equal(nameof(RunStatus.Interrupted), after.Status);
            Assert.Equal($"Invoke-TitanHstApply -Resume {runId}", after.NextCommand);
        }

        [Fact]
        public void A_run_without_run_json_is_listed_without_claiming_nothing_was_applied()
        {
            using var fx = new ApplyFixture();
            var (root, runId) = RunFolderTests.NewRun(fx, key: false);
            File.Delete(Path.Combine(root, runId, "run.json"));

            var listed = RunCatalog.List(root).Single(r => r.RunId == runId);
            Assert.True(listed.Damaged);
            Assert.DoesNotContain("Nothing was applied", listed.Problem, StringComparison.Ordinal);
            Assert.Contains($"see Get-TitanHstAuditLog -RunId {runId}", listed.Problem, StringComparison.Ordinal);
        }
    }
}

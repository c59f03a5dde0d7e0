using System;
using System.IO;
using System.Linq;
using Aether.TitanHst.Apply;
using Aether.TitanHst.Plan;
using Aether.TitanHst.Reporting;
using Aether.TitanHst.Security;
using Aether.TitanHst.Tests.Apply;

namespace Aether.TitanHst.Tests.BadInput.Handlers
{
    /// <summary>
    /// "runReport": a run of the mini district whose changes went wrong in part (one Stale), attacked as case.json
    /// says, then read by what shows it rather than resumes it: the report must refuse with the expected error id and
    /// the listing must show the run damaged, with no numbers made of the attacked folder.
    /// </summary>
    /// <remarks>
    /// Members: "method": "swapPlanWithoutStale": an authentic plan of the same changes without the stale one (what
    /// Export-TitanHstPlan writes for anyone on the machine) is copied over the run's plan.json.
    /// </remarks>
    public sealed class RunReportHandler : IBadInputHandler
    {
        public string Kind => "runReport";

        public void Run(BadInputCase badCase)
        {
            using var fx = new ApplyFixture();
            var changes = fx.Diff(roleChange: false).Changes;
            var (root, runId) = RunFolderTests.NewRun(fx, key: false, changes: changes);
            var folder = Path.Combine(root, runId);
            // NewRun journaled the first create as Succeeded; the second goes stale.
            var stale = changes.Where(c => c.GetAction() == Aether.TitanHst.Diff.ChangeAction.Create).Skip(1).First();
            using (var journal = RunJournal.Open(root, runId))
            {
                journal.Outcome(new ChangeOutcome(runId, stale, ApplyOutcomeKind.Stale, 412, 1, "the TitanHST record changed since the diff", null, DateTimeOffset.UtcNow));
                journal.End();
            }

            switch (badCase.Member("method"))
            {
                case "swapPlanWithoutStale":
                    using (var key = InstallationKey.LoadOrCreate())
                    {
                        var other = fx.District.PathOf("other-plan.json");
                        PlanWriter.Write(other, changes.Where(c => c != stale).ToList(), "ops@host", key);
                        File.Copy(other, Path.Combine(folder, "plan.json"), overwrite: true);
                    }

                    break;
                default:
                    throw new InvalidDataException($"{badCase.Name}: unknown method '{badCase.Member("method")}'");
            }

            var ex = Assert.Throws<ReportException>(() => RunReportBuilder.Build(folder, fx.Contract));
            Assert.Equal(badCase.ExpectedErrorId, ex.ErrorId);
            var listed = RunCatalog.List(root).Single(r => r.RunId == runId);
            Assert.True(listed.Damaged, $"the listing shows run {runId} as {listed}");
            Assert.Equal(nameof(RunStatus.Failed), listed.Status);
        }
    }
}

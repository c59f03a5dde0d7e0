using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Aether.TitanHst.Apply;
using Aether.TitanHst.Diff;

namespace Aether.TitanHst.Tests.Apply
{
    /// <summary>Bypass 2 and the journal: a run folder is authenticated, confined to the journal folder, and survives a torn line.</summary>
    public sealed class RunFolderTests
    {
        [Fact]
        public void A_torn_last_line_is_removed_with_a_warning_and_new_lines_follow_complete_ones()
        {
            using var fx = new ApplyFixture();
            var (root, runId) = NewRun(fx);
            var journalPath = Path.Combine(root, runId, "journal.jsonl");
            var complete = File.ReadAllBytes(journalPath).Length;
            File.AppendAllText(journalPath, "{\"seq\":3,\"time\":\"2026-", new UTF8Encoding(false));

            using (var journal = RunJournal.Open(root, runId, fx.Key))
            {
                Assert.Contains(journal.Warnings, w => w.Contains("torn", StringComparison.Ordinal));
                Assert.Equal(complete, new FileInfo(journalPath).Length);
                journal.End();
            }

            foreach (var line in File.ReadAllLines(journalPath))
            {
                using var _ = JsonDocument.Parse(line);
            }
        }

        [Fact]
        public void One_damaged_run_is_listed_as_damaged_and_the_others_still_list()
        {
            using var fx = new ApplyFixture();
            var (root, good) = NewRun(fx, key: false);
            var (_, noHeader) = NewRun(fx, root, key: false);
            var (_, badLine) = NewRun(fx, root, key: false);
            var (_, torn) = NewRun(fx, root, key: false);
            File.Delete(Path.Combine(root, noHeader, "run.json"));
            File.WriteAllText(Path.Combine(root, badLine, "journal.jsonl"), "{not json}\n{\"seq\":2}\n");
            File.AppendAllText(Path.Combine(root, torn, "journal.jsonl"), "{\"seq\":9,");

            var runs = RunCatalog.List(root).ToDictionary(r => r.RunId);
            Assert.Equal(4, runs.Count);
            Assert.False(runs[good].Damaged);
            Assert.False(runs[torn].Damaged);
            Assert.NotEmpty(runs[torn].Warnings);
            Assert.True(runs[noHeader].Damaged);
            Assert.True(runs[badLine].Damaged);
        }

        [Fact]
        public void A_run_folder_missing_only_run_json_is_damaged_not_missing()
        {
            using var fx = new ApplyFixture();
            var (root, runId) = NewRun(fx);
            File.Delete(Path.Combine(root, runId, "run.json"));
            var ex = Assert.Throws<ApplyRefusedException>(() => RunJournal.Open(root, runId, fx.Key));
            Assert.Equal(ApplyErrorIds.RunDamaged, ex.ErrorId);
            Assert.Equal(ApplyErrorIds.RunNotFound, Assert.Throws<ApplyRefusedException>(() => RunJournal.Open(root, "20260101-000000-000000", fx.Key)).ErrorId);
        }

        [Theory]
        [InlineData("hand-written")]   // run.json as plain JSON, as an attacker would write it
        [InlineData("edited")]         // the MAC'd header with its permissions loosened
        [InlineData("swapped-plan")]   // another run's (authentic) plan copy put in place
        public void A_hand_written_or_edited_run_folder_is_refused(string attack)
        {
            using var fx = new ApplyFixture();
            var (root, runId) = NewRun(fx);
            var runJson = Path.Combine(root, runId, "run.json");
            switch (attack)
            {
                case "hand-written":
                    using (var doc = JsonDocument.Parse(File.ReadAllText(runJson)))
                    {
                        File.WriteAllText(runJson, doc.RootElement.GetProperty("header").GetRawText());
                    }

                    break;
                case "edited":
                    File.WriteAllText(runJson, File.ReadAllText(runJson).Replace("\"allowDelete\":false", "\"allowDelete\":true", StringComparison.Ordinal));
                    break;
                default:
                    var (_, other) = NewRun(fx, root, changes: fx.Diff(gone: true).Changes);
                    File.Copy(Path.Combine(root, other, "plan.json"), Path.Combine(root, runId, "plan.json"), overwrite: true);
                    break;
            }

            var ex = Assert.Throws<ApplyRefusedException>(() => RunJournal.Open(root, runId, fx.Key));
            Assert.Equal(ApplyErrorIds.RunDamaged, ex.ErrorId);
        }

        [Theory]
        [InlineData("../outside")]
        [InlineData("..")]
        [InlineData("/etc")]
        [InlineData("runs/../../x")]
        [InlineData("a\\b")]
        public void Resume_refuses_a_path_instead_of_a_run_id(string runId)
        {
            using var fx = new ApplyFixture();
            var ex = Assert.Throws<ApplyRefusedException>(() => RunJournal.Open(fx.District.PathOf("runs"), runId, fx.Key));
            Assert.Equal(ApplyErrorIds.RunPathInvalid, ex.ErrorId);
        }

        internal static (string Root, string RunId) NewRun(ApplyFixture fx, string? root = null, bool key = true, System.Collections.Generic.IReadOnlyList<StaffChange>? changes = null)
        {
            root ??= fx.District.PathOf("runs");
            changes ??= fx.Diff().Changes;
            var header = new RunHeader
            {
                RunId = string.Concat("20260301-070000-", Guid.NewGuid().ToString("N").AsSpan(0, 6)), StartedAt = DateTimeOffset.UtcNow, Operator = "ops@host",
                Target = "https://titanhst.test/", TargetBaseUri = "https://titanhst.test:443", TargetInstanceId = "tnt-1", ContractId = fx.Contract.Id, ContractVersion = fx.Contract.Version, ContractHash = fx.Contract.Hash,
            };
            using var journal = RunJournal.Create(root, header, changes, key ? fx.Key : null);
            var change = changes.First(c => c.GetAction() == ChangeAction.Create);
            journal.Intent(change, "k");
            journal.Outcome(new ChangeOutcome(header.RunId, change, ApplyOutcomeKind.Succeeded, 201, 1, null, "stf_x", DateTimeOffset.UtcNow));
            return (root, header.RunId);
        }
    }
}

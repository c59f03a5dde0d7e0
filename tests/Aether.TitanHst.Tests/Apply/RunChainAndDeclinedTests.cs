using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Aether.TitanHst.Apply;
using Aether.TitanHst.Audit;
using Aether.TitanHst.Client;
using Aether.TitanHst.Target;
using Aether.TitanHst.Tests.Client;

namespace Aether.TitanHst.Tests.Apply
{
    /// <summary>A run's entries stay in one audit chain; declined changes are counted; an unfinished run keeps its changes.</summary>
    public sealed class RunChainAndDeclinedTests
    {
        [Fact]
        public async Task A_resume_into_another_audit_folder_is_refused_before_anything_is_written()
        {
            await using var emu = await TestTitanHst.StartAsync(staffCount: 3);
            using var fx = new ApplyFixture();
            using var client = emu.Client();
            var target = TargetIdentity.Of(emu.BaseUri, (await client.GetSchemaAsync()).InstanceId);
            var first = Engine(fx, client, "audit");
            _ = first.Start(fx.Diff(target, roleChange: false).Changes, new ApplyOptions { Contract = fx.Contract, ThrottleLimit = 1, ConfigPath = "/etc/titanhst/titanhst.config.jsonc" }).ToList();

            // The emulator knows none of the mini district's codes: the writes fail, and a resume retries them.
            Assert.True(first.Summary!.ToResume > 0);
            Assert.Equal(Path.GetFullPath(fx.District.PathOf("audit")), first.Summary.AuditFolder);
            Assert.Equal("/etc/titanhst/titanhst.config.jsonc", first.Summary.ConfigPath);
            var before = AuditLogQuery.Read(fx.District.PathOf("audit")).Count();

            var ex = Assert.Throws<ApplyRefusedException>(() => Engine(fx, client, "other-audit").Resume(first.RunId!, fx.Contract).ToList());
            Assert.Equal(ApplyErrorIds.AuditChainMismatch, ex.ErrorId);
            Assert.Contains(fx.District.PathOf("audit"), ex.Message, StringComparison.Ordinal);
            Assert.Contains("Connect-TitanHst -ConfigPath '/etc/titanhst/titanhst.config.jsonc'", ex.Message, StringComparison.Ordinal);
            Assert.Empty(AuditFolder.ListFiles(fx.District.PathOf("other-audit")));
            Assert.Equal(before, AuditLogQuery.Read(fx.District.PathOf("audit")).Count());

            // In its own chain the resume goes ahead, and the chain still verifies.
            var resumed = Engine(fx, client, "audit");
            _ = resumed.Resume(first.RunId!, fx.Contract).ToList();
            Assert.True(AuditLogQuery.Read(fx.District.PathOf("audit")).Count() > before);
            Assert.True(AuditLogVerifier.Verify(fx.District.PathOf("audit")).Passed);
        }

        [Fact]
        public async Task Declined_changes_are_journaled_audited_and_counted_and_never_called()
        {
            await using var emu = await TestTitanHst.StartAsync(staffCount: 3);
            using var fx = new ApplyFixture();
            using var client = emu.Client();
            var target = TargetIdentity.Of(emu.BaseUri, (await client.GetSchemaAsync()).InstanceId);
            var changes = fx.Diff(target, roleChange: false).Changes;
            var options = new ApplyOptions { Contract = fx.Contract, ThrottleLimit = 1 };
            var asked = changes.Where(c => ApplyGate.SkipReason(c) is null).ToList();
            foreach (var change in asked)
            {
                options.Declined.Add(change.GetExternalId());
            }

            var engine = Engine(fx, client, "audit");
            var outcomes = engine.Start(changes, options).ToList();

            Assert.Equal(asked.Count, outcomes.Count(o => o.GetOutcome() == ApplyOutcomeKind.Declined));
            Assert.Equal(RunStatus.Declined, engine.Summary!.GetStatus());
            Assert.Equal(asked.Count, engine.Summary.Declined);
            Assert.Equal(changes.Count, engine.Summary.Declined + engine.Summary.Skipped + engine.Summary.Succeeded + engine.Summary.Failed + engine.Summary.Stale + engine.Summary.Pending);
            Assert.Null(engine.Summary.NextCommand);
            Assert.Equal(0, await ApplyEngineTests.WritesAsync(emu));

            var query = new AuditQuery();
            query.RunIds.Add(engine.RunId!);
            query.Kinds.Add(AuditEntryKind.Outcome);
            Assert.Equal(asked.Count, AuditLogQuery.Read(fx.District.PathOf("audit"), query).Count(e => e.Outcome == "Declined"));
            Assert.True(AuditLogVerifier.Verify(fx.District.PathOf("audit")).Passed);

            // A declined change is a decision: a resume never calls it.
            _ = Engine(fx, client, "audit").Resume(engine.RunId!, fx.Contract).ToList();
            Assert.Equal(0, await ApplyEngineTests.WritesAsync(emu));
        }

        [Fact]
        public async Task A_declined_outcome_cut_from_the_journal_is_found_in_the_audit_and_the_resume_is_refused()
        {
            await using var emu = await TestTitanHst.StartAsync(staffCount: 3);
            using var fx = new ApplyFixture();
            using var client = emu.Client();
            var target = TargetIdentity.Of(emu.BaseUri, (await client.GetSchemaAsync()).InstanceId);
            var changes = fx.Diff(target, roleChange: false).Changes;
            var options = new ApplyOptions { Contract = fx.Contract, ThrottleLimit = 1 };
            var declined = changes.First(c => ApplyGate.SkipReason(c) is null);
            options.Declined.Add(declined.GetExternalId());
            var engine = Engine(fx, client, "audit");
            _ = engine.Start(changes, options).ToList();

            // Lines cut from the end leave the numbering whole; the declined outcome goes with everything after it.
            var journal = Path.Combine(fx.District.PathOf("runs"), engine.RunId!, "journal.jsonl");
            var lines = File.ReadAllLines(journal);
            var at = Array.FindIndex(lines, l => l.Contains("\"Declined\"", StringComparison.Ordinal));
            Assert.True(at >= 0);
            File.WriteAllLines(journal, lines.Take(at));

            var ex = Assert.Throws<ApplyRefusedException>(() => Engine(fx, client, "audit").Resume(engine.RunId!, fx.Contract).ToList());
            Assert.Equal(ApplyErrorIds.JournalInvalid, ex.ErrorId);
            Assert.Contains("the audit log holds outcomes", ex.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(declined.GetExternalId(), ex.Message, StringComparison.Ordinal);

            // The listing says the same, and offers no -Resume.
            var listed = Assert.Single(RunCatalog.List(fx.District.PathOf("runs")));
            Assert.True(listed.Damaged);
            Assert.Contains("the audit log holds outcomes", listed.Problem, StringComparison.Ordinal);
            Assert.DoesNotContain("-Resume", listed.NextCommand, StringComparison.Ordinal);
        }

        [Fact]
        public async Task A_journal_line_removed_from_the_middle_is_refused()
        {
            await using var emu = await TestTitanHst.StartAsync(staffCount: 3);
            using var fx = new ApplyFixture();
            using var client = emu.Client();
            var target = TargetIdentity.Of(emu.BaseUri, (await client.GetSchemaAsync()).InstanceId);
            var engine = Engine(fx, client, "audit");
            _ = engine.Start(fx.Diff(target, roleChange: false).Changes, new ApplyOptions { Contract = fx.Contract, ThrottleLimit = 1 }).ToList();
            var journal = Path.Combine(fx.District.PathOf("runs"), engine.RunId!, "journal.jsonl");
            var lines = File.ReadAllLines(journal).ToList();
            Assert.True(lines.Count >= 3);
            lines.RemoveAt(1);
            File.WriteAllLines(journal, lines);

            var ex = Assert.Throws<ApplyRefusedException>(() => Engine(fx, client, "audit").Resume(engine.RunId!, fx.Contract).ToList());
            Assert.Equal(ApplyErrorIds.JournalInvalid, ex.ErrorId);
            Assert.Contains("journal.jsonl:2", ex.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task Changes_an_unfinished_run_holds_are_not_claimed_by_a_second_run()
        {
            await using var emu = await TestTitanHst.StartAsync(staffCount: 3);
            using var fx = new ApplyFixture();
            using var client = emu.Client();
            var target = TargetIdentity.Of(emu.BaseUri, (await client.GetSchemaAsync()).InstanceId);
            var changes = fx.Diff(target, roleChange: false).Changes;
            var first = Engine(fx, client, "audit");
            _ = first.Start(changes, new ApplyOptions { Contract = fx.Contract, ThrottleLimit = 1 }).ToList();
            Assert.True(first.Summary!.ToResume > 0);

            var ex = Assert.Throws<ApplyRefusedException>(() => Engine(fx, client, "audit").Start(changes, new ApplyOptions { Contract = fx.Contract, ThrottleLimit = 1 }).ToList());
            Assert.Equal(ApplyErrorIds.ChangesClaimedByRun, ex.ErrorId);
            Assert.Contains(first.RunId!, ex.Message, StringComparison.Ordinal);
            Assert.Contains($"Invoke-TitanHstApply -Resume {first.RunId}", ex.Message, StringComparison.Ordinal);
            Assert.Single(RunCatalog.List(fx.District.PathOf("runs")));
        }

        private static ApplyEngine Engine(ApplyFixture fx, TitanHstClient client, string audit) =>
            new(client, new AuditLogWriter(new AuditLogOptions(fx.District.PathOf(audit))), fx.District.PathOf("runs"));
    }
}

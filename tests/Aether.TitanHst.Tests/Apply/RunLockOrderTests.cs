using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Aether.TitanHst.Apply;
using Aether.TitanHst.Audit;
using Aether.TitanHst.Plan;
using Aether.TitanHst.Target;
using Aether.TitanHst.Tests.Client;

namespace Aether.TitanHst.Tests.Apply
{
    /// <summary>
    /// What decides whether a run may write (the plan applied once, the journal's pending work) is read under the
    /// target's lock. Read before it, a run waiting on a slow TitanHST answer applied a plan another run had just applied.
    /// </summary>
    public sealed class RunLockOrderTests
    {
        [Fact]
        public async Task A_plan_applied_by_another_run_while_this_one_waits_on_TitanHST_is_not_applied_twice()
        {
            await using var emu = await TestTitanHst.StartAsync(staffCount: 3);
            using var fx = new ApplyFixture();
            using var plain = emu.Client();
            var target = TargetIdentity.Of(emu.BaseUri, (await plain.GetSchemaAsync()).InstanceId);
            var plan = PlanWriter.Write(fx.PlanPath, fx.Diff(target, roleChange: false).Changes, "ops@host");
            var options = new ApplyOptions { Contract = fx.Contract, PlanHash = plan.Hash, ThrottleLimit = 1 };

            // B's check of the target (its schema read) is slow; while B waits for the answer, A applies the same plan.
            ApplyRefusedException? refusedA = null;
            var fired = false;
            var slow = new RecordingHandler();
            slow.OnResponse = async (request, _) =>
            {
                if (!fired && request.RequestUri!.AbsolutePath.EndsWith("/schema", StringComparison.Ordinal))
                {
                    fired = true;
                    await Task.Run(() => refusedA = Assert.Throws<ApplyRefusedException>(() => Engine(fx, plain).Start(PlanReader.Read(fx.PlanPath).Changes, options).ToList()));
                }
            };
            using var slowClient = emu.Client(handler: slow);
            var b = Engine(fx, slowClient);
            _ = b.Start(PlanReader.Read(fx.PlanPath).Changes, options).ToList();

            Assert.True(fired);
            Assert.Equal(ApplyErrorIds.TargetBusy, refusedA!.ErrorId);
            Assert.Single(RunCatalog.List(fx.District.PathOf("runs")), r => r.PlanHash == plan.Hash);

            // Once B is done the plan is refused as applied, and nothing more reaches TitanHST.
            var writes = await ApplyEngineTests.WritesAsync(emu);
            var again = Assert.Throws<ApplyRefusedException>(() => Engine(fx, plain).Start(PlanReader.Read(fx.PlanPath).Changes, options).ToList());
            Assert.Equal(ApplyErrorIds.PlanAlreadyApplied, again.ErrorId);
            Assert.Contains(b.RunId!, again.Message, StringComparison.Ordinal);
            Assert.Equal(writes, await ApplyEngineTests.WritesAsync(emu));
        }

        [Fact]
        public async Task A_resume_while_the_target_is_busy_leaves_the_runs_journal_untouched()
        {
            await using var emu = await TestTitanHst.StartAsync(staffCount: 3);
            using var fx = new ApplyFixture();
            using var client = emu.Client();
            var target = TargetIdentity.Of(emu.BaseUri, (await client.GetSchemaAsync()).InstanceId);
            var first = Engine(fx, client);
            _ = first.Start(fx.Diff(target, roleChange: false).Changes, new ApplyOptions { Contract = fx.Contract, ThrottleLimit = 1 }).ToList();
            Assert.True(first.Summary!.ToResume > 0);

            // The run holds the target and is writing its next journal line; a second resume reads nothing of it.
            var journal = Path.Combine(first.Summary.Folder, "journal.jsonl");
            File.AppendAllText(journal, "{\"seq\":");
            var before = File.ReadAllBytes(journal);
            using (TargetLock.Acquire(target, first.RunId!))
            {
                var ex = Assert.Throws<ApplyRefusedException>(() => Engine(fx, client).Resume(first.RunId!, fx.Contract).ToList());
                Assert.Equal(ApplyErrorIds.TargetBusy, ex.ErrorId);
            }

            Assert.Equal(before, File.ReadAllBytes(journal));
        }

        private static ApplyEngine Engine(ApplyFixture fx, Aether.TitanHst.Client.TitanHstClient client) =>
            new(client, new AuditLogWriter(new AuditLogOptions(fx.District.PathOf("audit"))), fx.District.PathOf("runs"));
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Aether.TitanHst.Apply;
using Aether.TitanHst.Audit;
using Aether.TitanHst.Client;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Emulator;
using Aether.TitanHst.Target;
using Aether.TitanHst.Tests.Client;

namespace Aether.TitanHst.Tests.Apply
{
    /// <summary>The engine against a real emulator: refusals happen before any write reaches TitanHST.</summary>
    public sealed class ApplyEngineTests
    {
        [Fact]
        public async Task A_plan_for_another_instance_is_refused_before_any_write()
        {
            await using var emu = await TestTitanHst.StartAsync(staffCount: 3);
            using var fx = new ApplyFixture();
            using var client = emu.Client();
            var changes = fx.Diff(TargetIdentity.Of(emu.BaseUri, "tnt-somewhere-else")).Changes;

            var ex = Assert.Throws<ApplyRefusedException>(() => Engine(fx, client).Start(changes, ApplyGateTests.Options(fx, "ok", true)).ToList());
            Assert.Equal(ApplyErrorIds.WrongTarget, ex.ErrorId);
            Assert.Equal(0, await WritesAsync(emu));
        }

        [Fact]
        public async Task The_emulator_reports_a_stable_instance_id_that_can_be_configured()
        {
            await using var emu = await TestTitanHst.StartAsync(staffCount: 3);
            using var client = emu.Client();
            var first = (await client.GetSchemaAsync()).InstanceId;
            Assert.Matches("^emu-[0-9a-f]{12}$", first);
            Assert.Equal(first, (await client.GetSchemaAsync()).InstanceId);
            await emu.ConfigureAsync(new { instanceId = "tnt-b" });
            Assert.Equal("tnt-b", (await client.GetSchemaAsync()).InstanceId);
        }

        [Fact]
        public async Task A_resume_runs_the_same_gate_as_a_first_apply()
        {
            await using var emu = await TestTitanHst.StartAsync(staffCount: 3);
            using var fx = new ApplyFixture();
            using var client = emu.Client();
            var target = TargetIdentity.Of(emu.BaseUri, (await client.GetSchemaAsync()).InstanceId);

            // An authentic run folder (as a key holder could write one) whose blocked changes have no override.
            var changes = fx.Diff(target).Changes;
            Assert.Contains(changes, c => c.Blocked);
            var root = fx.District.PathOf("runs");
            var header = new RunHeader
            {
                RunId = "20260301-070000-aaaaaa", StartedAt = DateTimeOffset.UtcNow, Operator = "ops@host", Target = target.BaseUri, TargetBaseUri = target.BaseUri, TargetInstanceId = target.InstanceId,
                ContractId = fx.Contract.Id, ContractVersion = fx.Contract.Version, ContractHash = fx.Contract.Hash, ThrottleLimit = 1, AllowRoleChange = true,
            };
            RunJournal.Create(root, header, changes).Dispose();

            var ex = Assert.Throws<ApplyRefusedException>(() => Engine(fx, client, root).Resume(header.RunId).ToList());
            Assert.Equal(ApplyErrorIds.DiffBlocked, ex.ErrorId);
            Assert.Equal(0, await WritesAsync(emu));
        }

        [Fact]
        public async Task A_schema_other_than_the_contracts_stops_the_apply_unless_acknowledged()
        {
            await using var emu = await TestTitanHst.StartAsync(staffCount: 3);
            using var fx = new ApplyFixture();
            fx.District.EditContract("\"description\": \"Mini district for tests\",", "\"description\": \"Mini district for tests\", \"titanHstSchemaVersion\": \"2025-01\",");
            var contract = ContractLoader.Load(fx.District.ContractPath);
            using var client = emu.Client();
            var schema = await client.GetSchemaAsync();
            var identity = Aether.TitanHst.Diff.DiffIdentity.New(contract, Aether.TitanHst.Diff.SourceFileHash.Of(contract), "emu", TargetIdentity.Of(emu.BaseUri, schema.InstanceId));
            var changes = new Aether.TitanHst.Diff.DiffEngine(contract, identity).Compute(new Aether.TitanHst.Canonical.StaffExtractor(contract).Extract(), Array.Empty<TargetStaffRecord>()).Changes;
            var options = new ApplyOptions { Contract = contract, OverrideReason = "ok", AllowRoleChange = true };

            var ex = Assert.Throws<ApplyRefusedException>(() => Engine(fx, client).Start(changes, options).ToList());
            Assert.Equal(ApplyErrorIds.SchemaChanged, ex.ErrorId);
            Assert.Contains(schema.SchemaVersion, ex.Message);
            Assert.Equal(0, await WritesAsync(emu));
            Assert.True(SchemaGuard.Check(contract, schema.SchemaVersion, schema.SchemaVersion));
            Assert.Throws<ApplyRefusedException>(() => SchemaGuard.Check(contract, schema.SchemaVersion, "1999-01"));
            Assert.False(SchemaGuard.Check(contract, "2025-01", null));
        }

        [Fact]
        public async Task An_apply_that_meets_an_open_breaker_says_how_long_to_wait()
        {
            await using var emu = await TestTitanHst.StartAsync(staffCount: 3, settings: new EmulatorSettings { FaultRate = 1, FaultMix = "500=1" });
            using var fx = new ApplyFixture();
            using var client = emu.Client(o =>
            {
                o.MaxRetries = 1;
                o.BreakerMinimumThroughput = 2;
                o.BreakerFailureRatio = 0.5;
                o.BreakerSamplingDuration = TimeSpan.FromSeconds(10);
                o.BreakerBreakDuration = TimeSpan.FromSeconds(20);
            });
            for (var i = 0; i < 4; i++)
            {
                await Assert.ThrowsAsync<TitanHstApiException>(() => client.GetSchemaAsync());
            }

            var changes = fx.Diff(TargetIdentity.Of(emu.BaseUri, "x")).Changes;
            var ex = Assert.Throws<ApplyRefusedException>(() => Engine(fx, client).Start(changes, ApplyGateTests.Options(fx, "ok", true)).ToList());
            Assert.Equal(ApplyErrorIds.TargetUnavailable, ex.ErrorId);
            Assert.Matches(@"about \d+ s", ex.Message);
            Assert.Contains("Wait until", ex.Message);
        }

        [Fact]
        public async Task A_plan_applied_twice_is_refused_naming_the_first_run_and_its_status()
        {
            await using var emu = await TestTitanHst.StartAsync(staffCount: 3);
            using var fx = new ApplyFixture();
            using var client = emu.Client();
            var target = TargetIdentity.Of(emu.BaseUri, (await client.GetSchemaAsync()).InstanceId);
            var plan = Aether.TitanHst.Plan.PlanWriter.Write(fx.PlanPath, fx.Diff(target, roleChange: false).Changes, "ops@host");
            var options = new ApplyOptions { Contract = fx.Contract, PlanHash = plan.Hash, ThrottleLimit = 1 };
            var first = Engine(fx, client);
            _ = first.Start(plan.Changes, options).ToList();

            // The emulator knows none of the mini district's role and site codes, so the writes fail: a resume retries them.
            Assert.Equal(RunStatus.CompletedWithFailures, first.Summary!.GetStatus());
            Assert.Equal($"Invoke-TitanHstApply -Resume {first.RunId}", first.Summary!.NextCommand);
            var ex = Assert.Throws<ApplyRefusedException>(() => Engine(fx, client).Start(Aether.TitanHst.Plan.PlanReader.Read(fx.PlanPath).Changes, options).ToList());
            Assert.Equal(ApplyErrorIds.PlanAlreadyApplied, ex.ErrorId);
            Assert.Contains(first.RunId!, ex.Message);
            Assert.Contains("-Resume", ex.Message);
        }

        [Fact]
        public async Task A_resume_records_the_outcome_a_kill_kept_from_the_audit_log_once()
        {
            await using var emu = await TestTitanHst.StartAsync(staffCount: 3);
            using var fx = new ApplyFixture();
            using var client = emu.Client();
            var target = TargetIdentity.Of(emu.BaseUri, (await client.GetSchemaAsync()).InstanceId);
            var changes = fx.Diff(target, roleChange: false).Changes;
            var root = fx.District.PathOf("runs");
            var header = new RunHeader
            {
                RunId = "20260301-070000-bbbbbb", StartedAt = DateTimeOffset.UtcNow, Operator = "ops@host", Target = target.BaseUri, TargetBaseUri = target.BaseUri, TargetInstanceId = target.InstanceId,
                ContractId = fx.Contract.Id, ContractVersion = fx.Contract.Version, ContractHash = fx.Contract.Hash, ThrottleLimit = 1,
            };

            // Killed after the journal's outcome line and before the audit's: the audit has no outcome for it.
            var done = changes.First(c => c.GetAction() == Aether.TitanHst.Diff.ChangeAction.Create);
            using (var journal = RunJournal.Create(root, header, changes))
            {
                journal.Intent(done, "k");
                journal.Outcome(new ChangeOutcome(header.RunId, done, ApplyOutcomeKind.Succeeded, 201, 1, null, "stf_x", DateTimeOffset.UtcNow));
            }

            _ = Engine(fx, client, root).Resume(header.RunId).ToList();
            var query = new AuditQuery();
            query.RunIds.Add(header.RunId);
            query.Kinds.Add(AuditEntryKind.Outcome);
            var outcomes = AuditLogQuery.Read(fx.District.PathOf("audit"), query).Where(e => e.ExternalId == done.ExternalId).ToList();
            Assert.Single(outcomes);
            Assert.Equal("Succeeded", outcomes[0].Outcome);
        }

        private static ApplyEngine Engine(ApplyFixture fx, TitanHstClient client, string? root = null) =>
            new(client, new AuditLogWriter(new AuditLogOptions(fx.District.PathOf("audit"))), root ?? fx.District.PathOf("runs"));

        internal static async Task<int> WritesAsync(TestTitanHst emu)
        {
            var stats = await emu.StatsAsync();
            return stats["routes"]!.AsArray().Where(r => r!["route"]!.GetValue<string>() is var route
                    && !route.StartsWith("GET", StringComparison.Ordinal) && route.Contains("/api/v1/staff", StringComparison.Ordinal))
                .Sum(r => r!["count"]!.GetValue<int>());
        }
    }
}

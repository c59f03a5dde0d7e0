using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Aether.TitanHst.Apply;
using Aether.TitanHst.Audit;
using Aether.TitanHst.Canonical;
using Aether.TitanHst.Client;
using Aether.TitanHst.Diff;
using Aether.TitanHst.Safety;
using Aether.TitanHst.Target;
using Aether.TitanHst.Tests.Client;

namespace Aether.TitanHst.Tests.Apply
{
    /// <summary>
    /// A change's risk is judged on the old value it records. A role change whose old role was blanked (in a snapshot
    /// file anyone may edit, or in a plan by someone holding the key) reads as setting a role where there was none,
    /// not a role change: apply reads the live record first and writes only when TitanHST holds that old value.
    /// </summary>
    public sealed class JudgedOldValueTests
    {
        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async Task A_role_change_whose_old_role_was_blanked_is_never_written(bool fromSnapshot)
        {
            await using var emu = await TestTitanHst.StartAsync(AnaAsPrincipal());
            using var fx = new ApplyFixture();
            using var client = emu.Client();
            var live = client.EnumerateStaff(StaffQuery.All).Single();

            // The honest diff sees the role change, and the gate holds it back without -AllowRoleChange.
            var honest = Update(fx, client, live, fromSnapshot);
            Assert.True((honest.GetRisk() & RiskFlags.RoleChange) != 0);

            // The same record with its role blanked, as an edited snapshot or plan would say it: no risk left to see.
            var blanked = new Dictionary<string, string?>(Fields(live)) { ["roleCode"] = null };
            var edited = new TargetStaffRecord(live.Id, live.ExternalId, live.Active, live.ETag, live.Version, live.CreatedAt, live.UpdatedAt, blanked);
            var hidden = Update(fx, client, edited, fromSnapshot);
            Assert.Equal(RiskFlags.None, hidden.GetRisk() & RiskFlags.RoleChange);

            var outcome = Engine(fx, client).Start(new[] { hidden }, new ApplyOptions { Contract = fx.Contract }).Single();
            Assert.Equal(ApplyOutcomeKind.Stale, outcome.GetOutcome());
            Assert.Contains("old roleCode", outcome.Reason, StringComparison.Ordinal);
            Assert.Equal(0, await ApplyEngineTests.WritesAsync(emu));
            Assert.Equal("PRINCIPAL", client.EnumerateStaff(StaffQuery.All).Single()["roleCode"]);
        }

        [Fact]
        public async Task A_role_change_whose_old_role_is_what_TitanHST_holds_is_written_with_its_permission()
        {
            await using var emu = await TestTitanHst.StartAsync(AnaAsPrincipal());
            using var fx = new ApplyFixture();
            using var client = emu.Client();
            var live = client.EnumerateStaff(StaffQuery.All).Single();
            var change = Update(fx, client, live, fromSnapshot: false);

            var outcome = Engine(fx, client).Start(new[] { change }, new ApplyOptions { Contract = fx.Contract, AllowRoleChange = true, OverrideReason = "one person, reviewed" }).Single();
            Assert.Equal(ApplyOutcomeKind.Succeeded, outcome.GetOutcome());
            Assert.Equal("TEACHER", client.EnumerateStaff(StaffQuery.All).Single()["roleCode"]);
        }

        // Ana (mini district key 123) as TitanHST holds her: a principal at LHS; the HR export says teacher.
        internal static JsonObject AnaAsPrincipal() => new()
        {
            ["roles"] = new JsonArray(Code("TEACHER"), Code("PRINCIPAL"), Code("CLASSIFIED")),
            ["sites"] = new JsonArray(Code("LHS"), Code("JMS"), Code("DO")),
            ["staff"] = new JsonArray(new JsonObject
            {
                ["externalId"] = "123", ["active"] = true, ["firstName"] = "Ana", ["lastName"] = "Peña", ["email"] = "ana.pena@district.org",
                ["title"] = "Teacher of Math", ["roleCode"] = "PRINCIPAL", ["siteCode"] = "LHS", ["hireDate"] = "2019-08-15", ["phone"] = "+15595551234",
            }),
        };

        private static JsonObject Code(string code) => new() { ["code"] = code, ["name"] = code, ["active"] = true };

        private static Dictionary<string, string?> Fields(TargetStaffRecord record) =>
            record.Fields.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

        // The mini district diffed against one TitanHST record: Ana's change (an update).
        private static StaffChange Update(ApplyFixture fx, TitanHstClient client, TargetStaffRecord ana, bool fromSnapshot)
        {
            var target = TargetIdentity.Of(client.BaseUri, client.GetSchemaAsync().GetAwaiter().GetResult().InstanceId);
            var description = fromSnapshot ? TargetDescription.OfSnapshot("/tmp/edited.jsonl", new TargetSnapshotHeader(DateTimeOffset.UtcNow, client.BaseUri.ToString(), TargetSnapshotScope.All, null, null)) : target.BaseUri;
            var identity = DiffIdentity.New(fx.Contract, SourceFileHash.Of(fx.Contract), description, target);
            var change = new DiffEngine(fx.Contract, identity).Compute(new StaffExtractor(fx.Contract).Extract(), new[] { ana }).Changes.Single(c => c.ExternalId == "123");
            Assert.Equal(ChangeAction.Update, change.GetAction());
            return change;
        }

        private static ApplyEngine Engine(ApplyFixture fx, TitanHstClient client) =>
            new(client, new AuditLogWriter(new AuditLogOptions(fx.District.PathOf("audit"))), fx.District.PathOf("runs"));
    }
}

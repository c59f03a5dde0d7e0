using System;
using System.Linq;
using Aether.TitanHst.Apply;
using Aether.TitanHst.Diff;
using Aether.TitanHst.Plan;
using Aether.TitanHst.Safety;

namespace Aether.TitanHst.Tests.Apply
{
    /// <summary>
    /// The gate re-derives every safety decision from the contract, so even a plan forged by someone holding the key
    /// (MAC recomputed) cannot lift a block, hide a risk or write a value the contract rejects.
    /// </summary>
    public sealed class ApplyGateTests
    {
        [Fact]
        public void An_unedited_plan_passes_with_the_permissions_it_needs()
        {
            using var fx = new ApplyFixture();
            var plan = PlanWriter.Write(fx.PlanPath, fx.Diff().Changes, "ops@host", fx.Key);
            ApplyGate.Check(plan.Changes, Options(fx, overrideReason: "reviewed", allowRoleChange: true));
        }

        [Fact]
        public void A_block_lifted_in_the_file_is_blocked_again()
        {
            using var fx = new ApplyFixture();
            PlanWriter.Write(fx.PlanPath, fx.Diff().Changes, "ops@host", fx.Key);
            PlanForgery.Rewrite(fx.PlanPath, raw => raw.Replace("\"blocked\": true", "\"blocked\": false"), fx.Key);
            var plan = PlanReader.Read(fx.PlanPath, fx.Key);
            Assert.DoesNotContain(plan.Changes, c => c.Blocked);

            var ex = Assert.Throws<ApplyRefusedException>(() => ApplyGate.Check(plan.Changes, Options(fx, allowRoleChange: true)));
            Assert.Equal(ApplyErrorIds.DiffBlocked, ex.ErrorId);
        }

        [Fact]
        public void A_risk_hidden_in_the_file_is_derived_again()
        {
            using var fx = new ApplyFixture();
            PlanWriter.Write(fx.PlanPath, fx.Diff().Changes, "ops@host", fx.Key);
            PlanForgery.Rewrite(fx.PlanPath, raw => raw.Replace("\"risk\": \"RoleChange\"", "\"risk\": \"None\"").Replace("\"blocked\": true", "\"blocked\": false"), fx.Key);
            var plan = PlanReader.Read(fx.PlanPath, fx.Key);

            var ex = Assert.Throws<ApplyRefusedException>(() => ApplyGate.Check(plan.Changes, Options(fx, overrideReason: "ok")));
            Assert.Equal(ApplyErrorIds.RoleChangeNotAllowed, ex.ErrorId);
            Assert.Contains(plan.Changes, c => (c.GetRisk() & RiskFlags.RoleChange) != 0);
        }

        [Theory]
        [InlineData("bo@district.org", "bo@elsewhere.example", "email")]                               // outside the contract's domain
        [InlineData("\"roleCode\": \"CLASSIFIED\"", "\"roleCode\": \"SUPERINTENDENT\"", "roleCode")]       // not a code of the mapping table
        [InlineData("\"desired\": {", "\"desired\": {\n        \"employmentStatus\": \"terminated\",", "employmentStatus")] // a field the contract does not own
        public void A_value_the_contract_rejects_is_refused_whatever_the_permissions(string find, string replace, string field)
        {
            using var fx = new ApplyFixture();
            PlanWriter.Write(fx.PlanPath, fx.Diff().Changes, "ops@host", fx.Key);
            PlanForgery.Rewrite(fx.PlanPath, raw => ReplaceFirstCreate(raw, find, replace), fx.Key);
            var plan = PlanReader.Read(fx.PlanPath, fx.Key);

            var ex = Assert.Throws<ApplyRefusedException>(() => ApplyGate.Check(plan.Changes, Options(fx, overrideReason: "ok", allowRoleChange: true, allowDelete: true)));
            Assert.Equal(ApplyErrorIds.ValueRejectedByContract, ex.ErrorId);
            Assert.Contains(field, ex.Message);
            Assert.DoesNotContain("elsewhere.example", ex.Message);
        }

        [Fact]
        public void The_diff_and_the_gate_reach_the_same_verdict()
        {
            using var fx = new ApplyFixture();
            var diff = fx.Diff(gone: true).Changes;
            var marks = diff.Select(c => (c.ExternalId, c.GetRisk(), c.Blocked, c.HeldBack)).ToList();
            var plan = PlanWriter.Write(fx.PlanPath, diff, "ops@host", fx.Key);
            foreach (var change in plan.Changes)
            {
                change.Blocked = false;
                change.BlockReason = null;
                change.RiskValue = RiskFlags.None;
            }

            ChangeSafety.Mark(plan.Changes, fx.Contract, plan.Identity.ManagedActive!.Value);
            Assert.Equal(marks, plan.Changes.Select(c => (c.ExternalId, c.GetRisk(), c.Blocked, c.HeldBack)).ToList());
            Assert.Contains(plan.Changes, c => c.GetAction() == ChangeAction.Deactivate && c.Blocked);
        }

        [Fact]
        public void Without_the_contract_nothing_is_applied()
        {
            using var fx = new ApplyFixture();
            var plan = PlanWriter.Write(fx.PlanPath, fx.Diff().Changes, "ops@host", fx.Key);
            var ex = Assert.Throws<ApplyRefusedException>(() => ApplyGate.Check(plan.Changes, new ApplyOptions { OverrideReason = "ok", AllowRoleChange = true }));
            Assert.Equal(ApplyErrorIds.ContractRequired, ex.ErrorId);
        }

        internal static ApplyOptions Options(ApplyFixture fx, string? overrideReason = null, bool allowRoleChange = false, bool allowDelete = false) => new()
        {
            Contract = fx.Contract,
            OverrideReason = overrideReason,
            AllowRoleChange = allowRoleChange,
            AllowDelete = allowDelete,
        };

        // Edits the first Create in the plan text only (the forger targets one person).
        private static string ReplaceFirstCreate(string raw, string find, string replace)
        {
            var create = raw.IndexOf("\"action\": \"Create\"", System.StringComparison.Ordinal);
            var at = raw.IndexOf(find, create, System.StringComparison.Ordinal);
            Assert.True(create >= 0 && at >= 0, $"'{find}' not found in a Create");
            return string.Concat(raw.AsSpan(0, at), replace, raw.AsSpan(at + find.Length));
        }
    }
}

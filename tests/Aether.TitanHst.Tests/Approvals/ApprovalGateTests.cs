using System;
using System.Linq;
using Aether.TitanHst.Apply;
using Aether.TitanHst.Approvals;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Plan;
using Aether.TitanHst.Tests.Apply;
using Aether.TitanHst.Tests.Diff;

namespace Aether.TitanHst.Tests.Approvals
{
    /// <summary>The apply gate and a contract that requires a second person's approval of the plan.</summary>
    public sealed class ApprovalGateTests
    {
        [Fact]
        public void Changes_not_from_an_approved_plan_are_refused()
        {
            using var fx = Fixture(out var contract);
            var plan = PlanWriter.Write(fx.PlanPath, Diff(contract).Changes, "alice@host", fx.Key);
            var options = Options(fx, contract);

            var ex = Assert.Throws<ApplyRefusedException>(() => ApplyGate.Check(plan.Changes, options));
            Assert.Equal(ApplyErrorIds.ApprovalRequired, ex.ErrorId);
            Assert.Contains("Approve-TitanHstPlan", ex.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void A_plan_approved_by_someone_else_goes_through_and_the_authors_approval_does_not()
        {
            using var fx = Fixture(out var contract);
            var plan = PlanWriter.Write(fx.PlanPath, Diff(contract).Changes, "alice@host", fx.Key);
            var policy = contract.Policies.Safety.Approvals;

            var own = ApprovalSigner.WithInstallationKey(plan.PlanId, plan.Hash, "alice@host", "mine", fx.Key);
            var refused = Options(fx, contract, ApprovalVerifier.Verify(plan.Hash, plan.Operator, 1, policy, new[] { own }, fx.Key));
            Assert.Equal(ApplyErrorIds.ApprovalRequired, Assert.Throws<ApplyRefusedException>(() => ApplyGate.Check(plan.Changes, refused)).ErrorId);

            var bobs = ApprovalSigner.WithInstallationKey(plan.PlanId, plan.Hash, "bob@host", "checked", fx.Key);
            ApplyGate.Check(plan.Changes, Options(fx, contract, ApprovalVerifier.Verify(plan.Hash, plan.Operator, 1, policy, new[] { own, bobs }, fx.Key)));
        }

        [Fact]
        public void An_approval_of_the_plan_before_it_was_edited_does_not_count()
        {
            using var fx = Fixture(out var contract);
            var plan = PlanWriter.Write(fx.PlanPath, Diff(contract).Changes, "alice@host", fx.Key);
            var approval = ApprovalSigner.WithInstallationKey(plan.PlanId, plan.Hash, "bob@host", "checked", fx.Key);

            // Someone holding the key rewrites the plan (its MAC verifies): the approval names the old content.
            PlanForgery.Rewrite(fx.PlanPath, raw => raw.Replace("old@district.org", "old2@district.org"), fx.Key);
            var edited = PlanReader.Read(fx.PlanPath, fx.Key);
            var verdict = ApprovalVerifier.Verify(edited.Hash, edited.Operator, 1, contract.Policies.Safety.Approvals, new[] { approval }, fx.Key);
            Assert.False(verdict.Satisfied);
            Assert.Equal(ApplyErrorIds.ApprovalRequired, Assert.Throws<ApplyRefusedException>(() => ApplyGate.Check(edited.Changes, Options(fx, contract, verdict))).ErrorId);
        }

        [Fact]
        public void Only_risky_plans_need_approval_when_the_contract_says_so()
        {
            using var fx = Fixture(out var contract, "\"approvals\": { \"required\": 1, \"onlyWhenRisky\": true }");
            var creates = Diff(contract).Changes.Where(c => c.GetAction() == TitanHst.Diff.ChangeAction.Create).ToList();
            Assert.NotEmpty(creates);
            var plan = PlanWriter.Write(fx.PlanPath, creates, "alice@host", fx.Key);
            ApplyGate.Check(plan.Changes, Options(fx, contract));
        }

        [Fact]
        public void The_contract_refuses_a_bad_approvals_section()
        {
            using var d = new TempDistrict();
            d.EditContract("\"ownedFields\"", "\"safety\": { \"approvals\": { \"required\": 0 } },\n  \"ownedFields\"");
            var error = Assert.Throws<Errors.InputFileException>(() => ContractLoader.Load(d.ContractPath));
            Assert.Equal("safety.approvals.required", error.Field);
        }

        internal static ApplyFixture Fixture(out MappingContract contract, string approvals = "\"approvals\": { \"required\": 1 }")
        {
            var fx = new ApplyFixture();
            fx.District.EditContract("\"ownedFields\"", "\"safety\": { \"thresholds\": { \"roleChange\": { \"maxCount\": 10 } }, " + approvals + " },\n  \"ownedFields\"");
            contract = ContractLoader.Load(fx.District.ContractPath);
            return fx;
        }

        // The fixture's diff, computed with the edited contract (the fixture's own was loaded before the edit).
        internal static TitanHst.Diff.DiffResult Diff(MappingContract contract)
        {
            var records = new System.Collections.Generic.List<TitanHst.Target.TargetStaffRecord> { SeedTarget.Record("stf_000000000001", "123", true, ApplyFixture.Ana) };
            var target = new TitanHst.Target.TargetIdentity("https://titanhst.test:443", "tnt-1");
            var identity = TitanHst.Diff.DiffIdentity.New(contract, TitanHst.Diff.SourceFileHash.Of(contract), target.BaseUri, target);
            return new TitanHst.Diff.DiffEngine(contract, identity).Compute(new TitanHst.Canonical.StaffExtractor(contract).Extract(), records);
        }

        internal static ApplyOptions Options(ApplyFixture fx, MappingContract contract, ApprovalVerdict? verdict = null)
        {
            var options = ApplyGateTests.Options(fx, overrideReason: "reviewed", allowRoleChange: true);
            options.Contract = contract;
            options.Approvers = verdict?.Checks.Where(c => c.Counts).Select(c => c.Approval.Identity).ToList();
            options.ApprovalSummary = verdict?.Describe();
            return options;
        }
    }
}

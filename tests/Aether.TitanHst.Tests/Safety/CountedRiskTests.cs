using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Diff;
using Aether.TitanHst.Safety;
using Aether.TitanHst.Target;
using Aether.TitanHst.Tests.Diff;

namespace Aether.TitanHst.Tests.Safety
{
    /// <summary>
    /// The changes a valid but wrong export makes look ordinary: values cleared (an export of one school, a shifted
    /// column), every name of a record changed (an id reused, a column block sorted on its own), people who left given
    /// back their access (an old export restored). Each is a risk of its own, counted against a threshold.
    /// </summary>
    public sealed class CountedRiskTests
    {
        // Ana as TitanHST holds her when the mini district's export is unchanged.
        private static Dictionary<string, string?> Ana() => new()
        {
            ["firstName"] = "Ana", ["lastName"] = "Peña", ["email"] = "ana.pena@district.org", ["title"] = "Teacher of Math", ["roleCode"] = "TEACHER",
            ["siteCode"] = "LHS", ["hireDate"] = "2019-08-15", ["phone"] = "+15595551234",
        };

        [Fact]
        public void A_value_the_export_no_longer_gives_is_ValueCleared_and_blocked_by_default()
        {
            using var d = new TempDistrict();
            var hr = d.PathOf("exports/hr.csv");
            File.WriteAllText(hr, File.ReadAllText(hr).Replace("2019-08-15,559-555-1234", "2019-08-15,", StringComparison.Ordinal), new UTF8Encoding(true));
            var result = Diff(d, new[] { SeedTarget.Record("stf_1", "123", true, Ana()) });
            var ana = result.Changes.Single(c => c.ExternalId == "123");
            Assert.Equal("phone", Assert.Single(ana.GetFieldChanges()).Field);
            Assert.Equal(RiskFlags.ValueCleared, ana.GetRisk());
            // 1 of 1 managed active record is over the default 5 %.
            Assert.True(ana.Blocked);
            Assert.Contains("changes that clear a value TitanHST holds", ana.BlockReason, StringComparison.Ordinal);
        }

        [Fact]
        public void A_contract_can_allow_cleared_values_and_filling_a_blank_is_no_risk()
        {
            using var d = new TempDistrict();
            d.EditContract("\"ownedFields\"", "\"safety\": { \"thresholds\": { \"valueCleared\": { \"maxPercent\": 100 } } },\n  \"ownedFields\"");
            var hr = d.PathOf("exports/hr.csv");
            File.WriteAllText(hr, File.ReadAllText(hr).Replace("2019-08-15,559-555-1234", "2019-08-15,", StringComparison.Ordinal), new UTF8Encoding(true));
            var cleared = Diff(d, new[] { SeedTarget.Record("stf_1", "123", true, Ana()) }).Changes.Single(c => c.ExternalId == "123");
            Assert.Equal(RiskFlags.ValueCleared, cleared.GetRisk());
            Assert.False(cleared.Blocked);

            using var e = new TempDistrict();
            var held = new Dictionary<string, string?>(Ana()) { ["phone"] = null };
            var filled = Diff(e, new[] { SeedTarget.Record("stf_1", "123", true, held) }).Changes.Single(c => c.ExternalId == "123");
            Assert.Equal(RiskFlags.None, filled.GetRisk());
        }

        [Fact]
        public void Every_name_changed_is_an_IdentityChange_one_name_or_case_and_accents_are_not()
        {
            using var d = new TempDistrict();
            d.EditContract("\"ownedFields\"", "\"safety\": { \"thresholds\": { \"identityChange\": { \"maxCount\": 0 } } },\n  \"ownedFields\"");
            var someoneElse = new Dictionary<string, string?>(Ana()) { ["firstName"] = "Kevin", ["lastName"] = "Marsh" };
            var married = new Dictionary<string, string?>(Ana()) { ["lastName"] = "Ruiz" };
            var shouted = new Dictionary<string, string?>(Ana()) { ["firstName"] = "ANA", ["lastName"] = "PENA" };

            var reused = Diff(d, new[] { SeedTarget.Record("stf_1", "123", true, someoneElse) }).Changes.Single(c => c.ExternalId == "123");
            Assert.Equal(RiskFlags.IdentityChange, reused.GetRisk());
            Assert.True(reused.Blocked);
            Assert.Contains("identity changes", reused.BlockReason, StringComparison.Ordinal);

            Assert.Equal(RiskFlags.None, Diff(d, new[] { SeedTarget.Record("stf_1", "123", true, married) }).Changes.Single(c => c.ExternalId == "123").GetRisk());
            var recased = Diff(d, new[] { SeedTarget.Record("stf_1", "123", true, shouted) }).Changes.Single(c => c.ExternalId == "123");
            Assert.Equal(2, recased.GetFieldChanges().Count);
            Assert.Equal(RiskFlags.None, recased.GetRisk());
        }

        [Theory]
        [InlineData(null, false)] // the default: 10 reactivations
        [InlineData(0, true)]
        public void Reactivations_are_counted(int? maxCount, bool blocked)
        {
            using var d = new TempDistrict();
            if (maxCount is { } max)
            {
                d.EditContract("\"ownedFields\"", $"\"safety\": {{ \"thresholds\": {{ \"reactivate\": {{ \"maxCount\": {max} }} }} }},\n  \"ownedFields\"");
            }

            var result = Diff(d, new[] { SeedTarget.Record("stf_1", "123", false, Ana()) });
            var back = result.Changes.Single(c => c.ExternalId == "123");
            Assert.Equal(ChangeAction.Reactivate, back.GetAction());
            Assert.Equal(blocked, back.Blocked);
            Assert.Equal(blocked, result.Summary.Blocked);
        }

        [Theory]
        [InlineData(null, false)] // no default: creates are not limited unless the contract says so
        [InlineData(1, true)]
        [InlineData(100, false)]
        public void Creates_are_counted_against_the_optional_create_threshold_and_never_marked_risky(int? maxCount, bool blocked)
        {
            using var d = new TempDistrict();
            if (maxCount is { } max)
            {
                d.EditContract("\"ownedFields\"", $"\"safety\": {{ \"thresholds\": {{ \"create\": {{ \"maxCount\": {max} }} }} }},\n  \"ownedFields\"");
            }

            // An empty TitanHST: every person of the mini district is a create (more than one).
            var result = Diff(d, Array.Empty<TargetStaffRecord>());
            var creates = result.Changes.Where(c => c.GetAction() == ChangeAction.Create).ToList();
            Assert.True(creates.Count > 1, $"{creates.Count} creates");
            Assert.All(creates, c => Assert.Equal(RiskFlags.None, c.GetRisk()));
            Assert.All(creates, c => Assert.Equal(blocked, c.Blocked));
            Assert.Equal(blocked, result.Summary.Blocked);
            if (blocked)
            {
                Assert.Contains($"{creates.Count} creates exceed the limit of 1", creates[0].BlockReason, StringComparison.Ordinal);
            }
        }

        [Fact]
        public void Apply_counts_creates_again_and_refuses_them_when_a_plan_lost_their_block()
        {
            using var d = new TempDistrict();
            d.EditContract("\"ownedFields\"", "\"safety\": { \"thresholds\": { \"create\": { \"maxCount\": 1 } } },\n  \"ownedFields\"");
            var contract = ContractLoader.Load(d.ContractPath);
            var changes = Diff(d, Array.Empty<TargetStaffRecord>()).Changes.Where(c => c.GetAction() == ChangeAction.Create).ToList();
            // What a plan edited to pass would carry: no block marks.
            foreach (var change in changes)
            {
                change.Blocked = false;
                change.BlockReason = null;
            }

            var refused = Assert.Throws<Aether.TitanHst.Apply.ApplyRefusedException>(() => Aether.TitanHst.Apply.ApplyGate.Check(changes, new Aether.TitanHst.Apply.ApplyOptions { Contract = contract }));
            Assert.Equal(Aether.TitanHst.Apply.ApplyErrorIds.DiffBlocked, refused.ErrorId);
            Assert.Contains("creates exceed the limit of 1", refused.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void An_unknown_threshold_is_refused_naming_every_kind()
        {
            using var d = new TempDistrict();
            d.EditContract("\"ownedFields\"", "\"safety\": { \"thresholds\": { \"update\": { \"maxCount\": 0 } } },\n  \"ownedFields\"");
            var error = Assert.ThrowsAny<Exception>(() => ContractLoader.Load(d.ContractPath));
            Assert.Contains("reactivate", error.Message, StringComparison.Ordinal);
            Assert.Contains("valueCleared", error.Message, StringComparison.Ordinal);
            Assert.Contains("identityChange", error.Message, StringComparison.Ordinal);
            Assert.Contains("create", error.Message, StringComparison.Ordinal);
        }

        private static DiffResult Diff(TempDistrict d, IEnumerable<TargetStaffRecord> target) => DistrictDiff.Of(d, target);
    }
}

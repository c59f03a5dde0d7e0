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

        [Fact]
        public void An_unknown_threshold_is_refused_naming_every_kind()
        {
            using var d = new TempDistrict();
            d.EditContract("\"ownedFields\"", "\"safety\": { \"thresholds\": { \"create\": { \"maxCount\": 0 } } },\n  \"ownedFields\"");
            var error = Assert.ThrowsAny<Exception>(() => ContractLoader.Load(d.ContractPath));
            Assert.Contains("reactivate", error.Message, StringComparison.Ordinal);
            Assert.Contains("valueCleared", error.Message, StringComparison.Ordinal);
            Assert.Contains("identityChange", error.Message, StringComparison.Ordinal);
        }

        private static DiffResult Diff(TempDistrict d, IEnumerable<TargetStaffRecord> target) => DistrictDiff.Of(d, target);
    }
}

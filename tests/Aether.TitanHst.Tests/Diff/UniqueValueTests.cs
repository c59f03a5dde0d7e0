using System;
using System.Collections.Generic;
using System.Linq;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Diff;
using Aether.TitanHst.Errors;
using Aether.TitanHst.Target;

namespace Aether.TitanHst.Tests.Diff
{
    /// <summary>A field the contract marks unique: no change may give a second active person its value (Diff/UniqueValueCheck).</summary>
    public sealed class UniqueValueTests
    {
        private const string UniqueEmail = "\"normalize\": [\"trim\", \"email\"], \"unique\": true }";

        private static Dictionary<string, string?> Someone(string email) => new()
        {
            ["firstName"] = "Kim", ["lastName"] = "Lee", ["email"] = email, ["title"] = "Teacher", ["roleCode"] = "TEACHER",
            ["siteCode"] = "LHS", ["hireDate"] = "2019-08-15", ["phone"] = null,
        };

        [Fact]
        public void A_create_given_an_address_an_active_record_holds_is_blocked_naming_the_record_not_the_address()
        {
            using var d = new TempDistrict();
            d.EditContract("\"normalize\": [\"trim\", \"email\"] }", UniqueEmail);
            // TitanHST's stf_9 (another person) holds Ana's address, in capitals.
            var result = Diff(d, new[] { SeedTarget.Record("stf_9", "999", true, Someone("ANA.PENA@district.org")) });
            var ana = result.Changes.Single(c => c.ExternalId == "123");
            Assert.Equal(ChangeAction.Create, ana.GetAction());
            Assert.True(ana.Blocked);
            Assert.Contains("held by TitanHST's active record stf_9", ana.BlockReason, StringComparison.Ordinal);
            Assert.DoesNotContain("ana.pena", ana.BlockReason, StringComparison.OrdinalIgnoreCase);
            Assert.Contains(result.Summary.BlockReasons, r => r.Contains("the contract marks email unique", StringComparison.Ordinal));
            Assert.All(result.Changes.Where(c => c.ExternalId != "123"), c => Assert.False(c.Blocked, c.ExternalId));
        }

        [Fact]
        public void An_inactive_record_or_a_contract_without_unique_leaves_the_create_alone()
        {
            using var d = new TempDistrict();
            d.EditContract("\"normalize\": [\"trim\", \"email\"] }", UniqueEmail);
            Assert.False(Diff(d, new[] { SeedTarget.Record("stf_9", "999", false, Someone("ana.pena@district.org")) }).Changes.Single(c => c.ExternalId == "123").Blocked);

            using var plain = new TempDistrict();
            Assert.False(Diff(plain, new[] { SeedTarget.Record("stf_9", "999", true, Someone("ana.pena@district.org")) }).Changes.Single(c => c.ExternalId == "123").Blocked);
        }

        [Fact]
        public void Two_people_given_one_address_in_the_same_diff_are_both_blocked()
        {
            using var d = new TempDistrict();
            d.EditContract("\"normalize\": [\"trim\", \"email\"] }", UniqueEmail);
            var hr = d.PathOf("exports/hr.csv");
            System.IO.File.WriteAllText(hr, System.IO.File.ReadAllText(hr).Replace("456,BO,O'BRIEN,bo@district.org", "456,BO,O'BRIEN,Ana.Pena@district.org", StringComparison.Ordinal), new System.Text.UTF8Encoding(true));
            var result = Diff(d, Array.Empty<TargetStaffRecord>());
            var ana = result.Changes.Single(c => c.ExternalId == "123");
            var bo = result.Changes.Single(c => c.ExternalId == "456");
            Assert.True(ana.Blocked && bo.Blocked);
            Assert.Contains("also written for externalId 456", ana.BlockReason, StringComparison.Ordinal);
            Assert.Contains("also written for externalId 123", bo.BlockReason, StringComparison.Ordinal);
        }

        [Fact]
        public void The_person_keeping_their_own_address_is_no_collision()
        {
            using var d = new TempDistrict();
            d.EditContract("\"normalize\": [\"trim\", \"email\"] }", UniqueEmail);
            // Ana's record holds her address; her title changes, her address does not.
            var held = new Dictionary<string, string?>(Someone("ana.pena@district.org")) { ["firstName"] = "Ana", ["lastName"] = "Peña", ["phone"] = "+15595551234" };
            var ana = Diff(d, new[] { SeedTarget.Record("stf_1", "123", true, held) }).Changes.Single(c => c.ExternalId == "123");
            Assert.Equal(ChangeAction.Update, ana.GetAction());
            Assert.False(ana.Blocked);
        }

        [Fact]
        public void A_large_TitanHST_is_scanned_in_halves_and_the_first_holder_in_its_order_is_named()
        {
            using var d = new TempDistrict();
            d.EditContract("\"normalize\": [\"trim\", \"email\"] }", UniqueEmail);
            // 60,000 records: over the size at which the holders' scan runs its two halves on two threads. Ana's address
            // is held at rows 10 and 59,990 (one in each half), Bo's only at row 59,995 (the second half).
            var target = Enumerable.Range(0, 60_000).Select(i => SeedTarget.Record($"stf_{i}", $"9{i}", true, Someone(i switch
            {
                10 or 59_990 => "ana.pena@district.org",
                59_995 => "BO@district.org",
                _ => $"person{i}@district.org",
            }))).ToList();
            var result = Diff(d, target);
            var ana = result.Changes.Single(c => c.ExternalId == "123");
            var bo = result.Changes.Single(c => c.ExternalId == "456");
            Assert.Contains("held by TitanHST's active record stf_10 (unique)", ana.BlockReason, StringComparison.Ordinal);
            Assert.Contains("held by TitanHST's active record stf_59995 (unique)", bo.BlockReason, StringComparison.Ordinal);
            Assert.Contains(result.Summary.BlockReasons, r => r.StartsWith("blocked: 2 change(s) would write a email", StringComparison.Ordinal));
        }

        [Fact]
        public void Unique_is_refused_on_a_field_TitanHST_is_not_given()
        {
            using var d = new TempDistrict();
            d.EditContract("\"jobClass\": { \"pii\": false,", "\"jobClass\": { \"pii\": false, \"unique\": true,");
            var error = Assert.Throws<InputFileException>(() => ContractLoader.Load(d.ContractPath));
            Assert.Contains("fields.jobClass.unique", error.Message, StringComparison.Ordinal);
        }

        private static DiffResult Diff(TempDistrict d, IEnumerable<TargetStaffRecord> target) => DistrictDiff.Of(d, target);
    }
}

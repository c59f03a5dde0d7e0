using System;
using System.Collections.Generic;
using System.Linq;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Diff;
using Aether.TitanHst.Positions;
using Aether.TitanHst.Safety;
using Aether.TitanHst.Target;
using Aether.TitanHst.Tests.Diff;

namespace Aether.TitanHst.Tests.Positions
{
    /// <summary>Assignments in the diff: a set, described in words, SiteChange/RoleChange on the set, PrimaryChange on its own.</summary>
    public sealed class PositionsDiffTests
    {
        // TitanHST holds each person under the names the fixture's HR export gives them (else every change would also be an IdentityChange).
        private static readonly Dictionary<string, (string First, string Last)> Names = new() { ["502"] = ("Lee", "Park") };

        private static TargetStaffRecord Held(string key, string? assignments, string? site, string? role, string id = "stf_000000000001") =>
            SeedTarget.Record(id, key, true, new Dictionary<string, string?>
            {
                ["firstName"] = Names.TryGetValue(key, out var n) ? n.First : "Ana", ["lastName"] = Names.TryGetValue(key, out var m) ? m.Last : "Pena",
                ["email"] = "ana.pena@district.org", ["hireDate"] = "2019-08-15",
                ["assignments"] = assignments, ["siteCode"] = site, ["roleCode"] = role,
            });

        private static StaffChange ChangeFor(TempDistrict district, TargetStaffRecord held)
        {
            var contract = ContractLoader.Load(district.ContractPath);
            var items = PositionsExtractTests.Extract(district);
            return new DiffEngine(contract).Compute(items, new[] { held }, new DiffOptions { IncludeNoChange = true }).Changes.Single(c => c.GetExternalId() == held.ExternalId);
        }

        [Fact]
        public void A_split_site_teacher_who_gained_a_school_is_a_SiteChange_described_in_words()
        {
            using var district = new TempDistrict("positions-district");
            var change = ChangeFor(district, Held("123", "LHS/TEACHER*@0.6", "LHS", "TEACHER"));
            Assert.Equal(ChangeAction.Update, change.GetAction());
            Assert.Equal(RiskFlags.SiteChange, change.GetRisk());
            Assert.Equal("assignments: +JMS/TEACHER", change.Changes);
            Assert.Contains("JMS/TEACHER from positions:3, aeriesSchools:2", change.Explanation, StringComparison.Ordinal);
            Assert.Equal("LHS/TEACHER*@0.6; JMS/TEACHER@0.4", change.GetDesiredFields()["assignments"]);
        }

        [Fact]
        public void Moving_the_primary_between_held_assignments_is_a_PrimaryChange_not_a_SiteChange()
        {
            using var district = new TempDistrict("positions-district");
            var change = ChangeFor(district, Held("123", "JMS/TEACHER*@0.4; LHS/TEACHER@0.6", "JMS", "TEACHER"));
            Assert.Equal(RiskFlags.PrimaryChange, change.GetRisk());
            Assert.Contains("assignments: primary JMS/TEACHER → LHS/TEACHER", change.Changes, StringComparison.Ordinal);
            Assert.Contains("siteCode: 'JMS' → 'LHS'", change.Changes, StringComparison.Ordinal);
        }

        [Fact]
        public void The_same_set_in_another_order_is_no_change()
        {
            using var district = new TempDistrict("positions-district");
            // What the client would read from TitanHST listing the items in another order.
            var held = AssignmentSet.Of(new[] { new Assignment("JMS", "TEACHER", false, 0.4m), new Assignment("LHS", "TEACHER", true, 0.6m) }).Format();
            var change = ChangeFor(district, Held("123", held, "LHS", "TEACHER"));
            Assert.Equal(ChangeAction.NoChange, change.GetAction());
        }

        [Fact]
        public void Losing_a_role_is_a_RoleChange_and_says_which_assignment_went()
        {
            using var district = new TempDistrict("positions-district");
            var change = ChangeFor(district, Held("502", "JMS/TEACHER*@1; JMS/COACH@0.1; JMS/PRINCIPAL", "JMS", "TEACHER"));
            Assert.Equal(RiskFlags.RoleChange, change.GetRisk());
            Assert.Contains("assignments: -JMS/PRINCIPAL", change.Changes, StringComparison.Ordinal);
        }

        [Fact]
        public void A_v1_record_without_assignments_is_compared_through_its_site_and_role()
        {
            using var district = new TempDistrict("positions-district");
            var change = ChangeFor(district, Held("123", null, "LHS", "TEACHER"));
            Assert.Equal(RiskFlags.SiteChange, change.GetRisk());
            Assert.Contains("assignments: +JMS/TEACHER; fte LHS/TEACHER (blank) → 0.6", change.Changes, StringComparison.Ordinal);
        }

        [Fact]
        public void An_FTE_change_alone_carries_no_site_or_role_risk()
        {
            using var district = new TempDistrict("positions-district");
            var change = ChangeFor(district, Held("123", "LHS/TEACHER*@0.5; JMS/TEACHER@0.4", "LHS", "TEACHER"));
            Assert.Equal(RiskFlags.None, change.GetRisk());
            Assert.Equal("assignments: fte LHS/TEACHER 0.5 → 0.6", change.Changes);
        }

        [Fact]
        public void A_person_with_a_bad_position_row_is_a_Conflict_never_a_Deactivation()
        {
            using var district = new TempDistrict("positions-district");
            System.IO.File.AppendAllText(district.PathOf("exports/hr-positions.csv"), "123,1020,0303,TCH01,lots,N,2021-08-01,\n");
            var change = ChangeFor(district, Held("123", "LHS/TEACHER*@0.6; JMS/TEACHER@0.4", "LHS", "TEACHER"));
            Assert.Equal(ChangeAction.Conflict, change.GetAction());
            Assert.Contains("PositionFteInvalid", change.Explanation, StringComparison.Ordinal);
            Assert.Contains("hr-positions.csv:13", change.Sources.Replace("positions:13", "hr-positions.csv:13", StringComparison.Ordinal), StringComparison.Ordinal);
        }

        [Fact]
        public void PrimaryChange_has_its_own_threshold()
        {
            using var district = new TempDistrict("positions-district");
            district.EditContract("\"ownedFields\"", "\"safety\": { \"thresholds\": { \"primaryChange\": { \"maxCount\": 0 } } },\n  \"ownedFields\"");
            var change = ChangeFor(district, Held("123", "JMS/TEACHER*@0.4; LHS/TEACHER@0.6", "JMS", "TEACHER"));
            Assert.True(change.Blocked);
            Assert.Contains("primary assignment changes", change.BlockReason, StringComparison.Ordinal);
        }
    }
}

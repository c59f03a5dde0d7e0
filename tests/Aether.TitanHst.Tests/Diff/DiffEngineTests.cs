using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Aether.TitanHst.Canonical;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Diff;
using Aether.TitanHst.Safety;
using Aether.TitanHst.Sample;
using Aether.TitanHst.Target;

namespace Aether.TitanHst.Tests.Diff
{
    public class DiffEngineTests
    {
        private static readonly Dictionary<string, string?> Ana = new()
        {
            ["firstName"] = "Ana", ["lastName"] = "Peña", ["email"] = "ana.pena@district.org", ["title"] = "Teacher of Math", ["roleCode"] = "TEACHER",
            ["siteCode"] = "LHS", ["hireDate"] = "2019-08-15", ["phone"] = "+15595551234", ["badgeNumber"] = "B1", ["notes"] = "keys returned",
        };

        [Fact]
        public void Sample_district_against_yesterdays_TitanHST_gives_exactly_the_planned_drift()
        {
            var root = Path.Combine(Path.GetTempPath(), "titanhst-tests", Guid.NewGuid().ToString("N"));
            var info = SampleDistrictGenerator.Generate(root, new SampleDistrictOptions { StaffCount = 400, Seed = 5 });
            var contract = ContractLoader.Load(info.ContractPath!);
            var result = new DiffEngine(contract).Compute(new StaffExtractor(contract).Extract(), SeedTarget.Load(Path.Combine(root, "titanhst-seed.json")));
            var c = info.Counts;
            var s = result.Summary;

            Assert.Equal(c["TargetCreates"], s.Create);
            Assert.Equal(c["TargetEmailUpdates"] + c["TargetTitleUpdates"] + c["TargetPhoneUpdates"] + c["TargetRoleChanges"] + c["TargetSiteChanges"], s.Update);
            Assert.Equal(c["TargetDeactivations"], s.Deactivate);
            Assert.Equal(c["TargetConflicts"], s.Conflict);
            Assert.Equal(1, s.Unmanaged);
            Assert.Equal(c["TargetRoleChanges"], result.Changes.Count(ch => (ch.GetRisk() & RiskFlags.RoleChange) != 0));
            Assert.Equal(c["TargetSiteChanges"], result.Changes.Count(ch => (ch.GetRisk() & RiskFlags.SiteChange) != 0));
            // The sample contract allows no role change without an override.
            Assert.All(result.Changes.Where(ch => (ch.GetRisk() & RiskFlags.RoleChange) != 0), ch => Assert.True(ch.Blocked));
            Assert.True(s.Blocked);
            Assert.DoesNotContain(result.Changes, ch => ch.GetAction() == ChangeAction.NoChange);
            Directory.Delete(root, recursive: true);
        }

        [Fact]
        public void Create_carries_every_owned_field_and_nothing_else()
        {
            using var d = new TempDistrict();
            var result = Diff(d, Array.Empty<TargetStaffRecord>());
            var create = result.Changes.Single(c => c.ExternalId == "123");
            Assert.Equal(ChangeAction.Create, create.GetAction());
            var desired = create.GetDesiredFields();
            Assert.Equal("123", create.ExternalId);
            Assert.Equal("Peña", desired["lastName"]);
            Assert.Equal(8, desired.Count); // the 8 owned fields; employmentStatus and jobClass are not owned
            Assert.False(desired.ContainsKey("employmentStatus"));
            Assert.Null(create.TargetId);
            Assert.Contains("hr:2", create.Explanation);
        }

        [Fact]
        public void Update_shows_only_owned_fields_that_differ_and_never_touches_unowned_ones()
        {
            using var d = new TempDistrict();
            var held = new Dictionary<string, string?>(Ana) { ["email"] = "Ana.Pena@District.org", ["badgeNumber"] = "B9", ["notes"] = "x" };
            var result = Diff(d, new[] { SeedTarget.Record("stf_1", "123", true, held, version: 7) });
            var update = result.Changes.Single(c => c.ExternalId == "123");
            Assert.Equal(ChangeAction.Update, update.GetAction());
            var change = Assert.Single(update.GetFieldChanges());
            Assert.Equal(("email", "Ana.Pena@District.org", "ana.pena@district.org"), (change.Field, change.Old, change.New));
            Assert.Equal(new[] { "email" }, update.GetDesiredFields().Keys);
            Assert.Equal("\"7\"", update.ETag);
            Assert.Equal("stf_1", update.TargetId);
            Assert.Equal("Ana Peña", update.DisplayName);
            Assert.Equal(RiskFlags.None, update.GetRisk());
        }

        [Fact]
        public void Equal_records_are_NoChange_and_hidden_unless_asked_for()
        {
            using var d = new TempDistrict();
            var target = new[] { SeedTarget.Record("stf_1", "123", true, Ana) };
            Assert.DoesNotContain(Diff(d, target).Changes, c => c.ExternalId == "123");
            var shown = Diff(d, target, new DiffOptions { IncludeNoChange = true });
            Assert.Equal(ChangeAction.NoChange, shown.Changes.Single(c => c.ExternalId == "123").GetAction());
            Assert.Equal(1, shown.Summary.NoChange);
        }

        [Fact]
        public void TitanHST_keys_the_rules_change_match_collide_and_leave_as_keys_they_leave_alone()
        {
            using var d = new TempDistrict();

            // "0123" becomes 123 under the key rules (stripLeadingZeros): it matches Ana, unchanged.
            var matched = Diff(d, new[] { SeedTarget.Record("stf_1", "0123", true, Ana) }, new DiffOptions { IncludeNoChange = true });
            Assert.Equal(ChangeAction.NoChange, matched.Changes.Single(c => c.ExternalId == "123").GetAction());
            Assert.Equal("stf_1", matched.Changes.Single(c => c.ExternalId == "123").TargetId);

            // "123" as written and " 0123" made 123 by the rules are the same person twice: a Conflict naming both.
            var twice = Diff(d, new[] { SeedTarget.Record("stf_1", "123", true, Ana), SeedTarget.Record("stf_2", " 0123", true, Ana) });
            var conflicts = twice.Changes.Where(c => c.ExternalId == "123").ToList();
            Assert.NotEmpty(conflicts);
            Assert.All(conflicts, c => Assert.Equal(ChangeAction.Conflict, c.GetAction()));
            Assert.All(conflicts, c => Assert.Contains("stf_1, stf_2", c.Explanation));

            // A person no export holds goes by the rules' key, whichever way TitanHST wrote it.
            var gone = Diff(d, new[] { SeedTarget.Record("stf_7", "x9", true, Ana), SeedTarget.Record("stf_8", "Y8", true, Ana) });
            Assert.Equal(ChangeAction.Deactivate, gone.Changes.Single(c => c.ExternalId == "X9").GetAction());
            Assert.Equal("stf_7", gone.Changes.Single(c => c.ExternalId == "X9").TargetId);
            Assert.Equal(ChangeAction.Deactivate, gone.Changes.Single(c => c.ExternalId == "Y8").GetAction());
        }

        [Fact]
        public void Role_and_site_changes_are_flagged()
        {
            using var d = new TempDistrict();
            var held = new Dictionary<string, string?>(Ana) { ["roleCode"] = "PRINCIPAL", ["siteCode"] = "JMS" };
            var update = Diff(d, new[] { SeedTarget.Record("stf_1", "123", true, held) }).Changes.Single(c => c.ExternalId == "123");
            Assert.Equal(RiskFlags.RoleChange | RiskFlags.SiteChange, update.GetRisk());
        }

        [Fact]
        public void Inactive_record_in_scope_again_is_Reactivate_with_its_field_changes()
        {
            using var d = new TempDistrict();
            var held = new Dictionary<string, string?>(Ana) { ["title"] = "Teacher" };
            var change = Diff(d, new[] { SeedTarget.Record("stf_1", "123", false, held) }).Changes.Single(c => c.ExternalId == "123");
            Assert.Equal(ChangeAction.Reactivate, change.GetAction());
            Assert.Equal(RiskFlags.Reactivation, change.GetRisk());
            Assert.Equal("title", Assert.Single(change.GetFieldChanges()).Field);
        }

        [Fact]
        public void Out_of_scope_and_gone_people_are_deactivated_with_the_reason()
        {
            using var d = new TempDistrict();
            var result = Diff(d, new[]
            {
                SeedTarget.Record("stf_t", "790", true, Ana),  // terminated in HR
                SeedTarget.Record("stf_g", "555", true, Ana),  // in no source
                SeedTarget.Record("stf_i", "556", false, Ana), // gone and already inactive
            }, new DiffOptions { IncludeNoChange = true });
            var terminated = result.Changes.Single(c => c.ExternalId == "790");
            Assert.Equal(ChangeAction.Deactivate, terminated.GetAction());
            Assert.Contains("employmentStatus is 'terminated'", terminated.Explanation);
            Assert.Contains("hr:5", terminated.Explanation);
            Assert.Contains("no longer in any source", result.Changes.Single(c => c.ExternalId == "555").Explanation);
            Assert.Equal(ChangeAction.NoChange, result.Changes.Single(c => c.ExternalId == "556").GetAction());
        }

        [Fact]
        public void Delete_only_where_the_contract_says_so()
        {
            using var d = new TempDistrict();
            d.EditContract("\"ownedFields\"", "\"safety\": { \"removal\": \"delete\", \"thresholds\": { \"delete\": { \"maxCount\": 5 } } },\n  \"ownedFields\"");
            var change = Diff(d, new[] { SeedTarget.Record("stf_g", "555", true, Ana) }).Changes.Single(c => c.ExternalId == "555");
            Assert.Equal(ChangeAction.Delete, change.GetAction());
            Assert.Equal(RiskFlags.Delete, change.GetRisk());
        }

        [Fact]
        public void Records_without_external_id_or_outside_target_scope_are_never_touched()
        {
            using var d = new TempDistrict();
            d.EditContract("\"ownedFields\"", "\"targetScope\": { \"include\": [ { \"field\": \"siteCode\", \"notIn\": [\"CHARTER\"] } ] },\n  \"ownedFields\"");
            var charter = new Dictionary<string, string?>(Ana) { ["siteCode"] = "CHARTER" };
            var result = Diff(d, new[]
            {
                SeedTarget.Record("stf_m", null, true, Ana),
                SeedTarget.Record("stf_c", "555", true, charter),  // gone from sources but outside the reach
                SeedTarget.Record("stf_a", "123", true, charter),  // in the sources but outside the reach
            });
            Assert.DoesNotContain(result.Changes, c => c.TargetId == "stf_m" || c.ExternalId == "555");
            Assert.Equal(ChangeAction.Conflict, result.Changes.Single(c => c.ExternalId == "123").GetAction());
            Assert.Equal(3, result.Summary.Unmanaged); // the hand-made record and both charter records
        }

        [Fact]
        public void A_source_record_that_cannot_be_built_is_a_Conflict_never_a_deactivation()
        {
            using var d = new TempDistrict();
            var hr = File.ReadAllText(d.PathOf("exports/hr.csv")).Replace("0202,CLS01", "0202,LIB09");
            File.WriteAllText(d.PathOf("exports/hr.csv"), hr, new System.Text.UTF8Encoding(true));
            var change = Diff(d, new[] { SeedTarget.Record("stf_b", "456", true, Ana) }).Changes.Single(c => c.ExternalId == "456");
            Assert.Equal(ChangeAction.Conflict, change.GetAction());
            Assert.Contains("CodeUnmapped", change.Explanation);
            Assert.False(change.IsApplicable);
        }

        [Fact]
        public void Two_hr_rows_claiming_one_person_is_a_Conflict()
        {
            using var d = new TempDistrict();
            File.AppendAllText(d.PathOf("exports/hr.csv"), "0123,Ann,Other,ann@district.org,0101,TCH01,A,2020-01-06,\n");
            var change = Diff(d, new[] { SeedTarget.Record("stf_1", "123", true, Ana) }).Changes.Single(c => c.ExternalId == "123");
            Assert.Equal(ChangeAction.Conflict, change.GetAction());
            Assert.Contains("hr line 2, hr line 8", change.Explanation);
        }

        [Fact]
        public void A_conflict_rule_holds_the_person_back_even_when_scope_would_drop_them()
        {
            using var d = new TempDistrict();
            d.EditContract("\"ownedFields\"", "\"conflicts\": [ { \"name\": \"termButTitled\", \"description\": \"terminated in HR but Aeries has a title\", \"when\": [ { \"field\": \"employmentStatus\", \"in\": [\"terminated\"] }, { \"field\": \"title\", \"blank\": false } ] } ],\n  \"ownedFields\"");
            File.AppendAllText(d.PathOf("exports/aeries.csv"), "16,Terry,Gone,,790,1,1/1/2010,Teacher\n", System.Text.Encoding.Latin1);
            var change = Diff(d, new[] { SeedTarget.Record("stf_t", "790", true, Ana) }).Changes.Single(c => c.ExternalId == "790");
            Assert.Equal(ChangeAction.Conflict, change.GetAction());
            Assert.Contains("termButTitled", change.Explanation);
        }

        [Fact]
        public void Person_skipped_by_policy_is_left_alone()
        {
            using var d = new TempDistrict();
            var target = new[] { SeedTarget.Record("stf_e", "999", true, Ana) }; // Aeries-only: onlyIn aeries is skip
            var result = Diff(d, target, new DiffOptions { IncludeNoChange = true });
            var change = result.Changes.Single(c => c.ExternalId == "999");
            Assert.Equal(ChangeAction.NoChange, change.GetAction());
            Assert.Contains("left alone", change.Explanation);
            // Counted, so Get-TitanHstDiff and the sync can say it every time: HR may have dropped the person for good.
            Assert.Equal(1, result.Summary.LeftAlone);
            Assert.Equal(0, Diff(d, new[] { SeedTarget.Record("stf_e", "999", false, Ana) }).Summary.LeftAlone);
        }

        [Theory]
        [InlineData(2, false)] // just under: 1 deactivation, limit 2
        [InlineData(1, false)] // at the limit
        [InlineData(0, true)]  // over
        public void Deactivation_count_threshold(int maxCount, bool blocked)
        {
            using var d = new TempDistrict();
            d.EditContract("\"ownedFields\"", $"\"safety\": {{ \"thresholds\": {{ \"deactivate\": {{ \"maxCount\": {maxCount} }} }} }},\n  \"ownedFields\"");
            var result = Diff(d, new[] { SeedTarget.Record("stf_g", "555", true, Ana), SeedTarget.Record("stf_1", "123", true, Ana) });
            Assert.Equal(blocked, result.Summary.Blocked);
            var deactivate = result.Changes.Single(c => c.GetAction() == ChangeAction.Deactivate);
            Assert.Equal(blocked, deactivate.Blocked);
            Assert.All(result.Changes.Where(c => c.GetAction() == ChangeAction.Create), c => Assert.False(c.Blocked));
            if (blocked)
            {
                Assert.Contains("exceed the limit of 0", deactivate.BlockReason);
            }
        }

        [Theory]
        [InlineData(50.0, false)] // 1 of 2 managed active = 50%: at the limit
        [InlineData(49.9, true)]
        public void Deactivation_percent_threshold(double maxPercent, bool blocked)
        {
            using var d = new TempDistrict();
            d.EditContract("\"ownedFields\"", $"\"safety\": {{ \"thresholds\": {{ \"deactivate\": {{ \"maxPercent\": {maxPercent.ToString(System.Globalization.CultureInfo.InvariantCulture)} }} }} }},\n  \"ownedFields\"");
            var result = Diff(d, new[] { SeedTarget.Record("stf_g", "555", true, Ana), SeedTarget.Record("stf_1", "123", true, Ana) });
            Assert.Equal(2, result.Summary.ManagedActive);
            Assert.Equal(blocked, result.Summary.Blocked);
        }

        [Fact]
        public void Role_change_threshold_blocks_role_changes_only()
        {
            using var d = new TempDistrict();
            d.EditContract("\"ownedFields\"", "\"safety\": { \"thresholds\": { \"roleChange\": { \"maxCount\": 0 } } },\n  \"ownedFields\"");
            var held = new Dictionary<string, string?>(Ana) { ["roleCode"] = "PRINCIPAL" };
            var result = Diff(d, new[] { SeedTarget.Record("stf_1", "123", true, held) });
            Assert.True(result.Changes.Single(c => c.ExternalId == "123").Blocked);
            Assert.All(result.Changes.Where(c => c.GetAction() == ChangeAction.Create), c => Assert.False(c.Blocked));
        }

        [Fact]
        public void Additions_only_mode_keeps_creates_and_updates_and_holds_removals_back()
        {
            using var d = new TempDistrict();
            d.EditContract("\"ownedFields\"", "\"safety\": { \"additionsOnly\": true, \"thresholds\": { \"deactivate\": { \"maxCount\": 0 } } },\n  \"ownedFields\"");
            var held = new Dictionary<string, string?>(Ana) { ["title"] = "Teacher" };
            var result = Diff(d, new[] { SeedTarget.Record("stf_g", "555", true, Ana), SeedTarget.Record("stf_1", "123", true, held) });
            var deactivate = result.Changes.Single(c => c.GetAction() == ChangeAction.Deactivate);
            Assert.True(deactivate.HeldBack);
            Assert.False(deactivate.IsApplicable);
            Assert.False(result.Summary.Blocked); // held back deactivations do not count against thresholds
            Assert.Equal(1, result.Summary.HeldBack);
            Assert.True(result.Changes.Single(c => c.GetAction() == ChangeAction.Update).IsApplicable);
            Assert.All(result.Changes.Where(c => c.GetAction() == ChangeAction.Create), c => Assert.True(c.IsApplicable));
        }

        [Fact]
        public void Additions_only_mode_holds_back_every_removal_of_a_diff_judged_in_two_halves()
        {
            using var d = new TempDistrict();
            d.EditContract("\"ownedFields\"", "\"safety\": { \"additionsOnly\": true, \"thresholds\": { \"deactivate\": { \"maxCount\": 0 } } },\n  \"ownedFields\"");
            // 30,000 people TitanHST holds and the sources no longer list: enough changes for the safety policy to judge
            // them on two threads (ChangeSafety.Mark); a change the second half skipped would not be held back.
            var target = Enumerable.Range(0, 30_000).Select(i => SeedTarget.Record($"stf_g{i}", $"9{i}", true, Ana)).ToList();
            var result = Diff(d, target);
            var removals = result.Changes.Where(c => c.GetAction() == ChangeAction.Deactivate).ToList();
            Assert.True(removals.Count > 29_000, $"{removals.Count} removals");
            Assert.All(removals, c => Assert.True(c.HeldBack, c.ExternalId));
            Assert.Equal(removals.Count, result.Summary.HeldBack);
            Assert.False(result.Summary.Blocked);
        }

        [Fact]
        public void ExternalId_narrows_both_sides()
        {
            using var d = new TempDistrict();
            var result = Diff(d, new[] { SeedTarget.Record("stf_g", "555", true, Ana) }, new DiffOptions { ExternalIds = new[] { "000123" } });
            Assert.Equal("123", Assert.Single(result.Changes).ExternalId);
        }

        [Fact]
        public void Formula_like_values_are_neutralized_for_spreadsheets()
        {
            using var d = new TempDistrict();
            var hr = File.ReadAllText(d.PathOf("exports/hr.csv")).Replace("456,BO,O'BRIEN", "456,=cmd,@SUM");
            File.WriteAllText(d.PathOf("exports/hr.csv"), hr, new System.Text.UTF8Encoding(true));
            var change = Diff(d, Array.Empty<TargetStaffRecord>()).Changes.Single(c => c.ExternalId == "456");
            Assert.StartsWith("'=", change.DisplayName);
            Assert.Equal("=cmd", change.GetDesiredFields()["firstName"]); // the value written stays exact
        }

        [Fact]
        public void A_value_the_contract_rejects_blocks_its_change_and_each_is_listed_once()
        {
            // Never made by the extractor (its rules and the check agree); records handed in directly can carry one.
            using var d = new TempDistrict();
            var contract = ContractLoader.Load(d.ContractPath);
            var records = new StaffExtractor(contract).Extract().Select(i => i.Record).OfType<CanonicalStaffRecord>().ToList();
            Assert.True(records.Count >= 2);
            var items = records.Select((r, i) =>
            {
                var values = r.CopyValues();
                var email = r.Schema.TryGetOrdinal("email", out var ordinal) ? ordinal : throw new InvalidOperationException("no email field");
                values[email] = $"not an address {i}";
                return ExtractItem.Of(new CanonicalStaffRecord(r.ExternalId, r.Schema, values, r.Provenance));
            }).ToList();

            var result = new DiffEngine(contract).Compute(items, Array.Empty<TargetStaffRecord>());

            var creates = result.Changes.Where(c => c.GetAction() == ChangeAction.Create).ToList();
            Assert.Equal(records.Count, creates.Count);
            Assert.All(creates, c => Assert.True(c.Blocked));
            Assert.All(creates, c => Assert.Contains("the contract rejects a value to write (email:", c.BlockReason));
            var rejected = result.Summary.BlockReasons.Where(r => r.StartsWith("blocked: the contract rejects a value to write", StringComparison.Ordinal)).ToList();
            Assert.Equal(creates.Count, rejected.Count);
            Assert.DoesNotContain("not an address", string.Join("\n", result.Summary.BlockReasons)); // the reason names the field, never the value
        }

        private static DiffResult Diff(TempDistrict d, IEnumerable<TargetStaffRecord> target, DiffOptions? options = null) => DistrictDiff.Of(d, target, options);
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Aether.TitanHst.Canonical;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Diff;
using Aether.TitanHst.Errors;
using Aether.TitanHst.Plan;
using Aether.TitanHst.Target;

namespace Aether.TitanHst.Tests.Diff
{
    public class PlanTests
    {
        private static readonly Dictionary<string, string?> Ana = new()
        {
            ["firstName"] = "Ana", ["lastName"] = "Peña", ["email"] = "old@district.org", ["title"] = "Teacher of Math", ["roleCode"] = "PRINCIPAL",
            ["siteCode"] = "LHS", ["hireDate"] = "2019-08-15", ["phone"] = "+15595551234",
        };

        [Fact]
        public void Round_trips_every_detail_apply_needs()
        {
            using var d = new TempDistrict();
            var diff = Diff(d);
            var path = d.PathOf("plan.json");
            var saved = PlanWriter.Write(path, diff.Changes, "ops@host");
            var read = PlanReader.Read(path);

            Assert.Equal(saved.Hash, read.Hash);
            Assert.Equal("ops@host", read.Operator);
            Assert.Equal(diff.Changes.Count, read.Changes.Count);
            Assert.Equal(2, read.Identity.SourceFiles.Count);
            Assert.StartsWith("sha256:", read.Identity.SourceFiles[0].Hash);
            for (var i = 0; i < diff.Changes.Count; i++)
            {
                var (a, b) = (diff.Changes[i], read.Changes[i]);
                Assert.Equal((a.GetAction(), a.ExternalId, a.TargetId, a.ETag, a.GetRisk(), a.Blocked, a.HeldBack, a.Changes, a.Explanation, a.Sources, a.DisplayName, a.ContractHash),
                    (b.GetAction(), b.ExternalId, b.TargetId, b.ETag, b.GetRisk(), b.Blocked, b.HeldBack, b.Changes, b.Explanation, b.Sources, b.DisplayName, b.ContractHash));
                Assert.Equal(a.GetDesiredFields().OrderBy(p => p.Key), b.GetDesiredFields().OrderBy(p => p.Key));
            }
        }

        [Theory]
        [InlineData("\"old@district.org\"", "\"new@district.org\"")] // a value changed
        [InlineData("\"Blocked\": true", "\"Blocked\": false")]       // a block lifted by hand
        [InlineData("\"explanation\": ", "\"explanation\":  ")]       // even white space
        public void A_plan_edited_by_hand_is_refused(string find, string replace)
        {
            using var d = new TempDistrict();
            var path = d.PathOf("plan.json");
            PlanWriter.Write(path, Diff(d).Changes, "ops@host");
            var text = File.ReadAllText(path);
            var needle = find.Replace("\"Blocked\"", "\"blocked\"");
            Assert.Contains(needle, text);
            File.WriteAllText(path, text.Replace(needle, replace.Replace("\"Blocked\"", "\"blocked\"")), new UTF8Encoding(false));

            var ex = Assert.Throws<InputFileException>(() => PlanReader.Read(path));
            Assert.Equal(InputErrorIds.PlanTampered, ex.ErrorId);
            Assert.Equal(path, ex.File);
        }

        [Fact]
        public void Changes_from_two_diffs_cannot_share_a_plan()
        {
            using var d = new TempDistrict();
            var changes = Diff(d).Changes.Take(1).Concat(Diff(d).Changes.Take(1)).ToList();
            Assert.Throws<ArgumentException>(() => PlanWriter.Write(d.PathOf("plan.json"), changes, "ops@host"));
        }

        [Fact]
        public void Comparison_shows_what_changed_since_the_review()
        {
            using var d = new TempDistrict();
            var reviewed = Diff(d).Changes;
            var fresh = Diff(d, version: 2, extraGone: true).Changes;
            var differences = PlanComparer.Compare(reviewed, fresh).ToList();
            Assert.Contains(differences, x => x.GetKind() == PlanDifferenceKind.TargetChanged && x.ExternalId == "123");
            Assert.Contains(differences, x => x.GetKind() == PlanDifferenceKind.Added && x.ExternalId == "555");
            Assert.Empty(PlanComparer.Compare(reviewed, Diff(d).Changes));
            Assert.Contains(PlanComparer.Compare(fresh, reviewed), x => x.GetKind() == PlanDifferenceKind.Removed && x.ExternalId == "555");
        }

        [Fact]
        public void A_plan_of_part_of_its_diff_shows_the_rest_as_not_in_the_plan_and_nothing_as_moved()
        {
            using var d = new TempDistrict();
            var all = Diff(d).Changes.Where(c => c.GetAction() != ChangeAction.NoChange).ToList();
            Assert.True(all.Count >= 2);
            var leftOut = all[0];

            var difference = Assert.Single(PlanComparer.Compare(all.Skip(1).ToList(), all));

            Assert.Equal(PlanDifferenceKind.Added, difference.GetKind());
            Assert.Equal(leftOut.ExternalId, difference.ExternalId);
            Assert.Contains("not in the plan", difference.Detail, StringComparison.Ordinal);
            Assert.Contains("left out at review, or new since", difference.Detail, StringComparison.Ordinal);
        }

        private static DiffResult Diff(TempDistrict d, int version = 1, bool extraGone = false)
        {
            var contract = ContractLoader.Load(d.ContractPath);
            var target = new List<TargetStaffRecord> { SeedTarget.Record("stf_1", "123", true, Ana, version) };
            if (extraGone)
            {
                target.Add(SeedTarget.Record("stf_g", "555", true, Ana));
            }

            var identity = DiffIdentity.New(contract, SourceFileHash.Of(contract), "test");
            return new DiffEngine(contract, identity).Compute(new StaffExtractor(contract).Extract(), target);
        }
    }
}

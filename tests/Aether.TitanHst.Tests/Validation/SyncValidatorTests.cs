using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Aether.TitanHst.Canonical;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Diff;
using Aether.TitanHst.Sample;
using Aether.TitanHst.Target;
using Aether.TitanHst.Tests.Diff;
using Aether.TitanHst.Validation;

namespace Aether.TitanHst.Tests.Validation
{
    public class SyncValidatorTests
    {
        // The mini district's people in scope: 123 Ana (LHS, TEACHER), 456 Bo (JMS, CLASSIFIED),
        // 800 Cy (JMS, PRINCIPAL, on leave), 801 Di (LHS, TEACHER).
        private static readonly string[] InScope = { "123", "456", "800", "801" };

        [Fact]
        public void TitanHST_equal_to_the_sources_passes_with_nothing_remaining()
        {
            using var d = new TempDistrict();
            var contract = ContractLoader.Load(d.ContractPath);
            var result = Validate(contract, InSync(contract));

            Assert.True(result.Passed);
            Assert.Empty(result.Remaining);
            Assert.Empty(result.Outstanding);
            Assert.Equal(4, result.MatchedPeople);
            Assert.Equal(4, result.SampledPeople); // fewer matched people than the default 25: all of them
            Assert.Equal(4 * contract.OwnedFields.Count, result.SpotCheck.Count);
            Assert.All(result.SpotCheck, row => Assert.True(row.Match));
            Assert.Empty(result.SpotCheckMismatches);
            Assert.Equal(("mini-district", "1.0.0", contract.Hash), (result.ContractId, result.ContractVersion, result.ContractHash));
        }

        [Fact]
        public void One_drifted_field_fails_lists_that_change_and_the_spot_check_catches_it()
        {
            using var d = new TempDistrict();
            var contract = ContractLoader.Load(d.ContractPath);
            var target = InSync(contract, ("456", "email", "bo.old@district.org"));
            var result = Validate(contract, target);

            Assert.False(result.Passed);
            var change = Assert.Single(result.Remaining);
            Assert.Equal((ChangeAction.Update, "456"), (change.GetAction(), change.ExternalId));
            Assert.Equal(("email", "bo.old@district.org", "bo@district.org"), Only(change.GetFieldChanges()));
            Assert.Equal(1, result.Update);
            Assert.Equal(0, result.Create + result.Deactivate + result.Reactivate + result.Delete);

            var mismatch = Assert.Single(result.SpotCheckMismatches);
            Assert.Equal(("456", "email", "bo@district.org", "bo.old@district.org", false), (mismatch.ExternalId, mismatch.Field, mismatch.Source, mismatch.Target, mismatch.Match));
        }

        [Fact]
        public void Missing_and_leftover_records_remain_and_are_never_sampled()
        {
            using var d = new TempDistrict();
            var contract = ContractLoader.Load(d.ContractPath);
            var target = InSync(contract).Where(r => r.ExternalId != "801").ToList();
            target.Add(SeedTarget.Record("stf_g", "555", true, Fields(target[0]))); // gone from every source

            var result = Validate(contract, target);

            Assert.False(result.Passed);
            Assert.Equal(1, result.Create);
            // One deactivation of 4 managed active records is over the default 10% threshold: blocked, outstanding.
            var removal = Assert.Single(result.Outstanding);
            Assert.Equal((ChangeAction.Deactivate, "555", true), (removal.GetAction(), removal.ExternalId, removal.Blocked));
            Assert.Equal(0, result.Deactivate);
            Assert.Equal(3, result.MatchedPeople);
            Assert.DoesNotContain(result.SpotCheck, row => row.ExternalId is "801" or "555");
        }

        [Fact]
        public void Conflicts_and_blocked_changes_are_outstanding_and_do_not_fail_the_check()
        {
            using var d = new TempDistrict();
            // Bo's job class no longer maps: his record cannot be built, a Conflict.
            var hr = File.ReadAllText(d.PathOf("exports/hr.csv")).Replace("0202,CLS01", "0202,LIB09");
            File.WriteAllText(d.PathOf("exports/hr.csv"), hr, new System.Text.UTF8Encoding(true));
            var contract = ContractLoader.Load(d.ContractPath);
            // Built from the original sources, then Ana's role drifts: one role change of 4 managed active
            // records is over the default 10% threshold, so it is blocked.
            using var original = new TempDistrict();
            var target = InSync(ContractLoader.Load(original.ContractPath), ("123", "roleCode", "PRINCIPAL"));

            var result = Validate(contract, target);

            Assert.True(result.Passed);
            Assert.Empty(result.Remaining);
            Assert.Equal((1, 1, 0), (result.Conflict, result.Blocked, result.HeldBack));
            Assert.Equal(new[] { "123", "456" }, result.Outstanding.Select(c => c.ExternalId).OrderBy(k => k, StringComparer.Ordinal));
            // The spot check still shows the blocked role change for what it is.
            Assert.Contains(result.SpotCheckMismatches, row => row.ExternalId == "123" && row.Field == "roleCode");
        }

        [Fact]
        public void Counts_people_by_site_and_role_on_both_sides()
        {
            using var d = new TempDistrict();
            var contract = ContractLoader.Load(d.ContractPath);
            var target = InSync(contract).Where(r => r.ExternalId != "456").ToList(); // Bo (JMS, CLASSIFIED) missing
            var ana = Fields(target.Single(r => r.ExternalId == "123"));
            target.Add(SeedTarget.Record("stf_g", "555", true, ana));                 // an extra LHS TEACHER
            target.Add(SeedTarget.Record("stf_i", "556", false, ana));                // inactive: not counted
            target.Add(SeedTarget.Record("stf_m", null, true, ana));                  // made by hand: not counted

            var result = Validate(contract, target);

            Assert.Equal("siteCode", result.SiteField);
            Assert.Equal(new[] { ("JMS", 2, 1, -1), ("LHS", 2, 3, 1) }, result.SiteCounts.Select(Row));
            Assert.Equal(new[] { ("CLASSIFIED", 1, 0, -1), ("PRINCIPAL", 1, 1, 0), ("TEACHER", 2, 3, 1) }, result.RoleCounts.Select(Row));
            Assert.Equal(result.SourceRecords, result.SiteCounts.Sum(r => r.Source));
            Assert.Equal(result.TargetManagedActive, result.RoleCounts.Sum(r => r.Target));
        }

        [Fact]
        public void A_site_code_shaped_like_a_formula_is_spreadsheet_safe_on_the_object_and_raw_for_the_report()
        {
            using var d = new TempDistrict();
            var contract = ContractLoader.Load(d.ContractPath);
            var target = InSync(contract).ToList();
            var planted = new System.Collections.Generic.Dictionary<string, string?>(Fields(target.Single(r => r.ExternalId == "123"))) { ["siteCode"] = "=HYPERLINK(\"x\")" };
            target.Add(SeedTarget.Record("stf_f", "557", true, planted));

            var row = Validate(contract, target).SiteCounts.Single(r => r.GetGroup().StartsWith('='));
            Assert.Equal("'=HYPERLINK(\"x\")", row.Group);   // what Export-Csv writes
            Assert.Equal("=HYPERLINK(\"x\")", row.GetGroup()); // what the report escapes itself
        }

        [Fact]
        public void The_same_seed_draws_the_same_sample_and_another_seed_another()
        {
            InSampleDistrict(300, 3, contract =>
            {
                var target = InSync(contract);
                string[] Sample(int seed) => Validate(contract, target, new SyncValidationOptions { SampleSize = 10, Seed = seed })
                    .SpotCheck.Select(r => r.ExternalId).Distinct().ToArray();

                var first = Sample(42);
                Assert.Equal(10, first.Length);
                Assert.Equal(first, Sample(42));
                Assert.NotEqual(first, Sample(43));
                Assert.Equal(42, Validate(contract, target, new SyncValidationOptions { Seed = 42 }).Seed);
            });
        }

        [Fact]
        public void Without_a_seed_one_is_drawn_and_reported_and_a_zero_sample_skips_the_spot_check()
        {
            using var d = new TempDistrict();
            var contract = ContractLoader.Load(d.ContractPath);
            var target = InSync(contract);
            var drawn = Validate(contract, target, new SyncValidationOptions { SampleSize = 2 });
            var again = Validate(contract, target, new SyncValidationOptions { SampleSize = 2, Seed = drawn.Seed });
            Assert.Equal(drawn.SpotCheck.Select(r => r.ExternalId), again.SpotCheck.Select(r => r.ExternalId));

            var none = Validate(contract, target, new SyncValidationOptions { SampleSize = 0 });
            Assert.Empty(none.SpotCheck);
            Assert.Equal(4, none.MatchedPeople);
            Assert.True(none.Passed);
        }

        [Fact]
        public void TitanHST_read_alongside_the_exports_gives_the_result_of_reading_it_first()
        {
            InSampleDistrict(400, 5, contract =>
            {
                var keys = new StaffExtractor(contract).Extract().Select(i => i.Record?.ExternalId).OfType<string>().ToList();
                var target = InSync(contract, (keys[3], "email", "drifted@district.org"), (keys[200], "lastName", "Drifted"));
                target.RemoveAt(17); // one person TitanHST does not hold
                var options = new SyncValidationOptions { SampleSize = 30, Seed = 7 };
                var first = Validate(contract, target, options);

                // TitanHST's side is read only once the validation waits for it: the exports are read and the first
                // person has arrived (and waits to be sampled) before the table exists.
                using var waiting = new System.Threading.ManualResetEventSlim(false);
                var alongside = new SyncValidator(contract).Validate(new StaffExtractor(contract).Extract(), stop =>
                {
                    Assert.True(waiting.Wait(TimeSpan.FromSeconds(30), stop));
                    return target;
                }, options, () => waiting.Set());

                Assert.Equal(Describe(first), Describe(alongside));
                Assert.False(alongside.Passed);
                Assert.Equal(30, alongside.SampledPeople);
            });
        }

        [Fact]
        public void A_broken_export_fails_the_validation_and_stops_the_target_read_in_flight()
        {
            using var d = new TempDistrict();
            var contract = ContractLoader.Load(d.ContractPath);
            File.Delete(contract.Sources[contract.Sources.Count - 1].Path);
            var stopped = false;
            var failure = Assert.Throws<Errors.InputFileException>(() => new SyncValidator(contract).Validate(new StaffExtractor(contract).Extract(), token =>
            {
                // A live read that would take far longer than the exports: it ends only when the validation stops it.
                stopped = token.WaitHandle.WaitOne(TimeSpan.FromSeconds(30));
                token.ThrowIfCancellationRequested();
                return Array.Empty<TargetStaffRecord>();
            }));

            Assert.Equal(contract.Sources[contract.Sources.Count - 1].Path, failure.File);
            Assert.True(stopped);
        }

        [Fact]
        public void People_offered_before_TitanHST_is_read_are_sampled_in_their_order_once_it_is()
        {
            using var d = new TempDistrict();
            var contract = ContractLoader.Load(d.ContractPath);
            var people = new StaffExtractor(contract).Extract().Select(i => i.Record).OfType<CanonicalStaffRecord>().ToList();
            var waiting = new MatchedPeopleSample(10, 1);
            var direct = new MatchedPeopleSample(10, 1);
            var managed = people.Where(p => p.ExternalId != "456").Select((p, i) => (p.ExternalId, i)).ToDictionary(p => p.ExternalId, p => p.i, StringComparer.Ordinal);

            direct.TargetRead(managed);
            foreach (var person in people)
            {
                waiting.Offer(person);
                direct.Offer(person);
            }

            Assert.Equal(0, waiting.Offered);
            waiting.TargetRead(managed);

            Assert.Equal(people.Count - 1, waiting.Offered);
            Assert.Equal(direct.Items.Select(p => (p.Source.ExternalId, p.Row)), waiting.Items.Select(p => (p.Source.ExternalId, p.Row)));
            Assert.DoesNotContain(waiting.Items, p => p.Source.ExternalId == "456");
        }

        private static string Describe(SyncValidationResult r) =>
            $"{r.Passed} {r.MatchedPeople} {r.SampledPeople} {r.SourceRecords} {r.TargetManagedActive} {r.Update} {r.Create} {r.Deactivate}|" +
            string.Join(";", r.Remaining.Select(c => $"{c.GetAction()} {c.ExternalId}")) + "|" +
            string.Join(";", r.SpotCheck.Select(x => $"{x.ExternalId} {x.Field} {x.Source} {x.Target} {x.Match}")) + "|" +
            string.Join(";", r.SiteCounts.Select(Row)) + "|" + string.Join(";", r.RoleCounts.Select(Row));

        /// <summary>Runs <paramref name="test"/> on a generated sample district's contract, then removes the district.</summary>
        private static void InSampleDistrict(int staff, int seed, Action<MappingContract> test)
        {
            var root = Path.Combine(Path.GetTempPath(), "titanhst-tests", Guid.NewGuid().ToString("N"));
            try
            {
                var info = SampleDistrictGenerator.Generate(root, new SampleDistrictOptions { StaffCount = staff, Seed = seed });
                test(ContractLoader.Load(info.ContractPath!));
            }
            finally
            {
                Directory.Delete(root, recursive: true);
            }
        }

        private static SyncValidationResult Validate(MappingContract contract, IEnumerable<TargetStaffRecord> target, SyncValidationOptions? options = null) =>
            new SyncValidator(contract).Validate(new StaffExtractor(contract).Extract(), target, options);

        /// <summary>TitanHST as a perfect apply leaves it: one active record per canonical record, owned fields equal; then the drift.</summary>
        private static List<TargetStaffRecord> InSync(MappingContract contract, params (string Key, string Field, string Value)[] drift)
        {
            var records = new List<TargetStaffRecord>();
            foreach (var record in new StaffExtractor(contract).Extract().Select(i => i.Record).OfType<CanonicalStaffRecord>())
            {
                var fields = contract.OwnedFields.ToDictionary(f => f, f => record[f], StringComparer.Ordinal);
                fields["badgeNumber"] = "B" + record.ExternalId; // not owned: never compared
                foreach (var (_, field, value) in drift.Where(x => x.Key == record.ExternalId))
                {
                    fields[field] = value;
                }

                records.Add(SeedTarget.Record($"stf_{records.Count:D12}", record.ExternalId, true, fields));
            }

            return records;
        }

        private static Dictionary<string, string?> Fields(TargetStaffRecord record) => record.Fields.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

        private static (string, string?, string?) Only(IReadOnlyList<FieldChange> changes) => Assert.Single(changes) is var c ? (c.Field, c.Old, c.New) : default;

        private static (string, int, int, int) Row(SyncGroupCount row) => (row.Group, row.Source, row.Target, row.Difference);
    }
}

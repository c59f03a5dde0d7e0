using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Aether.TitanHst.Canonical;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Diff;
using Aether.TitanHst.Preview;
using Aether.TitanHst.Safety;
using Aether.TitanHst.Sample;
using Aether.TitanHst.Target;
using Aether.TitanHst.Tests.Diff;

namespace Aether.TitanHst.Tests.Preview
{
    /// <summary>Compare-MappingContract's engine: a contract edit shows exactly the people it affects, and nothing else.</summary>
    public sealed class ContractComparerTests : IDisposable
    {
        private readonly string _root = Path.Combine(Path.GetTempPath(), "titanhst-tests", Guid.NewGuid().ToString("N"));
        private readonly string _old;
        private readonly string _new;

        public ContractComparerTests()
        {
            _old = Path.Combine(_root, "v1");
            SampleDistrictGenerator.Generate(_old, new SampleDistrictOptions { StaffCount = 400, Seed = 5 });
            _new = Path.Combine(_root, "v2");
            CopyFolder(_old, _new);
        }

        public void Dispose() => Directory.Delete(_root, recursive: true);

        [Fact]
        public void An_unchanged_contract_shows_nothing_with_or_without_a_target()
        {
            var result = new ContractComparer(Load(_old), Load(_new)).Compare();
            Assert.Empty(result.Differences);
            Assert.True(result.Summary.PeopleCompared > 300);

            var withTarget = new ContractComparer(Load(_old), Load(_new)).Compare(Target());
            Assert.Empty(withTarget.Differences);
            Assert.Equal(0, withTarget.Summary.PeopleDiffering);
        }

        [Fact]
        public void A_threshold_edit_shows_whose_change_is_blocked_under_each_contract_and_the_diffs_block()
        {
            // Role changes are limited to none in the sample: lifting the limit changes only whether they are blocked.
            // A row that said "differs" with every shown column alike told a reviewer nothing.
            Edit(Path.Combine(_new, "contract.jsonc"), "\"roleChange\": { \"maxCount\": 0 }", "\"roleChange\": { \"maxCount\": 500 }");
            var result = new ContractComparer(Load(_old), Load(_new)).Compare(Target());

            Assert.NotEmpty(result.Differences);
            Assert.All(result.Differences, d =>
            {
                Assert.Equal(ContractDifferenceKind.TargetChangeDiffers, d.GetKind());
                Assert.Equal((d.ReferenceAction, d.ReferenceRisk, d.ReferenceChanges), (d.DifferenceAction, d.DifferenceRisk, d.DifferenceChanges));
                Assert.StartsWith("Blocked: ", d.ReferenceHold, StringComparison.Ordinal);
                Assert.Contains("role changes", d.ReferenceHold, StringComparison.Ordinal);
                Assert.Equal(string.Empty, d.DifferenceHold);
            });
            Assert.Contains("role changes", result.Summary.ReferenceBlocked, StringComparison.Ordinal);
            Assert.DoesNotContain("role changes", result.Summary.DifferenceBlocked, StringComparison.Ordinal);
        }

        [Fact]
        public void Moving_a_job_class_to_another_role_shows_exactly_those_people_as_RoleChange()
        {
            Edit(Path.Combine(_new, "mappings", "job-class-to-role.csv"), "TCH02,TEACHER,", "TCH02,COUNSELOR,");
            var reference = Load(_old);
            var affected = InScopeRecords(reference).Where(r => r["jobClass"] == "TCH02").Select(r => r.ExternalId).ToHashSet();
            Assert.NotEmpty(affected);

            var result = new ContractComparer(reference, Load(_new)).Compare(Target());

            Assert.Equal(affected.OrderBy(k => k), result.Differences.Select(d => d.ExternalId).OrderBy(k => k));
            Assert.All(result.Differences, d =>
            {
                Assert.Equal(ContractDifferenceKind.FieldChanged, d.GetKind() & ~ContractDifferenceKind.TargetChangeDiffers);
                var field = Assert.Single(d.GetFieldDifferences(), f => f.Field == "roleCode");
                Assert.Equal("TEACHER", field.Reference);
                Assert.Equal("COUNSELOR", field.Difference);
                Assert.Contains("roleCode: 'TEACHER' → 'COUNSELOR'", d.Fields, StringComparison.Ordinal);

                // The sample's positions field carries the same role: its assignments change with it, and nothing else does.
                Assert.All(d.GetFieldDifferences().Where(f => f.Field != "roleCode"), f =>
                {
                    Assert.Equal("assignments", f.Field);
                    Assert.Contains("/COUNSELOR", f.Difference, StringComparison.Ordinal);
                });
            });

            // Against TitanHST: the people whose record matched the old mapping now get a role change under the new one.
            var matched = result.Differences.Where(d => d.GetReferenceAction() == ChangeAction.NoChange).ToList();
            Assert.NotEmpty(matched);
            Assert.All(matched, d =>
            {
                Assert.Equal(ChangeAction.Update, d.GetDifferenceAction());
                Assert.True((d.GetDifferenceRisk() & RiskFlags.RoleChange) != 0);
                Assert.True((d.GetReferenceRisk() & RiskFlags.RoleChange) == 0);
            });
            Assert.Equal(affected.Count, result.Summary.FieldChanged);
            Assert.Contains(result.Summary.GetCounts(), c => c.Dimension == "Field" && c.Name == "roleCode" && c.People == affected.Count);
            Assert.Contains(result.Summary.GetCounts(), c => c.Dimension == "Role" && c.Name == "COUNSELOR");
        }

        [Fact]
        public void A_scope_change_shows_who_enters_and_who_leaves()
        {
            // v2 lets SUB01 substitutes in (mapped to a role) and drops staff on leave.
            File.AppendAllText(Path.Combine(_new, "mappings", "job-class-to-role.csv"), "SUB01,TEACHER,Substitute Teacher\n");
            Edit(Path.Combine(_new, "contract.jsonc"), "{ \"field\": \"jobClass\", \"notIn\": [\"SUB01\", \"SUB02\"] }", "{ \"field\": \"jobClass\", \"notIn\": [\"SUB02\"] }");
            Edit(Path.Combine(_new, "contract.jsonc"), "{ \"field\": \"employmentStatus\", \"in\": [\"active\", \"leave\"] }", "{ \"field\": \"employmentStatus\", \"in\": [\"active\"] }");
            var reference = Load(_old);
            var difference = Load(_new);
            var leaving = InScopeRecords(reference).Where(r => r["employmentStatus"] == "leave").Select(r => r.ExternalId).ToHashSet();
            var entering = InScopeRecords(difference).Where(r => r["jobClass"] == "SUB01").Select(r => r.ExternalId).ToHashSet();
            Assert.NotEmpty(leaving);
            Assert.NotEmpty(entering);

            var result = new ContractComparer(reference, difference).Compare();

            Assert.Equal(leaving.OrderBy(k => k), result.Differences.Where(d => d.GetKind().HasFlag(ContractDifferenceKind.LeftScope)).Select(d => d.ExternalId).OrderBy(k => k));
            Assert.Equal(entering.OrderBy(k => k), result.Differences.Where(d => d.GetKind().HasFlag(ContractDifferenceKind.EnteredScope)).Select(d => d.ExternalId).OrderBy(k => k));
            Assert.Equal(leaving.Count + entering.Count, result.Differences.Count);
            Assert.All(result.Differences.Where(d => d.GetKind().HasFlag(ContractDifferenceKind.LeftScope)), d =>
            {
                Assert.Equal(PersonOutcomeKind.Record, d.GetReferenceOutcome());
                Assert.Equal(PersonOutcomeKind.OutOfScope, d.GetDifferenceOutcome());
                Assert.Contains("employmentStatus", d.Difference, StringComparison.Ordinal);
            });
            Assert.Equal(leaving.Count, result.Summary.LeftScope);
            Assert.Equal(entering.Count, result.Summary.EnteredScope);
        }

        [Fact]
        public void A_normalization_fix_shows_old_and_new_values()
        {
            // v2 stops title-casing last names: every name that nameCase changed shows old → new.
            Edit(Path.Combine(_new, "contract.jsonc"),
                "\"lastName\": {\n      \"from\": [ { \"source\": \"hr\", \"column\": \"NameLast\" }, { \"source\": \"aeries\", \"column\": \"LastName\" } ],\n      \"normalize\": [\"trim\", \"collapseWhitespace\", \"nfc\", \"nameCase\",",
                "\"lastName\": {\n      \"from\": [ { \"source\": \"hr\", \"column\": \"NameLast\" }, { \"source\": \"aeries\", \"column\": \"LastName\" } ],\n      \"normalize\": [\"trim\", \"collapseWhitespace\", \"nfc\",");
            var reference = Load(_old);
            var difference = Load(_new);
            var oldNames = InScopeRecords(reference).ToDictionary(r => r.ExternalId, r => r["lastName"]);
            var newNames = InScopeRecords(difference).ToDictionary(r => r.ExternalId, r => r["lastName"]);
            var changed = oldNames.Where(p => newNames.TryGetValue(p.Key, out var n) && n != p.Value).Select(p => p.Key).ToHashSet();
            Assert.NotEmpty(changed);

            var result = new ContractComparer(reference, difference).Compare();

            Assert.Equal(changed.OrderBy(k => k), result.Differences.Select(d => d.ExternalId).OrderBy(k => k));
            Assert.All(result.Differences, d =>
            {
                var field = Assert.Single(d.GetFieldDifferences());
                Assert.Equal("lastName", field.Field);
                Assert.Equal(oldNames[d.ExternalId], field.Reference);
                Assert.Equal(newNames[d.ExternalId], field.Difference);
            });
        }

        [Fact]
        public void An_unmapped_job_class_is_an_added_error_and_mapping_it_again_clears_it()
        {
            Edit(Path.Combine(_new, "mappings", "job-class-to-role.csv"), "TCH02,TEACHER,Teacher - Special Education\n", string.Empty);
            var reference = Load(_old);
            var difference = Load(_new);
            var affected = InScopeRecords(reference).Where(r => r["jobClass"] == "TCH02").Select(r => r.ExternalId).ToHashSet();

            var forward = new ContractComparer(reference, difference).Compare();
            Assert.Equal(affected.OrderBy(k => k), forward.Differences.Select(d => d.ExternalId).OrderBy(k => k));
            Assert.All(forward.Differences, d =>
            {
                Assert.Equal(ContractDifferenceKind.ErrorAdded, d.GetKind());
                Assert.Contains("CodeUnmapped", d.Difference, StringComparison.Ordinal);
            });

            var backward = new ContractComparer(difference, reference).Compare();
            Assert.All(backward.Differences, d => Assert.Equal(ContractDifferenceKind.ErrorCleared, d.GetKind()));
            Assert.Equal(affected.Count, backward.Summary.ErrorCleared);
        }

        [Fact]
        public void Both_contracts_read_one_private_copy_and_errors_name_the_real_export()
        {
            var hr = Path.Combine(_old, "exports", "hr-employees.csv");
            var reference = Load(_old);
            var difference = Load(_new).WithSourcePaths(new Dictionary<string, string> { ["hr"] = hr, ["aeries"] = Path.Combine(_old, "exports", "aeries-staff.csv") });
            var before = Directory.GetDirectories(Path.GetTempPath(), "aether-titanhst-preview-*").Length;
            File.AppendAllText(hr, "\"unterminated,quote\n");
            File.WriteAllBytes(hr, File.ReadAllBytes(hr).Concat(new byte[] { 0xC3, 0x28, (byte)'\n' }).ToArray());

            var error = Assert.Throws<Errors.InputFileException>(() => new ContractComparer(reference, difference).Compare());

            Assert.Equal(hr, error.File);
            Assert.Equal(before, Directory.GetDirectories(Path.GetTempPath(), "aether-titanhst-preview-*").Length);
        }

        [Fact]
        public void An_error_in_an_export_two_folders_hold_alike_names_the_export_of_the_contract_that_failed()
        {
            // v1's and v2's exports are byte for byte the same, so the preview copies them once; only v2 reads a column
            // the HR export lacks, and the error names v2's export, not v1's nor the copy.
            Edit(Path.Combine(_new, "contract.jsonc"), "\"columns\": [\"EmpID\", \"NameFirst\",", "\"columns\": [\"EmpID\", \"NoSuchColumn\", \"NameFirst\",");

            var error = Assert.Throws<Errors.InputFileException>(() => new ContractComparer(Load(_old), Load(_new)).Compare());

            Assert.Equal(Path.Combine(_new, "exports", "hr-employees.csv"), error.File);
        }

        [Fact]
        public void TitanHST_read_alongside_the_exports_gives_the_same_comparison_and_its_failure_is_the_one_reported()
        {
            Edit(Path.Combine(_new, "mappings", "job-class-to-role.csv"), "TCH02,TEACHER,", "TCH02,COUNSELOR,");
            static string Describe(ContractOutcomeDifference d) => string.Join("|", d.ExternalId, d.GetKind(), d.ReferenceAction, d.DifferenceAction, d.ReferenceChanges, d.DifferenceChanges);
            var before = new ContractComparer(Load(_old), Load(_new)).Compare(Target());
            var alongside = new ContractComparer(Load(_old), Load(_new)).Compare(_ => Target());
            Assert.NotEmpty(before.Differences);
            Assert.Equal(before.Differences.Select(Describe), alongside.Differences.Select(Describe));
            Assert.Equal(before.Summary.PeopleCompared, alongside.Summary.PeopleCompared);

            // The target fails: its error, as itself.
            IEnumerable<TargetStaffRecord> Failing(System.Threading.CancellationToken stop)
            {
                yield return Target()[0];
                throw new InvalidDataException("the snapshot is cut short");
            }

            Assert.Throws<InvalidDataException>(() => new ContractComparer(Load(_old), Load(_new)).Compare(Failing));
            File.WriteAllText(Path.Combine(_new, "exports", "hr-employees.csv"), "not,the,header\n");
            // Both fail: the target's error when it failed before the export did, else the export's (the read is then
            // stopped, not waited for); which comes first is a race, and either is a true failure, never a hang.
            var both = Record.Exception(() => new ContractComparer(Load(_old), Load(_new)).Compare(Failing));
            Assert.True(both is InvalidDataException or Errors.InputFileException, both?.ToString());
            Assert.Throws<Errors.InputFileException>(() => new ContractComparer(Load(_old), Load(_new)).Compare(_ => Target()));
        }

        [Fact]
        public void One_after_the_other_gives_the_same_comparison_as_side_by_side_and_small_exports_run_side_by_side()
        {
            Edit(Path.Combine(_new, "mappings", "job-class-to-role.csv"), "TCH02,TEACHER,", "TCH02,COUNSELOR,");
            var bySize = new ContractComparer(Load(_old), Load(_new));
            var sideBySide = bySize.Compare(Target());
            Assert.True(bySize.RanSideBySide, "the sample district's exports are far below the size limit");
            var sequential = new ContractComparer(Load(_old), Load(_new)) { SideBySide = false };
            var oneAfterTheOther = sequential.Compare(Target());

            Assert.False(sequential.RanSideBySide);
            Assert.NotEmpty(sideBySide.Differences);
            static string Describe(ContractOutcomeDifference d) => string.Join("|", d.ExternalId, d.GetKind(), d.Site, d.Role,
                string.Join(";", d.GetFieldDifferences().Select(f => $"{f.Field}:{f.Reference}->{f.Difference}")));
            Assert.Equal(sideBySide.Differences.Select(Describe), oneAfterTheOther.Differences.Select(Describe));
            Assert.Equal(sideBySide.Summary.PeopleCompared, oneAfterTheOther.Summary.PeopleCompared);
            Assert.Equal(sideBySide.Summary.PeopleDiffering, oneAfterTheOther.Summary.PeopleDiffering);
        }

        [Fact]
        public void Target_changes_are_those_of_full_diffs_with_NoChange_for_people_unchanged_under_one_contract_only()
        {
            // v2 moves TCH02 to another role (a field's rule) and drops staff on leave (scope): people whose record
            // matches TitanHST under one contract and not under the other, both ways round. It also reads an internal
            // field from another column: people whose record changes while TitanHST's change does not. The preview
            // builds the NoChange of an unchanged person only when needed; what it shows must be what full diffs give.
            EditRoleScopeAndInternalField();
            var target = Target();
            foreach (var (reference, difference) in new[] { (Load(_old), Load(_new)), (Load(_new), Load(_old)) })
            {
                var old = FullChanges(reference, target);
                var now = FullChanges(difference, target);
                var differing = old.Keys.Union(now.Keys).Where(k => Describe(old.GetValueOrDefault(k)) != Describe(now.GetValueOrDefault(k))).ToHashSet();
                bool UnchangedUnderOne(string k, ChangeAction other) =>
                    (old.GetValueOrDefault(k)?.GetAction(), now.GetValueOrDefault(k)?.GetAction()) is (ChangeAction.NoChange, var a) && a == other
                    || (old.GetValueOrDefault(k)?.GetAction(), now.GetValueOrDefault(k)?.GetAction()) is (var b, ChangeAction.NoChange) && b == other;
                Assert.Contains(differing, k => UnchangedUnderOne(k, ChangeAction.Update));
                Assert.Contains(differing, k => UnchangedUnderOne(k, ChangeAction.Deactivate));

                var result = new ContractComparer(reference, difference).Compare(target);

                // Everyone either contract's extraction or diff names is compared, a NoChange person included.
                Assert.Equal(old.Keys.Union(now.Keys).Union(ExtractedKeys(reference)).Union(ExtractedKeys(difference)).Count(), result.Summary.PeopleCompared);

                Assert.Equal(differing.OrderBy(k => k, StringComparer.Ordinal),
                    result.Differences.Where(d => d.GetKind().HasFlag(ContractDifferenceKind.TargetChangeDiffers)).Select(d => d.ExternalId).OrderBy(k => k, StringComparer.Ordinal));
                Assert.All(result.Differences, d =>
                {
                    Assert.Equal(Shown(old.GetValueOrDefault(d.ExternalId)), (d.ReferenceAction, d.ReferenceRisk, d.ReferenceChanges));
                    Assert.Equal(Shown(now.GetValueOrDefault(d.ExternalId)), (d.DifferenceAction, d.DifferenceRisk, d.DifferenceChanges));
                });
                Assert.Contains(result.Differences, d => d.GetKind() == ContractDifferenceKind.FieldChanged
                    && d.GetReferenceAction() == ChangeAction.NoChange && d.GetDifferenceAction() == ChangeAction.NoChange);
            }

            static string? Describe(StaffChange? c) => c is null ? null : string.Join("|", c.GetAction(), c.GetRisk(), c.Blocked, c.HeldBack, c.Changes);
            static (string?, string, string) Shown(StaffChange? c) => (c?.GetAction().ToString(), (c?.GetRisk() ?? RiskFlags.None).ToString(), Aether.TitanHst.Reporting.SpreadsheetSafe.Text(c?.Changes) ?? string.Empty);
        }

        [Fact]
        public void The_comparison_loop_on_two_threads_gives_what_one_thread_gives_in_the_same_order_with_progress_for_everyone()
        {
            // Differences of every kind: a role moved (fields and TitanHST's change), staff on leave dropped (scope),
            // an internal field read from another column (fields only), so both threads meet reported people, people
            // unchanged under one contract only, and TitanHST records neither contract builds.
            EditRoleScopeAndInternalField();
            var target = Target();
            foreach (var (reference, difference) in new[] { (_old, _new), (_new, _old) })
            {
                var (oneThread, oneProgress) = CompareWithLoopThreshold(reference, difference, target, int.MaxValue);
                var (twoThreads, twoProgress) = CompareWithLoopThreshold(reference, difference, target, 1);

                Assert.NotEmpty(oneThread.Differences);
                Assert.Contains(oneThread.Differences, d => d.GetKind().HasFlag(ContractDifferenceKind.TargetChangeDiffers));
                Assert.Contains(oneThread.Differences, d => d.GetKind().HasFlag(ContractDifferenceKind.LeftScope) || d.GetKind().HasFlag(ContractDifferenceKind.EnteredScope));
                Assert.Equal(oneThread.Differences.Select(AllOf), twoThreads.Differences.Select(AllOf));
                Assert.Equal(System.Text.Json.JsonSerializer.Serialize(oneThread.Summary), System.Text.Json.JsonSerializer.Serialize(twoThreads.Summary));
                // Progress: every person once, in order, whichever way the loop ran.
                Assert.Equal(Enumerable.Range(1, oneThread.Summary.PeopleCompared), oneProgress);
                Assert.Equal(oneProgress, twoProgress);
            }

            static string AllOf(ContractOutcomeDifference d) => System.Text.Json.JsonSerializer.Serialize(d);
        }

        /// <summary>
        /// v2 moves TCH02 to another role (a mapping table), drops staff on leave (scope) and reads an internal field
        /// from another column: differences of every kind, both ways round.
        /// </summary>
        private void EditRoleScopeAndInternalField()
        {
            Edit(Path.Combine(_new, "mappings", "job-class-to-role.csv"), "TCH02,TEACHER,", "TCH02,COUNSELOR,");
            Edit(Path.Combine(_new, "contract.jsonc"), "{ \"field\": \"employmentStatus\", \"in\": [\"active\", \"leave\"] }", "{ \"field\": \"employmentStatus\", \"in\": [\"active\"] }");
            Edit(Path.Combine(_new, "contract.jsonc"), "\"aeriesRecord\": { \"from\": [ { \"source\": \"aeries\", \"column\": \"ID\" } ]", "\"aeriesRecord\": { \"from\": [ { \"source\": \"aeries\", \"column\": \"HumanResourcesSystemID\" } ]");
        }

        private static (ContractComparisonResult Result, List<int> Progress) CompareWithLoopThreshold(string reference, string difference, IReadOnlyList<TargetStaffRecord> target, int threshold)
        {
            var progress = new List<int>();
            var comparer = new ContractComparer(Load(reference), Load(difference))
            {
                ParallelLoopMinPeople = threshold,
                Progress = (done, all) => progress.Add(done),
            };
            return (comparer.Compare(target), progress);
        }

        [Fact]
        public void A_source_both_contracts_read_alike_is_read_once_and_one_read_differently_is_read_by_each()
        {
            // Exports above the size limit (here one byte): read once for both, the halves still run side by side.
            var same = new ContractComparer(Load(_old), Load(_new)) { SideBySideLimit = 1 };
            Assert.Empty(same.Compare(Target()).Differences);
            Assert.Equal(3, same.SharedSources);
            Assert.True(same.RanSideBySide, "every export is read once: side by side holds one set of rows");

            // v2 lists two of Aeries' columns the other way round: the same people, but not the same rows. Were that
            // read shared, every first name would come out as a last name.
            Edit(Path.Combine(_new, "contract.jsonc"), "\"InactiveStatusCode\", \"FirstName\", \"LastName\",", "\"InactiveStatusCode\", \"LastName\", \"FirstName\",");
            var reordered = new ContractComparer(Load(_old), Load(_new)) { SideBySideLimit = 1 };
            Assert.Empty(reordered.Compare(Target()).Differences);
            Assert.Equal(2, reordered.SharedSources);
            Assert.False(reordered.RanSideBySide, "one export read by each: two sets of its rows side by side, so the size decides");

            // Other key rules: no read is shared, whatever the keys come out as.
            Edit(Path.Combine(_new, "contract.jsonc"), "\"normalize\": [\"trim\", \"stripLeadingZeros\", \"upper\"]", "\"normalize\": [\"trim\", \"stripLeadingZeros\", \"upper\", \"trim\"]");
            var rekeyed = new ContractComparer(Load(_old), Load(_new));
            Assert.Empty(rekeyed.Compare(Target()).Differences);
            Assert.Equal(0, rekeyed.SharedSources);
        }

        [Fact]
        public void Contracts_that_read_every_export_alike_read_them_in_place_and_otherwise_read_a_private_copy()
        {
            // v2 beside v1, reading v1's exports: each export is read once for both contracts, where it is (round 19:
            // copying them first cost up to 3.2 s at 1M, and put the staff data in the temp folder).
            var beside = Path.Combine(_old, "contract-v2.jsonc");
            File.Copy(Path.Combine(_old, "contract.jsonc"), beside);
            Edit(beside, "\"version\": \"1.1.0\"", "\"version\": \"1.2.0\"");
            Edit(beside, "{ \"length\": 128, \"truncate\": true }", "{ \"length\": 6, \"truncate\": true }");
            var inPlace = new ContractComparer(Load(_old), ContractLoader.Load(beside));
            var inPlaceResult = inPlace.Compare(Target());
            Assert.False(inPlace.CopiedExports);
            Assert.Equal(3, inPlace.SharedSources);
            Assert.NotEmpty(inPlaceResult.Differences);

            // The same edit in v2's own folder, over its own exports (the same bytes at other paths): the contracts do
            // not read the same files, so both read one private copy; and they see exactly what the in-place run saw.
            Edit(Path.Combine(_new, "contract.jsonc"), "{ \"length\": 128, \"truncate\": true }", "{ \"length\": 6, \"truncate\": true }");
            var copied = new ContractComparer(Load(_old), Load(_new));
            var copiedResult = copied.Compare(Target());
            Assert.True(copied.CopiedExports);
            Assert.Equal(3, copied.SharedSources);
            Assert.Equal(
                inPlaceResult.Differences.Select(d => (d.ExternalId, d.GetKind(), d.Fields)).OrderBy(d => d.ExternalId, StringComparer.Ordinal),
                copiedResult.Differences.Select(d => (d.ExternalId, d.GetKind(), d.Fields)).OrderBy(d => d.ExternalId, StringComparer.Ordinal));

            // An export read differently by each (Aeries' columns the other way round in v2): a private copy again.
            Edit(beside, "\"InactiveStatusCode\", \"FirstName\", \"LastName\",", "\"InactiveStatusCode\", \"LastName\", \"FirstName\",");
            var reordered = new ContractComparer(Load(_old), ContractLoader.Load(beside));
            reordered.Compare(Target());
            Assert.True(reordered.CopiedExports);
            Assert.Equal(2, reordered.SharedSources);
        }

        [Fact]
        public void A_person_both_contracts_build_alike_is_held_once_and_one_they_build_differently_twice()
        {
            Edit(Path.Combine(_new, "mappings", "job-class-to-role.csv"), "TCH02,TEACHER,", "TCH02,COUNSELOR,");
            var reference = Load(_old);
            var records = InScopeRecords(reference);
            var affected = records.Count(r => r["jobClass"] == "TCH02");
            Assert.InRange(affected, 1, records.Count - 1);

            foreach (var sideBySide in new[] { true, false })
            {
                var comparer = new ContractComparer(reference, Load(_new)) { SideBySide = sideBySide };
                var result = comparer.Compare(Target());

                // Everyone but the moved job class has one record for both contracts; the moved people keep two, and differ.
                Assert.Equal(records.Count - affected, comparer.SharedRecords);
                Assert.Equal(affected, result.Differences.Count);
            }

            var itself = new ContractComparer(reference, Load(_old));
            Assert.Empty(itself.Compare(Target()).Differences);
            Assert.Equal(records.Count, itself.SharedRecords);
        }

        [Fact]
        public void Records_have_the_same_content_only_when_key_fields_values_and_every_source_row_are_the_same()
        {
            var first = InScopeRecords(Load(_old));
            var again = InScopeRecords(Load(_old));
            Assert.All(first.Zip(again), pair => Assert.True(pair.First.SameContent(pair.Second), pair.First.ExternalId));

            // The same values from other lines (two HR rows swapped): those two people are not the same record.
            var hr = Path.Combine(_old, "exports", "hr-employees.csv");
            var original = File.ReadAllBytes(hr);
            var lines = File.ReadAllLines(hr);
            (lines[1], lines[2]) = (lines[2], lines[1]);
            File.WriteAllLines(hr, lines, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
            var swapped = InScopeRecords(Load(_old)).ToDictionary(r => r.ExternalId);
            var moved = first.Where(r => !r.SameContent(swapped[r.ExternalId])).ToList();
            Assert.Equal(2, moved.Count);
            Assert.All(moved, r => Assert.Equal(r.Fields, swapped[r.ExternalId].Fields));
            File.WriteAllBytes(hr, original);

            // Another mapping over the same files: the moved people's role differs, everyone else's record is the same.
            Edit(Path.Combine(_old, "mappings", "job-class-to-role.csv"), "TCH02,TEACHER,", "TCH02,COUNSELOR,");
            var remapped = InScopeRecords(Load(_old));
            Assert.Equal(first.Count, remapped.Count);
            Assert.All(first.Zip(remapped), pair => Assert.Equal(pair.First["jobClass"] != "TCH02", pair.First.SameContent(pair.Second)));
            Assert.Contains(first, r => r["jobClass"] == "TCH02");

            // A record is never the same as another person's, nor as one from another file.
            Assert.False(first[0].SameContent(first[1]));
            var copy = Path.Combine(_root, "v3");
            CopyFolder(_old, copy);
            var elsewhere = InScopeRecords(Load(copy)).ToDictionary(r => r.ExternalId);
            Assert.DoesNotContain(first, r => elsewhere.TryGetValue(r.ExternalId, out var other) && r.SameContent(other));
        }

        [Theory]
        [InlineData("title truncated at 12", "{ \"maxLength\": { \"length\": 128, \"truncate\": true } }", "{ \"maxLength\": { \"length\": 12, \"truncate\": true } }", true)]
        [InlineData("last names no longer name-cased", "\"nfc\", \"nameCase\", { \"maxLength\": 100 }],\n      \"required\": true\n    },\n    \"email\"", "\"nfc\", { \"maxLength\": 100 }],\n      \"required\": true\n    },\n    \"email\"", true)]
        [InlineData("e-mail of another domain: most people now have an issue", "\"domains\": [\"sampleusd.org\"]", "\"domains\": [\"example.org\"]", true)]
        [InlineData("version only", "\"version\": \"1.1.0\"", "\"version\": \"1.2.0\"", true)]
        [InlineData("staff on leave out of scope (a field scope reads)", "{ \"field\": \"employmentStatus\", \"in\": [\"active\", \"leave\"] }", "{ \"field\": \"employmentStatus\", \"in\": [\"active\"] }", false)]
        [InlineData("the audit policy", "\"contractFormat\": 1,", "\"contractFormat\": 1, \"inputSafety\": { \"unsafeCharacters\": \"reject\" },", false)]
        public void An_edit_of_some_fields_derives_the_second_contract_from_one_extraction_and_shows_what_two_extractions_show(string edit, string find, string replace, bool derivable)
        {
            // The edited contract sits in another folder and reads the district's files through other relative paths.
            var text = File.ReadAllText(Path.Combine(_old, "contract.jsonc")).Replace("\r\n", "\n", StringComparison.Ordinal);
            Assert.True(text.Contains(find, StringComparison.Ordinal), edit);
            text = text.Replace(find, replace, StringComparison.Ordinal)
                .Replace("\"path\": \"exports/", "\"path\": \"v1/exports/", StringComparison.Ordinal)
                .Replace("\"path\": \"mappings/", "\"path\": \"v1/mappings/", StringComparison.Ordinal)
                .Replace("\"$schema\": \"./", "\"$schema\": \"v1/", StringComparison.Ordinal);
            var edited = Path.Combine(_root, "edited.jsonc");
            File.WriteAllText(edited, text);
            var target = Target();

            foreach (var (reference, difference) in new[] { (Load(_old), ContractLoader.Load(edited)), (ContractLoader.Load(edited), Load(_old)) })
            {
                var derived = new ContractComparer(reference, difference);
                var extracted = new ContractComparer(reference, difference) { DeriveWhenAlike = false };
                var unsettled = new ContractComparer(reference, difference) { SettleAsBuilt = false };
                var shown = Shown(derived.Compare(target));

                Assert.Equal(Shown(extracted.Compare(target)), shown);
                Assert.Equal(Shown(unsettled.Compare(target)), shown);
                Assert.Null(extracted.DerivedPeople);
                Assert.Null(extracted.SettledPeople);
                Assert.Null(unsettled.SettledPeople);
                Assert.Equal(derivable, derived.DerivedPeople is not null);
                Assert.Equal(derivable, derived.SettledPeople is not null);
                if (derivable)
                {
                    Assert.InRange(derived.DerivedPeople!.Value, 1, derived.Compare(target).Summary.PeopleCompared);
                    Assert.InRange(derived.SettledPeople!.Value, 0, derived.DerivedPeople!.Value);
                }
            }

            static string Shown(ContractComparisonResult result) => System.Text.Json.JsonSerializer.Serialize(new { result.Summary, result.Differences });
        }

        [Fact]
        public void People_the_same_under_both_contracts_and_unchanged_in_both_diffs_are_settled_as_built_and_shown_as_before()
        {
            // A version-only edit: every person derivable, most of them unchanged in TitanHST's seed.
            Edit(Path.Combine(_new, "contract.jsonc"), "\"version\": \"1.1.0\"", "\"version\": \"1.2.0\"");
            var reference = Load(_old);
            var difference = Load(_new);
            var target = Target();
            var built = InScopeRecords(reference).Select(r => r.ExternalId).ToHashSet(StringComparer.Ordinal);
            var unchangedPeople = FullChanges(reference, target).Values.Count(c => c.GetAction() == ChangeAction.NoChange && built.Contains(c.GetExternalId()));

            var settling = new ContractComparer(reference, difference);
            var settled = settling.Compare(target);
            var keeping = new ContractComparer(reference, difference) { SettleAsBuilt = false }.Compare(target);

            // The people unchanged under both (the same record, a deferred NoChange in both diffs) are settled, most
            // of those a full diff leaves unchanged (not a person with a warning, nor one TitanHST holds inactive), no one else.
            Assert.InRange(unchangedPeople, 1, settled.Summary.PeopleCompared - 1);
            Assert.InRange(settling.SettledPeople!.Value, (unchangedPeople / 2) + 1, unchangedPeople);
            Assert.Equal(keeping.Summary.PeopleCompared, settled.Summary.PeopleCompared);
            Assert.Equal(
                System.Text.Json.JsonSerializer.Serialize(new { keeping.Summary, keeping.Differences }),
                System.Text.Json.JsonSerializer.Serialize(new { settled.Summary, settled.Differences }));

            // Without TitanHST's records there are no diffs to settle against: every person goes to the comparison loop.
            var canonicalOnly = new ContractComparer(reference, difference);
            canonicalOnly.Compare();
            Assert.Null(canonicalOnly.SettledPeople);
        }

        [Fact]
        public void A_derived_edit_that_raises_issues_builds_those_people_in_full()
        {
            // Every e-mail becomes invalid under the new domain rule: no one whose e-mail is set can be derived.
            Edit(Path.Combine(_new, "contract.jsonc"), "\"domains\": [\"sampleusd.org\"]", "\"domains\": [\"example.org\"]");
            var reference = Load(_old);
            var records = InScopeRecords(reference);
            var withEmail = records.Count(r => r["email"] is not null);
            Assert.InRange(withEmail, 1, records.Count - 1);

            var comparer = new ContractComparer(reference, Load(_new));
            var result = comparer.Compare(Target());

            // Derived: the people without an e-mail (the rule never runs); built in full: nearly everyone else, whose
            // record now differs or is not built at all.
            Assert.NotNull(comparer.DerivedPeople);
            Assert.InRange(comparer.SharedRecords, records.Count - withEmail, records.Count - withEmail + (withEmail / 10));
            Assert.InRange(result.Differences.Count, withEmail - (withEmail / 10), withEmail + (withEmail / 10));
            var extracted = new ContractComparer(reference, Load(_new)) { DeriveWhenAlike = false }.Compare(Target());
            Assert.Equal(extracted.Differences.Select(d => (d.ExternalId, d.GetKind(), d.Difference)), result.Differences.Select(d => (d.ExternalId, d.GetKind(), d.Difference)));
        }

        private static IEnumerable<string> ExtractedKeys(MappingContract contract) =>
            new StaffExtractor(contract).Extract().Select(i => i.Record?.ExternalId ?? i.Marker?.Key ?? i.Issue?.Key).OfType<string>();

        /// <summary>A full diff with every NoChange built, first change per person, as the preview's reference.</summary>
        private static Dictionary<string, StaffChange> FullChanges(MappingContract contract, List<TargetStaffRecord> target)
        {
            var result = new DiffEngine(contract).Compute(new StaffExtractor(contract).Extract().ToList(), target, new DiffOptions { IncludeNoChange = true, ReadTargetAlongside = false });
            var byKey = new Dictionary<string, StaffChange>(StringComparer.Ordinal);
            foreach (var change in result.Changes)
            {
                byKey.TryAdd(change.GetExternalId(), change);
            }

            return byKey;
        }

        private static MappingContract Load(string folder) => ContractLoader.Load(Path.Combine(folder, "contract.jsonc"));

        private List<TargetStaffRecord> Target() => SeedTarget.Load(Path.Combine(_old, "titanhst-seed.json"));

        private static List<CanonicalStaffRecord> InScopeRecords(MappingContract contract) =>
            new StaffExtractor(contract).Extract().Where(i => i.Record is not null).Select(i => i.Record!).ToList();

        private static void Edit(string path, string find, string replace)
        {
            var text = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
            Assert.Contains(find, text, StringComparison.Ordinal);
            File.WriteAllText(path, text.Replace(find, replace, StringComparison.Ordinal));
        }

        private static void CopyFolder(string from, string to)
        {
            Directory.CreateDirectory(to);
            foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(to, Path.GetRelativePath(from, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }
    }
}

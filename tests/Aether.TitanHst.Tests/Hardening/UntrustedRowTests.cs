using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Aether.TitanHst.Canonical;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Diff;
using Aether.TitanHst.Errors;
using Aether.TitanHst.Target;
using Aether.TitanHst.Tests.Diff;

namespace Aether.TitanHst.Tests.Hardening
{
    /// <summary>Bypasses 4 and 5 of issue 9: a shifted or swallowed row must never rebuild, re-key or remove a person.</summary>
    public class UntrustedRowTests
    {
        private static readonly Encoding Cp1252 = GetCp1252();

        [Fact]
        public void A_delimiter_left_of_the_key_column_holds_the_person_back_and_never_keys_on_the_email()
        {
            using var d = new TempDistrict();
            // Aeries' key is its 5th column: an unquoted comma in the last name shifts the email into it.
            EditAeries(d, "12,Cy,Smith,cy.smith@district.org,800,", "12,Cy,Smith, Jr,cy.smith@district.org,800,");
            var items = Extract(d);
            Assert.DoesNotContain(items, i => i.Record?.ExternalId == "800"); // not rebuilt from HR alone (title blanked)
            var held = Assert.Single(items, i => i.Issue is { ErrorId: ExtractErrorIds.SourceRowUntrusted, Key: "800" }).Issue!;
            Assert.Equal(5, held.Line);
            Assert.EndsWith("aeries.csv", held.File, StringComparison.Ordinal);
            var malformed = Assert.Single(items, i => i.Issue?.ErrorId == ExtractErrorIds.SourceRowMalformed).Issue!;
            Assert.Null(malformed.Key);
            Assert.Contains("800", malformed.CandidateKeys);

            var target = new[] { SeedTarget.Record("stf_1", "800", true, new Dictionary<string, string?> { ["title"] = "Principal" }) };
            var result = Diff(d, target);
            var change = Assert.Single(result.Changes, c => c.GetExternalId() == "800");
            Assert.Equal(ChangeAction.Conflict, change.GetAction());
            Assert.Contains("aeries:5", change.Sources, StringComparison.Ordinal);
            // An email (any value with '@') never becomes a change's key.
            Assert.DoesNotContain(result.Changes, c => c.GetExternalId().Contains('@', StringComparison.Ordinal));
        }

        [Fact]
        public void A_shifted_row_of_a_person_only_TitanHST_still_knows_is_a_conflict_not_a_deactivation()
        {
            using var d = new TempDistrict();
            // 801 is in HR and Aeries; shift HR's row so the key column reads fine but the row is malformed, and
            // drop 801 from Aeries: the only trace of 801 left is the untrusted row.
            EditHr(d, "801,Di,Jones,", "801,Di,Jones,extra,");
            EditAeries(d, "13,Di,Jones,,801,1,3/3/2018,Teacher\n", string.Empty);
            var target = new[] { SeedTarget.Record("stf_9", "801", true, new Dictionary<string, string?> { ["firstName"] = "Di" }) };
            var result = Diff(d, target);
            var change = Assert.Single(result.Changes, c => c.GetExternalId() == "801");
            Assert.Equal(ChangeAction.Conflict, change.GetAction());
            Assert.DoesNotContain(result.Changes, c => c.GetAction() is ChangeAction.Deactivate or ChangeAction.Delete);
        }

        [Fact]
        public void A_stray_opening_quote_that_swallows_rows_is_reported_at_its_start_and_every_swallowed_person_is_a_conflict()
        {
            using var d = new TempDistrict();
            // Line 3 (456) opens a quote that only the quote on line 6 (800's "SMITH, JR.") closes: 789 and 790 vanish.
            EditHr(d, "456,BO,O'BRIEN,", "456,\"BO,O'BRIEN,");
            var items = Extract(d);
            var swallowed = Assert.Single(items, i => i.Issue?.ErrorId == ExtractErrorIds.SourceRowsSwallowed).Issue!;
            Assert.Equal(3, swallowed.Line);
            Assert.Contains("line 3", swallowed.Message, StringComparison.Ordinal);
            Assert.Null(swallowed.Key);
            Assert.Contains("789", swallowed.CandidateKeys);
            Assert.Contains("790", swallowed.CandidateKeys);

            var target = new[] { "456", "789", "790", "800" }.Select((k, i) => SeedTarget.Record($"stf_{i}", k, true, new Dictionary<string, string?>())).ToList();
            var result = Diff(d, target);
            foreach (var key in new[] { "456", "789", "790", "800" })
            {
                Assert.Equal(ChangeAction.Conflict, Assert.Single(result.Changes, c => c.GetExternalId() == key).GetAction());
            }

            Assert.DoesNotContain(result.Changes, c => c.GetAction() is ChangeAction.Deactivate or ChangeAction.Delete);
        }

        [Fact]
        public void An_honest_multi_line_value_is_not_mistaken_for_swallowed_rows()
        {
            using var d = new TempDistrict();
            EditAeries(d, "Teacher  of   Math", "\"Teacher\r\nof Math\"");
            var items = Extract(d);
            Assert.DoesNotContain(items, i => i.Issue?.ErrorId is ExtractErrorIds.SourceRowsSwallowed or ExtractErrorIds.SourceRowMalformed);
            Assert.Contains(items, i => i.Record?.ExternalId == "123");
        }

        [Fact]
        public void A_quote_inside_an_unquoted_field_is_reported()
        {
            using var d = new TempDistrict();
            EditHr(d, "801,Di,Jones,", "801,Di,Jo\"nes,");
            var items = Extract(d);
            var issue = Assert.Single(items, i => i.Issue?.ErrorId == ExtractErrorIds.SourceRowMalformed).Issue!;
            Assert.Equal(7, issue.Line);
            Assert.Contains("quote", issue.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(items, i => i.Record?.ExternalId == "801");
        }

        [Fact]
        public void An_export_that_changed_since_its_hash_was_recorded_is_refused()
        {
            using var d = new TempDistrict();
            var contract = ContractLoader.Load(d.ContractPath);
            var recorded = SourceFileHash.ByName(SourceFileHash.Of(contract));
            // A duplicate key appended after the hash (and the old duplicate pre-pass) was taken.
            File.AppendAllText(d.PathOf("exports/hr.csv"), "801,Di,Jones,di2@district.org,0101,TCH01,A,2018-03-03,\n");
            var ex = Assert.Throws<InputFileException>(() => new StaffExtractor(contract, recorded).Extract().ToList());
            Assert.Equal(InputErrorIds.SourceChangedDuringRun, ex.ErrorId);
        }

        [Fact]
        public void The_extractor_reports_the_hash_of_the_bytes_it_read()
        {
            using var d = new TempDistrict();
            var contract = ContractLoader.Load(d.ContractPath);
            var extractor = new StaffExtractor(contract);
            _ = extractor.Extract().ToList();
            Assert.Equal(ContentHash.OfFile(d.PathOf("exports/hr.csv")), extractor.SourceHashes["hr"]);
        }

        [Theory]
        [InlineData("=HYPERLINK(\"x\")")]
        [InlineData("+123")]
        [InlineData("@SUM(1)")]
        [InlineData("-5")]
        public void A_join_key_that_begins_like_a_formula_is_refused_unless_the_contract_allows_it(string key)
        {
            using var d = new TempDistrict();
            EditHr(d, "801,Di,Jones,", $"\"{key.Replace("\"", "\"\"", StringComparison.Ordinal)}\",Di,Jones,");
            var items = Extract(d);
            var issue = Assert.Single(items, i => i.Issue?.ErrorId == ExtractErrorIds.JoinKeyUnsafe).Issue!;
            Assert.Null(issue.Key);
            Assert.DoesNotContain(key, issue.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(items, i => i.Record is { } r && SourceRowReader.StartsLikeFormula(r.ExternalId));

            d.EditContract("\"ownedFields\"", "\"inputSafety\": { \"allowFormulaKeys\": true },\n  \"ownedFields\"");
            Assert.DoesNotContain(Extract(d), i => i.Issue?.ErrorId == ExtractErrorIds.JoinKeyUnsafe);
        }

        [Fact]
        public void Control_bidi_and_zero_width_characters_are_stripped_with_a_warning_naming_field_and_line()
        {
            using var d = new TempDistrict();
            EditHr(d, "801,Di,Jones,", "801,D\u200Bi\u202E,Jo\u0000nes,");
            var items = Extract(d);
            var record = Assert.Single(items, i => i.Record?.ExternalId == "801").Record!;
            Assert.Equal("Di", record["firstName"]);
            Assert.Equal("Jones", record["lastName"]);
            var warnings = items.Where(i => i.Issue?.ErrorId == ExtractErrorIds.TextCharactersRemoved).Select(i => i.Issue!).ToList();
            Assert.Contains(warnings, w => w.Field == "firstName" && w.Line == 7 && w.Message.Contains("bidirectional", StringComparison.Ordinal));
            Assert.Contains(warnings, w => w.Field == "lastName" && w.Line == 7 && w.Message.Contains("control", StringComparison.Ordinal));
            Assert.All(warnings, w => Assert.DoesNotContain("Jo", w.Message, StringComparison.Ordinal));
        }

        [Fact]
        public void A_stripped_character_does_not_keep_an_out_of_scope_person_from_being_deactivated()
        {
            using var d = new TempDistrict();
            // 790 is terminated (out of scope); a zero-width space in the key and a NUL in the status must not turn
            // the deactivation into "left alone".
            EditHr(d, "790,Terry,Gone,terry@district.org,0101,TCH01,T,", "79\u200B0,Terry,Gone,terry@district.org,0101,TCH01,T\u0000,");
            var target = new[] { SeedTarget.Record("stf_790", "790", true, new Dictionary<string, string?> { ["firstName"] = "Terry" }) };
            var result = Diff(d, target);
            Assert.Equal(ChangeAction.Deactivate, Assert.Single(result.Changes, c => c.GetExternalId() == "790").GetAction());
        }

        [Fact]
        public void A_join_key_the_contracts_rules_reject_is_not_used_as_a_key()
        {
            using var d = new TempDistrict();
            d.EditContract("\"normalize\": [\"trim\", \"stripLeadingZeros\", \"upper\"]", "\"normalize\": [\"trim\", \"stripLeadingZeros\", \"upper\", { \"maxLength\": 4 }]");
            EditHr(d, "801,Di,Jones,", "80100,Di,Jones,");
            var items = Extract(d);
            var issue = Assert.Single(items, i => i.Issue?.ErrorId == ExtractErrorIds.JoinKeyInvalid).Issue!;
            Assert.Null(issue.Key);
            Assert.Equal(7, issue.Line);
            Assert.DoesNotContain(items, i => i.Record?.ExternalId.StartsWith("801", StringComparison.Ordinal) == true);
        }

        [Fact]
        public void The_contract_can_reject_unsafe_characters_instead()
        {
            using var d = new TempDistrict();
            d.EditContract("\"ownedFields\"", "\"inputSafety\": { \"unsafeCharacters\": \"reject\" },\n  \"ownedFields\"");
            EditHr(d, "801,Di,Jones,", "801,D\u200Bi,Jones,");
            var items = Extract(d);
            Assert.DoesNotContain(items, i => i.Record?.ExternalId == "801");
            var issue = Assert.Single(items, i => i.Issue is { ErrorId: ExtractErrorIds.FieldValueInvalid, Field: "firstName" }).Issue!;
            Assert.Equal(IssueSeverity.Error, issue.Severity);
            Assert.Contains("zero-width", issue.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void A_replace_pattern_that_times_out_is_an_invalid_value_of_that_field_and_person()
        {
            using var d = new TempDistrict();
            d.EditContract("\"title\": { \"pii\": false, \"from\": [ { \"source\": \"aeries\", \"column\": \"Title\" } ], \"normalize\": [\"trim\", \"collapseWhitespace\"] }",
                "\"title\": { \"pii\": false, \"from\": [ { \"source\": \"aeries\", \"column\": \"Title\" } ], \"normalize\": [\"trim\", { \"replace\": { \"pattern\": \"^(a+)+$\", \"with\": \"\" } }] }");
            EditAeries(d, "Teacher  of   Math", new string('a', 40) + "!");
            var items = Extract(d);
            var issue = Assert.Single(items, i => i.Issue is { ErrorId: ExtractErrorIds.FieldValueInvalid, Field: "title" }).Issue!;
            Assert.Equal("123", issue.Key);
            Assert.Contains("ms limit", issue.Message, StringComparison.Ordinal);
            Assert.Contains(items, i => i.Record?.ExternalId == "800"); // the others are still built
        }

        internal static List<ExtractItem> Extract(TempDistrict d) => new StaffExtractor(ContractLoader.Load(d.ContractPath)).Extract().ToList();

        internal static DiffResult Diff(TempDistrict d, IEnumerable<TargetStaffRecord> target)
        {
            var contract = ContractLoader.Load(d.ContractPath);
            return new DiffEngine(contract).Compute(new StaffExtractor(contract).Extract(), target);
        }

        internal static void EditHr(TempDistrict d, string find, string replace)
        {
            var text = File.ReadAllText(d.PathOf("exports/hr.csv"), Encoding.UTF8);
            Assert.Contains(find, text, StringComparison.Ordinal);
            File.WriteAllText(d.PathOf("exports/hr.csv"), text.Replace(find, replace, StringComparison.Ordinal), new UTF8Encoding(true));
        }

        internal static void EditAeries(TempDistrict d, string find, string replace)
        {
            var text = File.ReadAllText(d.PathOf("exports/aeries.csv"), Cp1252);
            Assert.Contains(find, text, StringComparison.Ordinal);
            File.WriteAllText(d.PathOf("exports/aeries.csv"), text.Replace(find, replace, StringComparison.Ordinal), Cp1252);
        }

        private static Encoding GetCp1252()
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding(1252);
        }
    }
}

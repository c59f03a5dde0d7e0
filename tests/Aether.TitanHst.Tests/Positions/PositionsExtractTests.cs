using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Aether.TitanHst.Canonical;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Errors;

namespace Aether.TitanHst.Tests.Positions
{
    /// <summary>Sources with one row per position and the assignments built from them (decision 0011).</summary>
    public sealed class PositionsExtractTests
    {
        internal static readonly DateTime AsOf = new(2026, 11, 30);

        internal static List<ExtractItem> Extract(TempDistrict district, DateTime? asOf = null)
        {
            var contract = ContractLoader.Load(district.ContractPath);
            return new StaffExtractor(contract) { AsOf = asOf ?? AsOf }.Extract().ToList();
        }

        private static CanonicalStaffRecord Person(List<ExtractItem> items, string key) =>
            items.Single(i => i.Record?.ExternalId == key).Record!;

        [Fact]
        public void Split_site_teacher_gets_both_schools_with_the_flagged_one_primary_and_the_Aeries_row_merged()
        {
            using var district = new TempDistrict("positions-district");
            var ana = Person(Extract(district), "123");
            Assert.Equal("LHS/TEACHER*@0.6; JMS/TEACHER@0.4", ana["assignments"]);
            Assert.Equal("LHS", ana["siteCode"]);
            Assert.Equal("TEACHER", ana["roleCode"]);
            Assert.Equal(new[] { "positions:3", "aeriesSchools:2" }, ana.AssignmentSources!["JMS/TEACHER"].Select(r => r.ToString()));
        }

        [Fact]
        public void Without_a_flag_the_primary_rule_goes_by_highest_FTE_then_earliest_start()
        {
            using var district = new TempDistrict("positions-district");
            var sky = Person(Extract(district), "501");
            // 1005 (JMS, 0.4, 2018) and 1006 (WES, 0.4, 2019) tie on FTE; the earlier start wins. EES comes from Aeries.
            Assert.Equal("JMS/SPEECH*@0.4; EES/SPEECH; LHS/SPEECH@0.2; WES/SPEECH@0.4", sky["assignments"]);
            Assert.Equal("JMS", sky["siteCode"]);
        }

        [Fact]
        public void The_primary_rule_is_data_reordering_it_changes_the_primary()
        {
            using var district = new TempDistrict("positions-district");
            district.EditContract("\"primary\": [ { \"flag\": \"primaryFlag\" }, { \"highest\": \"fte\" }, { \"earliest\": \"start\" }, { \"lowest\": \"positionKey\" } ]",
                "\"primary\": [ { \"earliest\": \"start\" } ]");
            var sky = Person(Extract(district), "501");
            Assert.Equal("LHS", sky["siteCode"]); // 1004 and 1005 start the same day; file order settles the tie
        }

        [Fact]
        public void The_lowest_position_key_ranks_whole_numbers_by_value_and_is_read_only_for_the_tie_break()
        {
            // 10040 is the lowest as text and the highest as a number: ranked by number, 1005 (JMS) is the primary.
            // (Without the Aeries school row, whose key, school 4, would rank first.)
            using var district = new TempDistrict("positions-district");
            var schools = district.PathOf("exports/aeries-schools.csv");
            File.WriteAllText(schools, File.ReadAllText(schools).Replace("501,4,SLP01\n", string.Empty));
            district.EditContract("\"primary\": [ { \"flag\": \"primaryFlag\" }, { \"highest\": \"fte\" }, { \"earliest\": \"start\" }, { \"lowest\": \"positionKey\" } ]",
                "\"primary\": [ { \"lowest\": \"positionKey\" } ]");
            var positions = district.PathOf("exports/hr-positions.csv");
            File.WriteAllText(positions, File.ReadAllText(positions).Replace("501,1004,", "501,10040,").Replace("501,1006,", "501,\" 1006 \","));
            var sky = Person(Extract(district), "501");
            Assert.Equal("JMS", sky["siteCode"]);
        }

        [Theory]
        [InlineData("\"   \"")]
        [InlineData("\"\u3000\"")]
        public void A_persons_only_position_row_with_a_white_space_id_is_refused_like_a_blank_one(string id)
        {
            // The first row of a person is tested for a blank id without making its string: white space of any width is blank.
            using var district = new TempDistrict("positions-district");
            var positions = district.PathOf("exports/hr-positions.csv");
            File.WriteAllText(positions, File.ReadAllText(positions).Replace("456,1003,", "456," + id + ","));
            var items = Extract(district);
            var issue = items.Select(i => i.Issue).Single(i => i?.ErrorId == ExtractErrorIds.PositionKeyBlank)!;
            Assert.Equal(("456", 4, "PositionId"), (issue.Key, issue.Line, issue.Column));
            Assert.DoesNotContain(items, i => i.Record?.ExternalId == "456");
        }

        [Fact]
        public void A_person_with_two_job_classes_holds_both_and_an_ended_position_is_left_out()
        {
            using var district = new TempDistrict("positions-district");
            var lee = Person(Extract(district), "502");
            Assert.Equal("JMS/TEACHER*@1; JMS/COACH@0.1", lee["assignments"]);
        }

        [Fact]
        public void The_provenance_lists_every_row_and_the_assignment_sources_only_the_current_positions_rows()
        {
            // One object holds both (AssignmentRows extends the provenance): neither reads the other's numbers.
            using var district = new TempDistrict("positions-district");
            var lee = Person(Extract(district), "502");
            Assert.Equal(new[] { "positions:8", "positions:9", "positions:10", "hr:5" }, lee.Provenance.Select(r => r.ToString()));
            Assert.Equal(new[] { "JMS/COACH", "JMS/TEACHER" }, lee.AssignmentSources!.Keys.OrderBy(k => k, StringComparer.Ordinal));
            Assert.Equal(new[] { "positions:8" }, lee.AssignmentSources["JMS/TEACHER"].Select(r => r.ToString()));
            Assert.Equal(new[] { "positions:9" }, lee.AssignmentSources["JMS/COACH"].Select(r => r.ToString()));
        }

        [Fact]
        public void A_position_that_ended_yesterday_is_not_an_assignment_today_but_was_one_yesterday()
        {
            using var district = new TempDistrict("positions-district");
            File.AppendAllText(district.PathOf("exports/hr-positions.csv"), "456,1012,0101,CLS01,0.5,N,2020-01-06,2026-11-29\n");
            Assert.Equal("JMS/CLASSIFIED*@1", Person(Extract(district), "456")["assignments"]);
            Assert.Equal("JMS/CLASSIFIED*@1; LHS/CLASSIFIED@0.5", Person(Extract(district, new DateTime(2026, 11, 29)), "456")["assignments"]);
        }

        [Fact]
        public void An_out_of_scope_substitute_with_an_unmapped_job_class_is_out_of_scope_not_an_error()
        {
            using var district = new TempDistrict("positions-district");
            var items = Extract(district);
            Assert.Contains(items, i => i.Marker is { Kind: SourceMarkerKind.OutOfScope, Key: "789" });
            Assert.DoesNotContain(items, i => i.Issue is { Key: "789" });
        }

        [Fact]
        public void The_same_person_on_several_position_rows_is_not_a_duplicate_key()
        {
            using var district = new TempDistrict("positions-district");
            var items = Extract(district);
            Assert.DoesNotContain(items, i => i.Issue?.ErrorId == ExtractErrorIds.JoinKeyDuplicate);
            Assert.Equal(new[] { "123", "456", "501", "502" }, items.Where(i => i.Record is not null).Select(i => i.Record!.ExternalId).OrderBy(k => k));
        }

        [Theory]
        [InlineData("123,1002,0202,TCH01,0.5,N,2021-08-01,", ExtractErrorIds.PositionDuplicate, "PositionId", "position '1002'")]
        [InlineData("123,,0202,TCH01,0.5,N,2021-08-01,", ExtractErrorIds.PositionKeyBlank, "PositionId", "has no PositionId")]
        [InlineData("123,1020,0303,TCH01,0.2,Y,2021-08-01,", ExtractErrorIds.PositionPrimaryConflict, "PrimaryFlag", "flagged primary")]
        [InlineData("123,1020,0303,TCH01,half,N,2021-08-01,", ExtractErrorIds.PositionFteInvalid, "FTE", "'half' is not a number")]
        [InlineData("123,1020,0303,TCH01,0.2,N,08/01/2021,", ExtractErrorIds.PositionDateInvalid, "StartDate", "'08/01/2021' cannot be read")]
        [InlineData("123,1020,0303,TCH01,0.2,N,2021-08-01,someday", ExtractErrorIds.PositionDateInvalid, "EndDate", "'someday' cannot be read")]
        [InlineData("123,1020,0909,TCH01,0.2,N,2021-08-01,", ExtractErrorIds.CodeUnmapped, "SiteId", "0909")]
        public void A_bad_position_row_is_an_error_naming_file_line_and_column_and_the_person_is_not_built(string row, string errorId, string column, string message)
        {
            using var district = new TempDistrict("positions-district");
            File.AppendAllText(district.PathOf("exports/hr-positions.csv"), row + "\n");
            var items = Extract(district);
            var issue = items.Select(i => i.Issue).First(i => i?.ErrorId == errorId)!;
            Assert.Equal(IssueSeverity.Error, issue.Severity);
            Assert.Equal("123", issue.Key);
            Assert.EndsWith("hr-positions.csv", issue.File, StringComparison.Ordinal);
            Assert.Equal(errorId == ExtractErrorIds.PositionPrimaryConflict ? 2 : 13, issue.Line);
            Assert.Equal(column, issue.Column);
            Assert.Contains(message, issue.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(items, i => i.Record?.ExternalId == "123");
        }

        [Fact]
        public void A_person_with_many_position_rows_has_every_repeated_position_reported_with_its_first_line()
        {
            // Past 32 earlier rows the extractor keeps a table for the person instead of scanning their rows: the
            // duplicates on both sides of that switch (and a blank position right at it) are reported as before.
            using var district = new TempDistrict("positions-district");
            var rows = new List<string>();
            for (var i = 0; i < 31; i++)
            {
                rows.Add($"123,{3000 + i},0202,TCH01,0.1,N,2010-08-01,2011-06-30"); // lines 13-43, ended positions
            }

            rows.Add("123,,0202,TCH01,0.1,N,2010-08-01,2011-06-30");         // line 44: blank, the 34th row
            rows.Add("123,1002,0202,TCH01,0.1,N,2010-08-01,2011-06-30");     // line 45: first seen on line 3
            rows.Add("123,3005,0202,TCH01,0.1,N,2010-08-01,2011-06-30");     // line 46: first seen on line 18
            rows.Add("123,4000,0202,TCH01,0.1,N,2010-08-01,2011-06-30");     // line 47
            rows.Add("123,4000,0202,TCH01,0.1,N,2010-08-01,2011-06-30");     // line 48: first seen on line 47
            rows.Add("123,\" 3000 \",0202,TCH01,0.1,N,2010-08-01,2011-06-30"); // line 49: first seen on line 13
            rows.Add("123,3010,0202,TCH01,0.1,N,2010-08-01,2011-06-30");     // line 50: first seen on line 23
            File.AppendAllText(district.PathOf("exports/hr-positions.csv"), string.Join("\n", rows) + "\n");
            var items = Extract(district);
            var duplicates = items.Select(i => i.Issue).Where(i => i?.ErrorId == ExtractErrorIds.PositionDuplicate).ToList();
            Assert.Equal(new[] { "3 and 45", "18 and 46", "47 and 48", "13 and 49", "23 and 50" },
                duplicates.Select(i => i!.Message.Split(new[] { " lines " }, StringSplitOptions.None)[1].Split(')')[0]));
            Assert.Equal(new[] { 45, 46, 48, 49, 50 }, duplicates.Select(i => i!.Line));
            Assert.Contains(items, i => i.Issue?.ErrorId == ExtractErrorIds.PositionKeyBlank && i.Issue.Line == 44);
            Assert.DoesNotContain(items, i => i.Record?.ExternalId == "123");
        }

        [Fact]
        public void Two_rows_flagged_primary_for_the_same_assignment_are_one_assignment_not_a_conflict()
        {
            using var district = new TempDistrict("positions-district");
            File.AppendAllText(district.PathOf("exports/hr-positions.csv"), "123,1020,0101,TCH01,0.2,Y,2021-08-01,\n");
            Assert.Equal("LHS/TEACHER*@0.8; JMS/TEACHER@0.4", Person(Extract(district), "123")["assignments"]);
        }

        [Theory]
        [InlineData("\"positionKey\": \"PositionId\"", "\"positionKey\": \"NoSuchColumn\"", "sources.positions.positionKey")]
        [InlineData("\"rows\": \"onePerPosition\",\n      \"positionKey\": \"PositionId\"", "\"rows\": \"many\",\n      \"positionKey\": \"PositionId\"", "sources.positions.rows")]
        [InlineData("{ \"lowest\": \"positionKey\" }", "{ \"lowest\": \"salary\" }", "fields.assignments.positions.primary[3]")]
        [InlineData("\"roleCode\": { \"pii\": false, \"fromAssignments\": \"role\" }", "\"roleCode\": { \"pii\": false, \"fromAssignments\": \"grade\" }", "fields.roleCode.fromAssignments")]
        [InlineData("\"fte\": { \"column\": \"FTE\" }", "\"fte\": { \"column\": \"Salary\" }", "fields.assignments.positions.from[0].fte.column")]
        public void Contract_mistakes_in_positions_name_the_property(string find, string replace, string path)
        {
            using var district = new TempDistrict("positions-district");
            district.EditContract(find, replace);
            var ex = Assert.Throws<InputFileException>(() => ContractLoader.Load(district.ContractPath));
            Assert.Equal(path, ex.Field);
            Assert.True(ex.Line > 0, ex.Message);
        }

        [Fact]
        public void A_contract_without_positions_still_refuses_a_repeated_person()
        {
            using var district = new TempDistrict();
            File.AppendAllText(district.PathOf("exports/hr.csv"), "456,Bo,Again,bo2@district.org,0202,CLS01,A,2020-01-06,\n");
            var items = new StaffExtractor(ContractLoader.Load(district.ContractPath)).Extract().ToList();
            Assert.Contains(items, i => i.Issue is { ErrorId: ExtractErrorIds.JoinKeyDuplicate, Key: "456" });
        }
    }
}

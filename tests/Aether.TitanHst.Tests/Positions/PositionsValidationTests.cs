using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Aether.TitanHst.Canonical;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Contract.Checks;
using Aether.TitanHst.Reporting;
using Aether.TitanHst.Target;
using Aether.TitanHst.Tests.Diff;
using Aether.TitanHst.Validation;

namespace Aether.TitanHst.Tests.Positions
{
    /// <summary>Validation counts every assignment; Test-MappingContract checks position rows (decision 0011).</summary>
    public sealed class PositionsValidationTests
    {
        private static List<TargetStaffRecord> InSync(MappingContract contract) =>
            new StaffExtractor(contract).Extract().Select(i => i.Record).OfType<CanonicalStaffRecord>()
                .Select((r, i) => SeedTarget.Record($"stf_{i:D12}", r.ExternalId, true, contract.OwnedFields.ToDictionary(f => f, f => r[f], StringComparer.Ordinal)))
                .ToList();

        [Fact]
        public void A_person_at_two_sites_counts_at_both_and_the_result_says_so()
        {
            using var district = new TempDistrict("positions-district");
            var contract = ContractLoader.Load(district.ContractPath);
            var result = new SyncValidator(contract).Validate(new StaffExtractor(contract).Extract(), InSync(contract));

            Assert.True(result.Passed);
            Assert.True(result.CountsEveryAssignment);
            // Ana LHS+JMS, Bo JMS, Sky JMS+EES+LHS+WES, Lee JMS (two roles, one site).
            Assert.Equal(new[] { ("EES", 1, 1), ("JMS", 4, 4), ("LHS", 2, 2), ("WES", 1, 1) }, result.SiteCounts.Select(r => (r.Group, r.Source, r.Target)));
            Assert.Equal(new[] { ("CLASSIFIED", 1), ("COACH", 1), ("SPEECH", 1), ("TEACHER", 2) }, result.RoleCounts.Select(r => (r.Group, r.Source)));
            Assert.True(result.SiteCounts.Sum(r => r.Source) > result.SourceRecords);
        }

        [Fact]
        public void The_report_says_the_counts_go_by_assignment()
        {
            using var district = new TempDistrict("positions-district");
            var contract = ContractLoader.Load(district.ContractPath);
            var result = new SyncValidator(contract).Validate(new StaffExtractor(contract).Extract(), InSync(contract));
            var shown = ReportValidation.From(result, ReportPrivacy.For(contract, Array.Empty<Aether.TitanHst.Diff.StaffChange>()));
            Assert.True(shown.CountsEveryAssignment);
            Assert.Contains("counts at both", ReportValidation.AssignmentNote, StringComparison.Ordinal);
        }

        [Fact]
        public void A_contract_without_positions_still_counts_people_once()
        {
            using var district = new TempDistrict();
            var contract = ContractLoader.Load(district.ContractPath);
            var result = new SyncValidator(contract).Validate(new StaffExtractor(contract).Extract(), InSync(contract));
            Assert.False(result.CountsEveryAssignment);
            Assert.Equal(result.SourceRecords, result.SiteCounts.Sum(r => r.Source));
        }

        [Fact]
        public void Test_MappingContract_passes_the_clean_positions_district()
        {
            using var district = new TempDistrict("positions-district");
            var results = new MappingContractChecker(ContractLoader.Load(district.ContractPath)).Run().ToList();
            Assert.DoesNotContain(results, r => r.GetSeverity() != CheckSeverity.Information && r.Rule.StartsWith("Position", StringComparison.Ordinal));
            Assert.Contains(results, r => r.Rule == CheckRules.PeopleHavePositions && r.GetSeverity() == CheckSeverity.Information);
        }

        [Fact]
        public void Test_MappingContract_reports_bad_position_rows_two_primaries_unmapped_position_codes_and_people_without_a_position()
        {
            using var district = new TempDistrict("positions-district");
            File.AppendAllText(district.PathOf("exports/hr-positions.csv"),
                "456,1020,0303,CLS01,lots,N,2021-08-01,\n" +          // FTE not a number
                "123,1021,0303,TCH01,0.2,Y,2021-08-01,\n" +           // a second primary
                "501,1022,0909,SLP01,0.2,N,2021-08-01,\n");           // site 0909 not in the table
            // Lee's positions all end: in scope, but no current position.
            File.WriteAllText(district.PathOf("exports/hr-positions.csv"), File.ReadAllText(district.PathOf("exports/hr-positions.csv"))
                .Replace("502,1007,0202,TCH01,1.0,Y,2017-08-01,", "502,1007,0202,TCH01,1.0,Y,2017-08-01,2020-01-01", StringComparison.Ordinal)
                .Replace("502,1008,0202,COA01,0.1,N,2020-08-01,", "502,1008,0202,COA01,0.1,N,2020-08-01,2020-01-01", StringComparison.Ordinal));
            var results = new MappingContractChecker(ContractLoader.Load(district.ContractPath)).Run().ToList();

            var rows = results.Single(r => r.Rule == CheckRules.PositionRowsValid);
            Assert.Equal(CheckSeverity.Error, rows.GetSeverity());
            Assert.Contains(rows.Items, i => i.Contains("hr-positions.csv:13 FTE", StringComparison.Ordinal));
            Assert.Equal(CheckSeverity.Warning, results.Single(r => r.Rule == CheckRules.PositionPrimaryUnique).GetSeverity());
            Assert.Contains(results, r => r.Rule == CheckRules.CodesMapped && r.GetSeverity() == CheckSeverity.Error && r.Message.Contains("assignments", StringComparison.Ordinal));
            var without = results.Single(r => r.Rule == CheckRules.PeopleHavePositions);
            Assert.Equal((CheckSeverity.Warning, 1), (without.GetSeverity(), without.Count));
        }
    }
}

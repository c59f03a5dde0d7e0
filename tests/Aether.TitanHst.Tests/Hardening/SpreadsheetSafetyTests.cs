using System;
using System.Collections.Generic;
using System.Linq;
using Aether.TitanHst.Diff;
using Aether.TitanHst.Tests.Diff;

namespace Aether.TitanHst.Tests.Hardening
{
    /// <summary>Export-Csv writes an object's public properties: none of a change's may start a spreadsheet formula.</summary>
    public class SpreadsheetSafetyTests
    {
        private static readonly char[] FormulaStarts = { '=', '+', '-', '@', '\t', '\r' };

        [Fact]
        public void Every_text_property_of_a_change_is_neutralized_even_for_a_hostile_TitanHST_record()
        {
            using var d = new TempDistrict();
            // TitanHST holds a managed record whose externalId (and fields) are formulas; the sources do not know it.
            var hostile = "=HYPERLINK(\"http://evil/\",\"x\")";
            var fields = new Dictionary<string, string?> { ["firstName"] = "=1+1", ["lastName"] = "@SUM(A1)", ["siteCode"] = "+LHS", ["roleCode"] = "-TEACHER" };
            var result = UntrustedRowTests.Diff(d, new[] { SeedTarget.Record("stf_x", hostile, true, fields) });
            var change = Assert.Single(result.Changes, c => c.TargetId == "stf_x");
            Assert.Equal(ChangeAction.Deactivate, change.GetAction());
            Assert.StartsWith("=HYPERLINK(", change.GetExternalId(), StringComparison.OrdinalIgnoreCase);
            Assert.Equal("'" + change.GetExternalId(), change.ExternalId);

            foreach (var c in result.Changes)
            {
                foreach (var property in typeof(StaffChange).GetProperties().Where(p => p.PropertyType == typeof(string)))
                {
                    var value = (string?)property.GetValue(c);
                    Assert.False(value is { Length: > 0 } && FormulaStarts.Contains(value[0]), $"{property.Name} of {c.GetAction()} starts a formula: {value}");
                }
            }
        }

        [Fact]
        public void The_exact_key_stays_available_to_apply()
        {
            using var d = new TempDistrict();
            var result = UntrustedRowTests.Diff(d, Array.Empty<Aether.TitanHst.Target.TargetStaffRecord>());
            var create = Assert.Single(result.Changes, c => c.GetExternalId() == "123");
            Assert.Equal("123", create.ExternalId);
        }
    }
}

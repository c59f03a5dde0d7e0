using System;
using System.Globalization;
using Aether.TitanHst.Normalization;

namespace Aether.TitanHst.Tests.Normalization
{
    /// <summary>
    /// A date already written as yyyy-MM-dd is returned as it came (no new string); every other text is written by
    /// DateTime.ToString as before. Both are checked against ToString over every day of several years and edge texts.
    /// </summary>
    public class DateRuleOutputTests
    {
        [Fact]
        public void Every_day_reads_as_ToString_writes_it()
        {
            var iso = new DateRule(new[] { "yyyy-MM-dd", "M/d/yyyy" });
            foreach (var start in new[] { new DateTime(1, 1, 1), new DateTime(999, 12, 1), new DateTime(1999, 12, 1), new DateTime(2024, 1, 1), new DateTime(9999, 11, 1) })
            {
                var last = start.Year == 9999 ? DateTime.MaxValue.Date : start.AddDays(399);
                for (var day = start; ; day = day.AddDays(1))
                {
                    var expected = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    var text = new string(expected.ToCharArray());
                    var outcome = iso.Apply(text);
                    Assert.Equal(expected, outcome.Value);
                    Assert.Same(text, outcome.Value);
                    Assert.True(iso.IsOutput(text));
                    Assert.Equal(expected, iso.Apply(day.ToString("M/d/yyyy", CultureInfo.InvariantCulture)).Value);
                    if (day == last)
                    {
                        break;
                    }
                }
            }
        }

        [Theory]
        [InlineData(" 2024-03-05", "2024-03-05")]
        [InlineData("2024-03-05 ", "2024-03-05")]
        [InlineData("3/5/2024", "2024-03-05")]
        [InlineData("2024-3-5", null)]
        [InlineData("2024-13-05", null)]
        public void Texts_not_written_the_rule_s_way_are_written_again(string text, string? expected)
        {
            var outcome = new DateRule(new[] { "yyyy-MM-dd", "M/d/yyyy" }).Apply(text);
            Assert.Equal(expected is null ? RuleOutcomeKind.Invalid : RuleOutcomeKind.Value, outcome.Kind);
            if (expected is not null)
            {
                Assert.Equal(expected, outcome.Value);
            }
        }

        [Fact]
        public void Another_output_format_is_still_written_by_ToString()
        {
            var rule = new DateRule(new[] { "yyyy-MM-dd" }, "MM/dd/yyyy");
            Assert.Equal("03/05/2024", rule.Apply("2024-03-05").Value);
            Assert.True(rule.IsOutput("03/05/2024"));
            Assert.False(rule.IsOutput("2024-03-05"));
        }
    }
}

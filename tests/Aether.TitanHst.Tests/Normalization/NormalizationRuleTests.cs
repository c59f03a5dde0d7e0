using Aether.TitanHst.Normalization;

namespace Aether.TitanHst.Tests.Normalization
{
    public class NormalizationRuleTests
    {
        [Theory]
        [InlineData("O'BRIEN", "O'Brien")]
        [InlineData("mary-jo", "Mary-Jo")]
        [InlineData("MCDONALD", "McDonald")]
        [InlineData("DeShawn", "DeShawn")]
        [InlineData("van der Berg", "van der Berg")]
        [InlineData("SMITH, JR.", "Smith, Jr.")]
        [InlineData("PEÑA", "Peña")]
        public void NameCase(string input, string expected) => Assert.Equal(expected, new NameCaseRule().Apply(input).Value);

        [Theory]
        [InlineData("  Ana.Pena@District.ORG ", "ana.pena@district.org", true)]
        [InlineData("mailto:bo@x.org", "bo@x.org", true)]
        [InlineData("not-an-email", null, false)]
        [InlineData("a@b", null, false)]
        [InlineData("a..b@x.org", null, false)]
        public void Email(string input, string? expected, bool valid)
        {
            var outcome = new EmailRule().Apply(input);
            Assert.Equal(valid ? RuleOutcomeKind.Value : RuleOutcomeKind.Invalid, outcome.Kind);
            if (valid)
            {
                Assert.Equal(expected, outcome.Value);
            }
        }

        [Fact]
        public void Email_domain_allow_list()
        {
            var rule = new EmailRule(new[] { "District.org" });
            Assert.Equal(RuleOutcomeKind.Value, rule.Apply("a@district.org").Kind);
            Assert.Equal(RuleOutcomeKind.Invalid, rule.Apply("a@gmail.com").Kind);
        }

        [Theory]
        [InlineData("559-555-1234", "+15595551234")]
        [InlineData("(559) 555 1234", "+15595551234")]
        [InlineData("1 559 555 1234", "+15595551234")]
        [InlineData("559.555.1234 ext 12", "+15595551234 x12")]
        public void Phone_e164(string input, string expected) => Assert.Equal(expected, new PhoneRule(PhoneFormat.E164).Apply(input).Value);

        [Theory]
        [InlineData("12")]
        [InlineData("055-555-1234")]
        public void Phone_invalid(string input) => Assert.Equal(RuleOutcomeKind.Invalid, new PhoneRule(PhoneFormat.E164).Apply(input).Kind);

        [Fact]
        public void Phone_national() => Assert.Equal("(559) 555-1234", new PhoneRule(PhoneFormat.National).Apply("5595551234").Value);

        [Theory]
        [InlineData("8/15/2019", "2019-08-15")]
        [InlineData("2019-08-15", "2019-08-15")]
        [InlineData("12/01/2020 12:00:00 AM", "2020-12-01")]
        public void Date_with_explicit_formats(string input, string expected) =>
            Assert.Equal(expected, new DateRule(new[] { "M/d/yyyy", "yyyy-MM-dd", "MM/dd/yyyy hh:mm:ss tt" }).Apply(input).Value);

        [Fact]
        public void Date_never_guesses()
        {
            var outcome = new DateRule(new[] { "yyyy-MM-dd" }).Apply("08/15/2019");
            Assert.Equal(RuleOutcomeKind.Invalid, outcome.Kind);
            Assert.Contains("yyyy-MM-dd", outcome.Reason);
        }

        [Fact]
        public void Whitespace_and_nfc()
        {
            Assert.Equal("Teacher of Math", new CollapseWhitespaceRule().Apply("Teacher \t of\u00A0 Math").Value);
            Assert.Equal("Pe\u00F1a", new NfcRule().Apply("Pen\u0303a").Value);
            Assert.Equal("123", new StripLeadingZerosRule().Apply("000123").Value);
            Assert.Equal("0", new StripLeadingZerosRule().Apply("000").Value);
        }

        [Fact]
        public void Value_map_and_unmapped_policies()
        {
            var values = new System.Collections.Generic.Dictionary<string, string> { ["A"] = "active" };
            Assert.Equal("active", new ValueMapRule(values, true, UnmappedPolicy.Error).Apply("a").Value);
            var error = new ValueMapRule(values, true, UnmappedPolicy.Error).Apply("X");
            Assert.Equal(RuleOutcomeKind.Invalid, error.Kind);
            Assert.True(error.IsUnmappedCode);
            Assert.Equal(RuleOutcomeKind.SkipRecord, new ValueMapRule(values, true, new UnmappedPolicy(UnmappedAction.Skip)).Apply("X").Kind);
            Assert.Equal("Z", new ValueMapRule(values, true, new UnmappedPolicy(UnmappedAction.Default, "Z")).Apply("X").Value);
            Assert.Equal("X", new ValueMapRule(values, true, new UnmappedPolicy(UnmappedAction.Keep)).Apply("X").Value);
        }

        [Fact]
        public void Pipeline_stops_at_the_first_failure()
        {
            var pipeline = new RulePipeline(new INormalizationRule[] { new TrimRule(), new EmailRule(), new CaseRule(upper: true) });
            Assert.Equal(RuleOutcomeKind.Invalid, pipeline.Apply(" nope ").Kind);
            Assert.Equal("A@B.ORG", pipeline.Apply(" a@b.org ").Value);
        }
    }
}

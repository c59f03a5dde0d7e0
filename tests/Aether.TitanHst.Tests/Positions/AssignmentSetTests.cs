using Aether.TitanHst.Positions;

namespace Aether.TitanHst.Tests.Positions
{
    public sealed class AssignmentSetTests
    {
        [Theory]
        [InlineData("LHS/TEACHER*@0.6; JMS/TEACHER@0.4")]
        [InlineData("JMS/SPEECH*@0.4; EES/SPEECH; LHS/SPEECH@0.2")]
        [InlineData("A/B*")]
        public void Canonical_text_round_trips(string text)
        {
            Assert.Equal(text, AssignmentSet.Parse(text).Format());
        }

        [Theory]
        [InlineData("JMS/TEACHER@0.4; LHS/TEACHER*@0.6", "LHS/TEACHER*@0.6; JMS/TEACHER@0.4")]
        [InlineData("B/R; A/R*", "A/R*; B/R")]
        public void Order_never_matters(string given, string canonical)
        {
            Assert.Equal(canonical, AssignmentSet.Parse(given).Format());
        }

        [Theory]
        [InlineData("LHS")]
        [InlineData("LHS/")]
        [InlineData("/TEACHER")]
        [InlineData("LHS/TEACHER@half")]
        [InlineData("LHS/TEACHER; LHS/TEACHER*")]
        [InlineData("LHS/TEA/CHER")]
        public void Text_that_is_not_a_set_is_refused(string text)
        {
            Assert.False(AssignmentSet.TryParse(text, out _));
        }

        [Fact]
        public void Describe_names_additions_removals_and_the_moved_primary()
        {
            var old = AssignmentSet.Parse("LMS/TEACHER*; WES/AIDE");
            var now = AssignmentSet.Parse("LHS/TEACHER*; LMS/TEACHER");
            Assert.Equal("+LHS/TEACHER; -WES/AIDE; primary LMS/TEACHER → LHS/TEACHER", AssignmentSet.Describe(old, now));
        }
    }
}

using System;
using System.IO;
using System.Text.RegularExpressions;
using Aether.TitanHst.Normalization;

namespace Aether.TitanHst.Tests.Normalization
{
    /// <summary>
    /// The connector's side of the one email rule (decision 0009): whatever the contract's email normalization lets
    /// through must pass TitanHST's rule as docs/titanhst-api.md §3 writes it, or the apply would meet a 400 the
    /// diff never predicted. The rule is read from the document, not copied.
    /// </summary>
    public sealed class EmailRuleMatchesApiTests
    {
        private static Regex ApiEmailRule()
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "docs", "titanhst-api.md")))
            {
                dir = dir.Parent;
            }

            Assert.NotNull(dir);
            var prose = File.ReadAllText(Path.Combine(dir!.FullName, "docs", "titanhst-api.md"));
            var at = prose.IndexOf("**Email rule**", StringComparison.Ordinal);
            var pattern = Regex.Match(prose.Substring(at), @"`(\^[^`]*\$)`").Groups[1].Value;
            Assert.EndsWith("$", pattern, StringComparison.Ordinal);
            return new Regex(pattern[..^1] + @"\z", RegexOptions.CultureInvariant); // ECMA "$" is .NET "\z"
        }

        [Theory]
        [InlineData("Ana.Garcia@District.Example")]
        [InlineData(" a@b.co ")]
        [InlineData("mailto:a@b.co")]
        [InlineData("a@b")]
        [InlineData("a@b.")]
        [InlineData("a@.b.co")]
        [InlineData("a@b.co.")]
        [InlineData("a@b..co")]
        [InlineData("a b@c.do")]
        [InlineData("a@b.co\n")]
        [InlineData("a\u00a0@b.co")]
        [InlineData("a@-b.co")]
        [InlineData("\u00e9@b.co")]
        public void What_the_contract_email_rule_accepts_TitanHST_accepts(string input)
        {
            var outcome = new EmailRule().Apply(input);
            if (outcome.Kind == RuleOutcomeKind.Value && outcome.Value.Length > 0)
            {
                Assert.Matches(ApiEmailRule(), outcome.Value);
            }
        }
    }
}

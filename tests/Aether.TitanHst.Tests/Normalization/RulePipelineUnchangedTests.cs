using System;
using System.Collections.Generic;
using System.Linq;
using Aether.TitanHst.Normalization;

namespace Aether.TitanHst.Tests.Normalization
{
    /// <summary>
    /// The reader keeps no key string for a row whose key the contract's key rules give back as it is, and reads the
    /// key from the row's own text instead: that is only right when the rules really would give it back. Checked
    /// against the rules themselves on printable ASCII written to hit their edges (spaces at either end, double spaces,
    /// leading zeros, either case).
    /// </summary>
    public class RulePipelineUnchangedTests
    {
        private static readonly Func<INormalizationRule>[] Supported =
        {
            () => new TrimRule(), () => new CaseRule(upper: true), () => new CaseRule(upper: false),
            () => new StripLeadingZerosRule(), () => new NfcRule(), () => new CollapseWhitespaceRule(),
        };

        [Fact]
        public void Each_supported_rule_is_told_unchanged_exactly_when_it_gives_the_value_back()
        {
            foreach (var make in Supported)
            {
                var rule = make();
                var pipeline = new RulePipeline(new[] { rule });
                var unchangedSeen = 0;
                var changedSeen = 0;
                foreach (var value in Values())
                {
                    var gives = rule.Apply(value);
                    var same = gives.Kind == RuleOutcomeKind.Value && string.Equals(gives.Value, value, StringComparison.Ordinal);
                    Assert.True(same == pipeline.LeavesPrintableAsciiUnchanged(value.AsSpan()), $"{rule.Name} on '{value}'");
                    unchangedSeen += same ? 1 : 0;
                    changedSeen += same ? 0 : 1;
                }

                // Both answers are met for every rule but nfc (printable ASCII is always NFC).
                Assert.True(unchangedSeen > 100, rule.Name);
                Assert.True(changedSeen > 100 || rule is NfcRule, rule.Name);
            }
        }

        [Fact]
        public void A_pipeline_told_unchanged_gives_the_value_back()
        {
            var random = new Random(20261203);
            var told = 0;
            for (var n = 0; n < 300; n++)
            {
                var rules = Enumerable.Range(0, random.Next(0, 5)).Select(_ => Supported[random.Next(Supported.Length)]()).ToList();
                var pipeline = new RulePipeline(rules);
                foreach (var value in Values().Take(400))
                {
                    if (pipeline.LeavesPrintableAsciiUnchanged(value.AsSpan()))
                    {
                        told++;
                        var outcome = pipeline.Apply(value);
                        Assert.Equal(RuleOutcomeKind.Value, outcome.Kind);
                        Assert.Equal(value, outcome.Value);
                    }
                }
            }

            Assert.True(told > 1000);
        }

        [Fact]
        public void A_rule_it_cannot_read_is_never_told_unchanged()
        {
            // A map, a replace or a default may change any value: the reader then applies the rules to a string.
            var pipeline = new RulePipeline(new INormalizationRule[] { new TrimRule(), new DefaultRule("X") });
            Assert.False(pipeline.LeavesPrintableAsciiUnchanged("801".AsSpan()));
            Assert.True(RulePipeline.Empty.LeavesPrintableAsciiUnchanged("801".AsSpan()));
        }

        private static IEnumerable<string> Values()
        {
            var random = new Random(7);
            const string alphabet = " 0 0aZ9-=.x";
            yield return string.Empty;
            yield return "0";
            yield return "00";
            yield return "0 1";
            for (var n = 0; n < 3000; n++)
            {
                // Mostly from a small alphabet, so spaces, zeros and both cases meet; now and then any printable ASCII.
                var length = random.Next(1, 9);
                var chars = new char[length];
                for (var i = 0; i < length; i++)
                {
                    chars[i] = random.Next(4) == 0 ? (char)random.Next(0x20, 0x7F) : alphabet[random.Next(alphabet.Length)];
                }

                yield return new string(chars);
            }
        }
    }
}

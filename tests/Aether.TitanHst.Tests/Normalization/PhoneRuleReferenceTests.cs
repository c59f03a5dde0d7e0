using System;
using System.Collections.Generic;
using System.Text;
using Aether.TitanHst.Normalization;

namespace Aether.TitanHst.Tests.Normalization
{
    /// <summary>
    /// The phone rule writes into a buffer; these compare it with the substring-and-builder version it replaced
    /// (kept below as the reference) on edge texts and random ones, in both formats, outcome and value alike.
    /// </summary>
    public class PhoneRuleReferenceTests
    {
        public static IEnumerable<object[]> EdgeTexts() => new[]
        {
            new object[] { "" }, new object[] { "5595551234" }, new object[] { "+15595551234" }, new object[] { "1-559-555-1234" },
            new object[] { "(559) 555-1234" }, new object[] { "559.555.1234 x12" }, new object[] { "559 555 1234 ext. 7" },
            new object[] { "559 555 1234 EXT 7" }, new object[] { "559 555 1234 x" }, new object[] { "15595551234 X 99" },
            new object[] { "25595551234" }, new object[] { "1559555123" }, new object[] { "0595551234" }, new object[] { "5590551234" },
            new object[] { "555-1234" }, new object[] { "Ext 5595551234" }, new object[] { "texture 5595551234" },
            new object[] { "5595551234 x" + new string('9', 300) }, new object[] { "٥٥٩٥٥٥١٢٣٤" }, new object[] { "5595551234x1x2" },
            new object[] { "1111115595551234" }, new object[] { "(559) 555-1234 x12" },
        };

        [Theory]
        [MemberData(nameof(EdgeTexts))]
        public void Edge_texts_read_as_before(string text)
        {
            foreach (var format in new[] { PhoneFormat.E164, PhoneFormat.National })
            {
                AssertSame(format, text);
            }
        }

        [Fact]
        public void Random_texts_read_as_before()
        {
            var random = new Random(20261130);
            const string alphabet = "0123456789012345678901234567890123456789 ()-.+xXeEtT#/";
            for (var n = 0; n < 20000; n++)
            {
                var length = random.Next(0, 24);
                var text = new StringBuilder(length);
                for (var i = 0; i < length; i++)
                {
                    text.Append(alphabet[random.Next(alphabet.Length)]);
                }

                AssertSame(n % 2 == 0 ? PhoneFormat.E164 : PhoneFormat.National, text.ToString());
            }
        }

        private static void AssertSame(PhoneFormat format, string text)
        {
            var expected = Reference(format, text);
            var actual = new PhoneRule(format).Apply(text);
            Assert.Equal(expected.Kind, actual.Kind);
            Assert.Equal(expected.Value, actual.Value);
            Assert.Equal(expected.Reason, actual.Reason);
        }

        // The rule as it was before it wrote into a buffer.
        private static RuleOutcome Reference(PhoneFormat format, string value)
        {
            if (value.Length == 0)
            {
                return RuleOutcome.Ok(value);
            }

            var main = value;
            var extension = string.Empty;
            var lower = value.ToLowerInvariant();
            var x = lower.IndexOf("ext", StringComparison.Ordinal);
            x = x >= 0 ? x : lower.IndexOf('x');
            if (x >= 0)
            {
                extension = Digits(value.Substring(x));
                main = value.Substring(0, x);
            }

            var digits = Digits(main);
            if (digits.Length == 11 && digits[0] == '1')
            {
                digits = digits.Substring(1);
            }

            if (digits.Length != 10 || digits[0] < '2' || digits[3] < '2')
            {
                return RuleOutcome.Invalid(value, "is not a 10-digit North American phone number");
            }

            var formatted = format == PhoneFormat.E164
                ? "+1" + digits
                : $"({digits.Substring(0, 3)}) {digits.Substring(3, 3)}-{digits.Substring(6)}";
            return RuleOutcome.Ok(extension.Length > 0 ? $"{formatted} x{extension}" : formatted);
        }

        private static string Digits(string value)
        {
            var builder = new StringBuilder(value.Length);
            foreach (var c in value)
            {
                if (c >= '0' && c <= '9')
                {
                    builder.Append(c);
                }
            }

            return builder.ToString();
        }
    }
}

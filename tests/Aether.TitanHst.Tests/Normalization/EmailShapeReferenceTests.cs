using System;
using System.Text;
using System.Text.RegularExpressions;
using Aether.TitanHst.Normalization;

namespace Aether.TitanHst.Tests.Normalization
{
    /// <summary>
    /// The email rule checks an address's shape by hand; these compare it with the pattern it replaced (kept below as
    /// the reference, the one docs/titanhst-api.md gives) on edge texts and on random texts drawn mostly from the
    /// characters the pattern treats specially, so that every branch of both is met many times.
    /// </summary>
    public class EmailShapeReferenceTests
    {
        private static readonly Regex Reference = new(
            @"^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+\z",
            RegexOptions.CultureInvariant);

        [Theory]
        [InlineData("")]
        [InlineData("@")]
        [InlineData("a@b.co")]
        [InlineData("a@b")]
        [InlineData("@b.co")]
        [InlineData("a@@b.co")]
        [InlineData("a@b@c.co")]
        [InlineData("a@b.")]
        [InlineData("a@.b")]
        [InlineData("a@b..co")]
        [InlineData("a@-b.co")]
        [InlineData("a@b-.co")]
        [InlineData("a@b.c-")]
        [InlineData("a@b-c.d-e")]
        [InlineData("a@b--c.de")]
        [InlineData("a@1.2")]
        [InlineData("a.b@c.d")]
        [InlineData(".a@c.d")]
        [InlineData("a.@c.d")]
        [InlineData("o'brien+tag@x.sampleusd.org")]
        [InlineData("!#$%&'*+/=?^_`{|}~-@a.b")]
        [InlineData("a b@c.d")]
        [InlineData("a@c.d ")]
        [InlineData("a@c.d\n")]
        [InlineData("\na@c.d")]
        [InlineData("A@c.d")]
        [InlineData("a@C.d")]
        [InlineData("\u00e9@b.co")]
        [InlineData("a@b\u00e9.co")]
        [InlineData("a@b.c\u0131")]
        [InlineData("a\"b@c.d")]
        [InlineData("a(b)@c.d")]
        [InlineData("a@b_c.de")]
        [InlineData("a@b.c.d.e.f")]
        public void Edge_texts_are_judged_as_the_pattern_judges_them(string text) =>
            Assert.True(Reference.IsMatch(text) == EmailRule.IsPlainAddress(text), $"'{text}': pattern {Reference.IsMatch(text)}");

        [Fact]
        public void Random_texts_are_judged_as_the_pattern_judges_them()
        {
            var random = new Random(20261202);
            var matched = 0;
            for (var n = 0; n < 100000; n++)
            {
                // Half free text over the special characters, half address-like (a local part, '@', labels) with a
                // stray character now and then, so that near misses of every kind are met as often as addresses.
                var candidate = n % 2 == 0 ? Draw(random, "ab0z9..--@@@!~_+'A \u00e9\u0131\n\"", random.Next(0, 12)) : AddressLike(random);
                var expected = Reference.IsMatch(candidate);
                Assert.True(expected == EmailRule.IsPlainAddress(candidate), $"'{candidate}': pattern {expected}");
                matched += expected ? 1 : 0;
            }

            // Not a comparison of two "no"s: enough random texts are addresses to exercise the accepting paths.
            Assert.InRange(matched, 2000, 45000);
        }

        private static string AddressLike(Random random)
        {
            var text = new StringBuilder(Draw(random, "ab0.'+-_", random.Next(0, 4)));
            text.Append('@');
            var labels = random.Next(1, 4);
            for (var l = 0; l < labels; l++)
            {
                text.Append(l > 0 ? "." : string.Empty).Append(Draw(random, "ab09-", random.Next(0, 4)));
            }

            if (random.Next(8) == 0)
            {
                text.Insert(random.Next(text.Length + 1), "@.- A\u00e9"[random.Next(6)]);
            }

            return text.ToString();
        }

        private static string Draw(Random random, string alphabet, int length)
        {
            var text = new StringBuilder(length);
            for (var i = 0; i < length; i++)
            {
                text.Append(alphabet[random.Next(alphabet.Length)]);
            }

            return text.ToString();
        }
    }
}

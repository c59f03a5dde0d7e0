using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Aether.TitanHst.Tests.Sources
{
    /// <summary>
    /// The one copy of the UTF-8 rules (<see cref="Utf8Sequence"/>) against the strict decoder itself, over every byte
    /// sequence of one to four bytes drawn from the byte classes the rules tell apart: ASCII, each edge of the
    /// continuation ranges, C0/C1 (overlong), E0 (overlong), ED (surrogates), F0, F4 (above U+10FFFF), F5 and up.
    /// </summary>
    public class Utf8SequenceTests
    {
        private static readonly UTF8Encoding Strict = new(false, true);

        // Every edge of every range of table 3-7, and a byte on each side of it.
        private static readonly byte[] Classes =
        {
            0x00, 0x22, 0x41, 0x5C, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF,
            0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xF7, 0xF8, 0xFE, 0xFF,
        };

        [Fact]
        public void Whole_sequences_are_valid_exactly_when_the_strict_decoder_decodes_them()
        {
            var checkedCount = 0;
            foreach (var bytes in Sequences())
            {
                Assert.True(StrictlyValid(bytes) == Utf8Sequence.IsValid(bytes), BitConverter.ToString(bytes));
                checkedCount++;
            }

            Assert.Equal(Classes.Length + Pow(Classes.Length, 2) + Pow(Classes.Length, 3) + Pow(Classes.Length, 4), checkedCount);
        }

        [Fact]
        public void A_sequence_is_measured_as_the_strict_decoder_reads_it_and_a_cut_one_is_told_apart()
        {
            foreach (var bytes in Sequences())
            {
                var length = Utf8Sequence.LengthAt(bytes, 0);
                var what = BitConverter.ToString(bytes) + " gave " + length;
                if (length > 0)
                {
                    // The first `length` bytes decode to one character (two for a surrogate pair) and no fewer do.
                    Assert.True(StrictlyValid(bytes.AsSpan(0, length).ToArray()), what);
                    Assert.InRange(Strict.GetCharCount(bytes, 0, length), 1, 2);
                    Assert.True(length == 1 || !Enumerable.Range(1, length - 1).Any(k => StrictlyValid(bytes.AsSpan(0, k).ToArray())), what);
                }
                else if (length == Utf8Sequence.Truncated)
                {
                    // Cut short: the strict decoder waits for more (no error, nothing out) until it is told the end.
                    Assert.True(Pending(bytes), what);
                    Assert.False(StrictlyValid(bytes), what);
                }
                else
                {
                    Assert.Equal(0, length);
                    Assert.False(Pending(bytes), what);
                    Assert.False(Enumerable.Range(1, bytes.Length).Any(k => StrictlyValid(bytes.AsSpan(0, k).ToArray())), what);
                }
            }
        }

        [Theory]
        [InlineData(new byte[] { 0xC0, 0xAF }, false)] // overlong '/'
        [InlineData(new byte[] { 0xE0, 0x80, 0xAF }, false)] // overlong, three bytes
        [InlineData(new byte[] { 0xF0, 0x80, 0x80, 0xAF }, false)] // overlong, four bytes
        [InlineData(new byte[] { 0xED, 0xA0, 0x80 }, false)] // U+D800, a surrogate
        [InlineData(new byte[] { 0xED, 0xBF, 0xBF }, false)] // U+DFFF
        [InlineData(new byte[] { 0xF4, 0x90, 0x80, 0x80 }, false)] // U+110000
        [InlineData(new byte[] { 0xF5, 0x80, 0x80, 0x80 }, false)]
        [InlineData(new byte[] { 0xE2, 0x82 }, false)] // cut short
        [InlineData(new byte[] { 0x41, 0xE2, 0x82, 0xAC, 0x42 }, true)] // A€B
        [InlineData(new byte[] { 0xED, 0x9F, 0xBF }, true)] // U+D7FF
        [InlineData(new byte[] { 0xF4, 0x8F, 0xBF, 0xBF }, true)] // U+10FFFF
        public void The_classes_the_rules_exist_for(byte[] bytes, bool valid)
        {
            Assert.Equal(valid, Decodes(bytes));
            Assert.Equal(valid, Utf8Sequence.IsValid(bytes));
        }

        [Fact]
        public void A_sample_is_ascii_utf8_or_not_and_a_sequence_cut_by_its_end_says_nothing()
        {
            Assert.Equal(Utf8Sequence.Kind.Ascii, Utf8Sequence.Classify(Encoding.ASCII.GetBytes("Id,Name\n1,Ana\n")));
            Assert.Equal(Utf8Sequence.Kind.Utf8, Utf8Sequence.Classify(Encoding.UTF8.GetBytes("Id,Name\n1,Pe\u00f1a\n")));
            Assert.Equal(Utf8Sequence.Kind.NotUtf8, Utf8Sequence.Classify(Encoding.GetEncoding(28591).GetBytes("Id,Name\n1,Pe\u00f1a\n")));

            // The sample ends inside the euro sign: judged by what came before it.
            Assert.Equal(Utf8Sequence.Kind.Ascii, Utf8Sequence.Classify(new byte[] { 0x41, 0xE2, 0x82 }));
            Assert.Equal(Utf8Sequence.Kind.Utf8, Utf8Sequence.Classify(new byte[] { 0xC3, 0xB1, 0xE2, 0x82 }));

            // Cut or not, an ill-formed start is not UTF-8 (E0 80 is overlong whatever follows).
            Assert.Equal(Utf8Sequence.Kind.NotUtf8, Utf8Sequence.Classify(new byte[] { 0x41, 0xE0, 0x80 }));
            Assert.Equal(Utf8Sequence.Kind.NotUtf8, Utf8Sequence.Classify(new byte[] { 0xED, 0xA0, 0x80, 0x41 }));
        }

        private static IEnumerable<byte[]> Sequences()
        {
            for (var length = 1; length <= 4; length++)
            {
                var digits = new int[length];
                while (true)
                {
                    yield return digits.Select(d => Classes[d]).ToArray();
                    var k = length - 1;
                    while (k >= 0 && ++digits[k] == Classes.Length)
                    {
                        digits[k--] = 0;
                    }

                    if (k < 0)
                    {
                        break;
                    }
                }
            }
        }

        // The strict decoder's verdict on each sequence, asked once (an ill-formed one costs an exception): a
        // sequence's prefixes are sequences of the set too.
        private static readonly Lazy<Dictionary<long, bool>> Verdicts = new(() => Sequences().ToDictionary(Key, Decodes));

        private static long Key(byte[] bytes) => bytes.Aggregate((long)bytes.Length, (key, b) => (key << 8) | b);

        private static bool StrictlyValid(byte[] bytes) => Verdicts.Value[Key(bytes)];

        private static bool Decodes(byte[] bytes)
        {
            try
            {
                Strict.GetCharCount(bytes);
                return true;
            }
            catch (DecoderFallbackException)
            {
                return false;
            }
        }

        /// <summary>True when the strict decoder takes every byte without error or character, waiting for the rest.</summary>
        private static bool Pending(byte[] bytes)
        {
            try
            {
                return Strict.GetDecoder().GetCharCount(bytes, 0, bytes.Length, flush: false) == 0;
            }
            catch (DecoderFallbackException)
            {
                return false;
            }
        }

        private static int Pow(int value, int power) => Enumerable.Repeat(value, power).Aggregate(1, (a, b) => a * b);
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Aether.TitanHst.Normalization;

namespace Aether.TitanHst.Tests.Normalization
{
    /// <summary>The hand date reader must answer exactly as DateTime.TryParseExact does, for every text and format list.</summary>
    public class DateFormatsTests
    {
        private static readonly string[][] FormatLists =
        {
            new[] { "yyyy-MM-dd" },
            new[] { "M/d/yyyy", "MM/dd/yyyy" },
            new[] { "MM/dd/yyyy", "M/d/yyyy" },
            new[] { "d.M.yyyy" },
            new[] { "yyyyMMdd" },
            new[] { "dd-MM-yyyy", "yyyy-MM-dd" },
            new[] { "yyyy--MM/d" },
            // Formats the hand reader leaves to the framework, alone and before or after ones it reads.
            new[] { "yy-MM-dd" },
            new[] { "M/d/yy", "M/d/yyyy" },
            new[] { "yyyy-MM-dd", "dd MMM yyyy" },
            new[] { "yyyy-MM-ddTHH:mm", "yyyy-MM-dd" },
            new[] { "yyyyy-MM-dd" },
        };

        [Theory]
        [InlineData("2024-02-29")]
        [InlineData("2023-02-29")]
        [InlineData("0000-01-01")]
        [InlineData("0001-01-01")]
        [InlineData("9999-12-31")]
        [InlineData("2024-13-01")]
        [InlineData("2024-00-10")]
        [InlineData("2024-1-01")]
        [InlineData("20240-01-01")]
        [InlineData("2024-01-011")]
        [InlineData("1/5/2024")]
        [InlineData("01/05/2024")]
        [InlineData("12/31/1999")]
        [InlineData("123/1/2024")]
        [InlineData("1//2024")]
        [InlineData("1/5/24")]
        [InlineData("5.1.2024")]
        [InlineData("20240105")]
        [InlineData("2024--01/5")]
        [InlineData("")]
        [InlineData("-")]
        [InlineData(" 2024-01-05")]
        [InlineData("2024-01-05 ")]
        [InlineData("2024-01-05\0")]
        [InlineData("2024-01-05T10:00")]
        [InlineData("05 Jan 2024")]
        [InlineData("٢٠٢٤-01-05")]
        [InlineData("2024-01-05")]
        public void Agrees_with_the_framework_on_chosen_texts(string text)
        {
            foreach (var formats in FormatLists)
            {
                AssertAgrees(formats, text);
            }
        }

        [Fact]
        public void Agrees_with_the_framework_on_random_plain_texts()
        {
            // Digits and separators mostly, in date-like shapes, so that both answers are exercised.
            var random = new Random(20261130);
            const string alphabet = "0123456789-/.";
            var texts = new List<string>();
            for (var n = 0; n < 20000; n++)
            {
                var builder = new StringBuilder();
                if (n % 2 == 0)
                {
                    var year = random.Next(0, 10000).ToString(n % 4 == 0 ? "D4" : "D", CultureInfo.InvariantCulture);
                    var month = random.Next(0, 14).ToString(n % 3 == 0 ? "D2" : "D", CultureInfo.InvariantCulture);
                    var day = random.Next(0, 33).ToString(n % 5 == 0 ? "D2" : "D", CultureInfo.InvariantCulture);
                    var separator = "-/."[random.Next(3)];
                    builder.Append(n % 6 == 0 ? $"{month}{separator}{day}{separator}{year}" : $"{year}{separator}{month}{separator}{day}");
                }
                else
                {
                    var length = random.Next(0, 13);
                    for (var i = 0; i < length; i++)
                    {
                        builder.Append(alphabet[random.Next(alphabet.Length)]);
                    }
                }

                texts.Add(builder.ToString());
            }

            foreach (var text in texts)
            {
                foreach (var formats in FormatLists)
                {
                    AssertAgrees(formats, text);
                }
            }
        }

        [Fact]
        public void Null_text_is_not_a_date()
        {
            Assert.False(new DateFormats(new[] { "yyyy-MM-dd" }).TryParse(null, DateTimeStyles.None, out _));
        }

        private static void AssertAgrees(string[] formats, string text)
        {
            foreach (var styles in new[] { DateTimeStyles.None, DateTimeStyles.AllowWhiteSpaces })
            {
                var expected = DateTime.TryParseExact(text, formats, CultureInfo.InvariantCulture, styles, out var expectedDate);
                var actual = new DateFormats(formats).TryParse(text, styles, out var actualDate);
                Assert.True(expected == actual, $"'{text}' with {string.Join(", ", formats)} ({styles}): framework {expected}, hand reader {actual}");
                Assert.Equal(expectedDate, actualDate);
                Assert.Equal(expectedDate.Kind, actualDate.Kind);
            }
        }
    }
}

using System;
using System.Collections.Generic;
using Aether.TitanHst.Canonical;

namespace Aether.TitanHst.Tests.Canonical
{
    /// <summary>
    /// The column interner numbers each value once, in the order first met, and hands back the value's own text:
    /// whether the value repeats the row before's (answered without a probe), comes back later, or is new. A column
    /// of values that never repeat is still given up, and the look-ups counted the same way.
    /// </summary>
    public class ColumnInternerTests
    {
        [Theory]
        [InlineData(1)]
        [InlineData(20261202)]
        public void Each_value_has_one_number_and_reads_back_as_itself(int seed)
        {
            var random = new Random(seed);
            var interner = new ColumnInterner();
            var expected = new Dictionary<string, int>(StringComparer.Ordinal);
            var previous = "A";
            for (var n = 0; n < 50000; n++)
            {
                // Runs of the same value (a status, a flag), values that come back, values that differ only in case
                // or length from the one before, and new ones.
                var value = random.Next(6) switch
                {
                    < 3 => previous,
                    3 => string.Equals(previous.ToLowerInvariant(), previous, StringComparison.Ordinal) ? previous.ToUpperInvariant() : previous.ToLowerInvariant(),
                    4 => previous + "0",
                    _ => "V" + random.Next(0, 400),
                };
                if (value.Length > 8)
                {
                    value = "V" + random.Next(0, 400);
                }

                Assert.True(interner.TryGet(value.AsSpan(), out var entry));
                if (!expected.TryGetValue(value, out var number))
                {
                    number = expected.Count;
                    expected.Add(value, number);
                }

                Assert.Equal(number, entry);
                Assert.Equal(value, interner.EntryAt(entry));
                previous = value;
            }

            Assert.Equal(expected.Count, interner.Count);
            Assert.False(interner.Distinct);
        }

        [Fact]
        public void A_column_whose_values_never_repeat_is_given_up_after_its_early_trial()
        {
            var interner = new ColumnInterner();
            var n = 0;
            while (n < 100000 && interner.TryGet(("id" + n).AsSpan(), out _))
            {
                n++;
            }

            Assert.True(interner.Distinct);
            Assert.Equal(1023, n);
            Assert.False(interner.TryGet("id0".AsSpan(), out _));
        }

        [Fact]
        public void Blank_and_long_values_are_never_shared()
        {
            var interner = new ColumnInterner();
            Assert.False(interner.TryGet(ReadOnlySpan<char>.Empty, out _));
            Assert.False(interner.TryGet(new string('x', 65).AsSpan(), out _));
            Assert.True(interner.TryGet(new string('x', 64).AsSpan(), out var entry));
            Assert.True(interner.TryGet(new string('x', 64).AsSpan(), out var again));
            Assert.Equal(entry, again);
        }
    }
}

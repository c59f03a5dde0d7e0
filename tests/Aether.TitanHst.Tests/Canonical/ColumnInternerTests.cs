using System;
using System.Collections.Generic;
using Aether.TitanHst.Canonical;

namespace Aether.TitanHst.Tests.Canonical
{
    /// <summary>
    /// The column interner numbers each value once, in the order first met, and hands back the value's own text:
    /// whether the value repeats the row before's, comes back later, or is new; values whose hashes collide are told
    /// apart by length and characters. A column of values that never repeat is given up after its early trial.
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

        [Theory]
        // Two values whose hashes are the same (FNV-1a, 31 bits), the second a prefix of the first: the look-up must
        // compare lengths, not only characters from the entry's start.
        [InlineData("ab645e39", "ab")]
        // Two values of one length with the same hash: the look-up must compare the characters, not only the hash.
        [InlineData("f1hl4ys", "ga0oaqn")]
        public void Values_with_the_same_hash_are_told_apart(string first, string second)
        {
            var interner = new ColumnInterner();
            Assert.True(interner.TryGet(first.AsSpan(), out var firstEntry));
            Assert.True(interner.TryGet(second.AsSpan(), out var secondEntry));
            Assert.NotEqual(firstEntry, secondEntry);
            Assert.Equal(second, interner.EntryAt(secondEntry));

            // Both still found after the table grows (their slots are moved, their characters are not).
            for (var n = 0; n < 300; n++)
            {
                Assert.True(interner.TryGet(("v" + n).AsSpan(), out _));
            }

            Assert.True(interner.TryGet(first.AsSpan(), out var again));
            Assert.Equal(firstEntry, again);
            Assert.True(interner.TryGet(second.AsSpan(), out again));
            Assert.Equal(secondEntry, again);
        }

        [Fact]
        public void A_column_written_to_share_its_slots_is_given_up_not_walked()
        {
            // Values whose hashes agree in their low 16 bits land in one run of slots at every table size a few hundred
            // values reach, so without a limit each look-up walks every value before it.
            var crafted = new List<string>();
            for (var n = 0; crafted.Count < 300; n++)
            {
                var value = "x" + n;
                if ((Fnv1a(value) & 0xFFFF) == 0x1234)
                {
                    crafted.Add(value);
                }
            }

            var interner = new ColumnInterner();
            var numbered = new List<string>();
            foreach (var value in crafted)
            {
                if (!interner.TryGet(value.AsSpan(), out var entry))
                {
                    break;
                }

                Assert.Equal(numbered.Count, entry);
                numbered.Add(value);
            }

            // Given up at the probe limit (128), long before the 300, not as a column of distinct values.
            Assert.InRange(numbered.Count, 100, 140);
            Assert.False(interner.Distinct);
            Assert.False(interner.TryGet(numbered[0].AsSpan(), out _));
            Assert.False(interner.TryGet("new".AsSpan(), out _));
            for (var entry = 0; entry < numbered.Count; entry++)
            {
                Assert.Equal(numbered[entry], interner.EntryAt(entry));
            }
        }

        [Fact]
        public void An_honest_column_fills_its_table_without_reaching_the_probe_limit()
        {
            var random = new Random(20261202);
            var interner = new ColumnInterner();
            var values = new List<string>();
            for (var n = 0; n < 16384; n++)
            {
                var value = random.Next(1000000).ToString("D6") + "-" + n;
                values.Add(value);
                Assert.True(interner.TryGet(value.AsSpan(), out var entry));
                Assert.Equal(n, entry);

                // Every value comes back once, so the column is not given up as distinct either.
                Assert.True(interner.TryGet(values[random.Next(values.Count)].AsSpan(), out _));
            }

            Assert.Equal(16384, interner.Count);
            Assert.False(interner.TryGet("one more".AsSpan(), out _));
            Assert.True(interner.TryGet(values[0].AsSpan(), out var first));
            Assert.Equal(0, first);
        }

        // The interner's hash (FNV-1a over UTF-16 code units, sign bit cleared), written out again here.
        private static int Fnv1a(string value)
        {
            var hash = 2166136261u;
            foreach (var c in value)
            {
                hash = (hash ^ c) * 16777619u;
            }

            return (int)(hash & 0x7FFFFFFF);
        }
    }
}

using System;
using System.Collections.Generic;
using Aether.TitanHst.Canonical;

namespace Aether.TitanHst.Tests.Canonical
{
    /// <summary>
    /// The person index numbers each key once, in the order first met, whatever hint a row brings: the person of the
    /// row before (the usual case), the one after it, a wrong one, or none. Checked against a plain dictionary on
    /// keys that repeat in order, out of order and not at all, across the index's growth from its smallest size.
    /// </summary>
    public class PersonIndexTests
    {
        [Theory]
        [InlineData(1, true)]
        [InlineData(7, false)]
        [InlineData(20261202, true)]
        [InlineData(20261203, false)]
        public void Every_key_gets_the_number_a_dictionary_would_give_whatever_the_hint(int seed, bool share)
        {
            var random = new Random(seed);
            var people = new PersonIndex(1, 4);
            // Rows whose key is their key column's value (read back in place) and rows whose key was kept as a string.
            var rows = new SourceRowStore(0, 2, 64, 64, share);
            var expected = new Dictionary<string, int>(StringComparer.Ordinal);
            var previous = -1;
            for (var n = 0; n < 20000; n++)
            {
                // Mostly the next key of a shared order (as a second export lists the first's people), then the same
                // key again (several positions), a key met long ago, or a new one.
                var pick = random.Next(10);
                var key = pick switch
                {
                    < 5 => "E" + (expected.Count > 0 && previous >= 0 ? previous + 1 : 0),
                    < 7 when previous >= 0 => people.KeyOf(previous),
                    < 9 => "E" + random.Next(0, expected.Count + 1),
                    _ => "N" + n,
                };
                var hint = random.Next(4) switch
                {
                    0 => -1,
                    1 => expected.Count == 0 ? -1 : random.Next(expected.Count),
                    _ => previous,
                };

                var kept = random.Next(3) == 0;
                rows.Set(0, (kept ? " " + key : key).AsSpan());
                rows.Set(1, "x".AsSpan());
                var person = people.Add(rows[rows.AddRow(n + 2, key, kept ? -1 : 0)], hint);
                if (!expected.TryGetValue(key, out var number))
                {
                    number = expected.Count;
                    expected.Add(key, number);
                }

                Assert.Equal(number, person);
                previous = person;
            }

            Assert.Equal(expected.Count, people.Count);
            foreach (var pair in expected)
            {
                Assert.True(people.TryGetId(pair.Key, out var id));
                Assert.Equal(pair.Value, id);
                Assert.Equal(pair.Key, people.KeyOf(id));
            }

            Assert.False(people.TryGetId("absent", out _));
        }

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public void Keys_that_differ_only_in_case_or_length_are_different_people(bool share)
        {
            // Not shared, each key is read in place from the row's bytes (Latin-1 here); shared, from its one string.
            var people = new PersonIndex(1, 16);
            var rows = new SourceRowStore(0, 1, 64, 64, share);
            SourceRow Row(string key)
            {
                rows.Set(0, key.AsSpan());
                return rows[rows.AddRow(rows.Count + 2, key, 0)];
            }

            var a = people.Add(Row("A1"));
            Assert.NotEqual(a, people.Add(Row("a1"), a));
            Assert.NotEqual(a, people.Add(Row("A10"), a));
            Assert.NotEqual(a, people.Add(Row("A"), a));
            Assert.NotEqual(a, people.Add(Row("\u00c11"), a));
            Assert.Equal(a, people.Add(Row("A1"), a + 3));
            Assert.Equal(a, people.Add(Row("A1"), a));
            Assert.Equal(5, people.Count);
        }
    }
}

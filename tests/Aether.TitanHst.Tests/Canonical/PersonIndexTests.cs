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
        [InlineData(1)]
        [InlineData(7)]
        [InlineData(20261202)]
        public void Every_key_gets_the_number_a_dictionary_would_give_whatever_the_hint(int seed)
        {
            var random = new Random(seed);
            var people = new PersonIndex(1, 4);
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

                var person = people.Add(key, hint);
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

        [Fact]
        public void Keys_that_differ_only_in_case_or_length_are_different_people()
        {
            var people = new PersonIndex(1, 16);
            var a = people.Add("A1");
            Assert.NotEqual(a, people.Add("a1", a));
            Assert.NotEqual(a, people.Add("A10", a));
            Assert.NotEqual(a, people.Add("A", a));
            Assert.Equal(a, people.Add("A1", a + 2));
            Assert.Equal(4, people.Count);
        }
    }
}

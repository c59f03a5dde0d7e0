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

        [Theory]
        [InlineData(1, 1 << 16, true)]
        [InlineData(2, 64, true)]
        [InlineData(3, 1 << 16, false)]
        public void A_row_keyed_by_its_own_text_finds_the_person_its_key_string_would(int seed, int textChunkBytes, bool share)
        {
            // Rows as the reader keeps them: most keyed by their key column's text (no key string), some with a key
            // string the rules made from other text (" 0801 " for 801); keys repeated in order, out of order and new;
            // the key column's text shared, kept as bytes (Latin-1 or two bytes a character) or too long for a chunk.
            var random = new Random(seed);
            var store = new SourceRowStore(0, 3, 8, textChunkBytes, share);
            var expectedKeys = new List<string>();
            for (var r = 0; r < 6000; r++)
            {
                var n = random.Next(4) == 0 ? random.Next(0, r + 1) : r / 2;
                var key = (n % 11) switch
                {
                    0 => "Peña" + n,
                    1 => "東京" + n,
                    2 => new string('k', 70) + n,
                    _ => "E" + n,
                };
                var ownText = random.Next(5) != 0;
                store.Set(0, ("x" + r).AsSpan());
                store.Set(1, (ownText ? key : " 0" + key + " ").AsSpan());
                store.Set(2, "same".AsSpan());
                Assert.Equal(r, ownText ? store.AddRowKeyedByColumn(r + 2, 1, KeyHash.Of(key)) : store.AddRow(r + 2, key));
                expectedKeys.Add(key);
            }

            store.Complete();
            var people = new PersonIndex(1, 4);
            var byString = new PersonIndex(1, 4);
            var expected = new Dictionary<string, int>(StringComparer.Ordinal);
            var previous = -1;
            for (var r = 0; r < store.Count; r++)
            {
                var key = expectedKeys[r];
                Assert.Equal(key, store.KeyOf(r));
                Assert.Equal(KeyHash.Of(key), store.KeyHashOf(r));
                Assert.True(store.KeyEquals(r, key));
                Assert.False(store.KeyEquals(r, key + "x"));
                Assert.False(store.KeyEquals(r, key.Substring(1)));
                var hint = random.Next(3) == 0 ? random.Next(-1, Math.Max(expected.Count, 1)) : previous;
                var person = people.Add(store, r, hint);
                if (!expected.TryGetValue(key, out var number))
                {
                    number = expected.Count;
                    expected.Add(key, number);
                }

                Assert.Equal(number, person);
                Assert.Equal(number, byString.Add(key, hint));
                previous = person;
            }

            Assert.Equal(expected.Count, people.Count);
            foreach (var pair in expected)
            {
                Assert.True(people.TryGetId(pair.Key, out var id));
                Assert.Equal(pair.Value, id);
            }
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

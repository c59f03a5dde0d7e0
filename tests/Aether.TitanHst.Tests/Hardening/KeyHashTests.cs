using System;
using System.Linq;
using System.Runtime.InteropServices;

namespace Aether.TitanHst.Tests.Hardening
{
    /// <summary>
    /// The hash of join keys and externalIds in the module's own tables: the runtime's randomized one where there is
    /// one, SipHash-2-4 under a per-process key on the .NET Framework (Windows PowerShell 5.1), whose string hash is the
    /// same in every process and lets an export's author write keys that all share one hash.
    /// </summary>
    public class KeyHashTests
    {
        // The reference key of the SipHash paper (bytes 00..0f) and its outputs for the messages 00, 00 01, ...
        private const ulong K0 = 0x0706050403020100UL;
        private const ulong K1 = 0x0f0e0d0c0b0a0908UL;

        [Theory]
        [InlineData(0, 0x726fdb47dd0e0e31UL)]
        [InlineData(1, 0x74f839c593dc67fdUL)]
        [InlineData(2, 0x0d6c8009d9a94f5aUL)]
        [InlineData(3, 0x85676696d7fb7e2dUL)]
        [InlineData(8, 0x93f5f5799a932462UL)]
        [InlineData(15, 0xa129ca6149be45e5UL)]
        public void SipHash_gives_the_reference_outputs(int length, ulong expected)
        {
            var message = Enumerable.Range(0, length).Select(i => (byte)i).ToArray();
            Assert.Equal(expected, KeyHash.SipHash24(message, K0, K1));
        }

        [Fact]
        public void A_key_hashes_the_same_from_its_characters_as_from_its_string()
        {
            // The reader hashes a row's key from the export's characters and the person index a person's key string:
            // the two must agree, or a person met as a string and again as a row would be two people.
            Assert.True(KeyHash.HashesSpansInPlace);
            var random = new Random(20261203);
            var keys = new[] { string.Empty, "0", "801", "E1001", "Peña", "東京", "😀x" }
                .Concat(Enumerable.Range(0, 2000).Select(_ => new string(Enumerable.Range(0, random.Next(0, 40)).Select(_ => (char)random.Next(0x20, 0x3000)).ToArray())));
            foreach (var key in keys)
            {
                var inLonger = ("<<" + key + ">>").AsSpan(2, key.Length);
                Assert.Equal(KeyHash.Of(key), KeyHash.Of(key.AsSpan()));
                Assert.Equal(KeyHash.Of(key), KeyHash.Of(inLonger));
            }
        }

        [Fact]
        public void SipHash_depends_on_its_key()
        {
            var message = MemoryMarshal.AsBytes("123456".AsSpan()).ToArray();
            Assert.Equal(KeyHash.SipHash24(message, K0, K1), KeyHash.SipHash24(message, K0, K1));
            Assert.NotEqual(KeyHash.SipHash24(message, K0, K1), KeyHash.SipHash24(message, K0 ^ 1, K1));
            Assert.NotEqual(KeyHash.SipHash24(message, K0, K1), KeyHash.SipHash24(message, K0, K1 ^ (1UL << 63)));
        }

        [Theory]
        [InlineData(".NET Framework 4.8.9261.0", true)]
        [InlineData(".NET Framework 4.7.2", true)]
        [InlineData(".NET 10.0.0", false)]
        [InlineData(".NET Core 3.1.32", false)]
        public void The_keyed_hash_is_used_where_string_hashes_are_not_randomized(string runtime, bool keyed)
        {
            Assert.Equal(keyed, KeyHash.NeedsKeyedHash(runtime));
        }

        [Fact]
        public void On_this_runtime_equal_keys_hash_alike_and_the_hash_is_the_runtimes()
        {
            Assert.False(KeyHash.Keyed);
            var key = string.Concat("000", "123");
            Assert.Equal(KeyHash.Of("000123"), KeyHash.Of(key));
            Assert.Equal(StringComparer.Ordinal.GetHashCode("000123"), KeyHash.Of("000123"));
        }

        [Fact]
        public void The_comparer_for_sets_of_keys_is_ordinal_on_this_runtime()
        {
            Assert.Same(StringComparer.Ordinal, KeyHash.Comparer);
            var keys = new System.Collections.Generic.HashSet<string>(KeyHash.Comparer) { "E1001" };
            Assert.Contains("E1001", keys);
            Assert.DoesNotContain("e1001", keys);
        }
    }
}

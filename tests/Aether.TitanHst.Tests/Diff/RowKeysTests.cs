using System;
using System.Collections.Generic;
using System.Linq;
using Aether.TitanHst.Diff;
using Aether.TitanHst.Target;

namespace Aether.TitanHst.Tests.Diff
{
    /// <summary>
    /// TitanHST's rows by key answer every look-up as a plain dictionary of first rows would, whichever row the last
    /// look-up found: the next row is checked first, and it must not be taken for a key it only seems to hold (a
    /// duplicate of an earlier row, or a row whose externalId the key rules changed).
    /// </summary>
    public class RowKeysTests
    {
        [Theory]
        [InlineData(3)]
        [InlineData(20261202)]
        public void Look_ups_in_any_order_find_the_first_row_of_each_key(int seed)
        {
            var random = new Random(seed);
            var externalIds = new List<string>();
            for (var r = 0; r < 3000; r++)
            {
                externalIds.Add(random.Next(8) switch
                {
                    0 when r > 0 => externalIds[random.Next(r)],          // a duplicate of an earlier row
                    1 => " K" + r,                                        // a key the rules change (trimmed)
                    2 when r > 0 => " " + externalIds[random.Next(r)].Trim(), // trimmed, it is an earlier row's key
                    _ => "K" + r,
                });
            }

            var table = TargetTable.From(externalIds.Select((id, r) =>
                new TargetStaffRecord("stf_" + r, id, true, "\"1\"", 1, null, DateTimeOffset.UnixEpoch, new Dictionary<string, string?>())));
            var keys = new RowKeys(table);
            var expected = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var r = 0; r < externalIds.Count; r++)
            {
                var key = externalIds[r].Trim();
                var added = keys.TryAdd(key, externalIds[r], r, out var first);
                Assert.Equal(!expected.ContainsKey(key), added);
                if (!added)
                {
                    Assert.Equal(expected[key], first);
                }
                else
                {
                    expected.Add(key, r);
                }
            }

            // In table order (the hint right every time it can be), backwards, at random, and keys that are absent.
            var lookups = expected.Keys.ToList();
            lookups.AddRange(expected.Keys.Reverse());
            lookups.AddRange(Enumerable.Range(0, 5000).Select(_ => random.Next(3) == 0 ? "absent" + random.Next(100) : lookups[random.Next(expected.Count)]));
            foreach (var key in lookups)
            {
                Assert.Equal(expected.TryGetValue(key, out var row), keys.TryGet(key, out var found));
                Assert.Equal(expected.ContainsKey(key) ? row : -1, found);
            }
        }
    }
}

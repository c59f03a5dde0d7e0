using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Aether.TitanHst.Canonical;
using Aether.TitanHst.Contract;

namespace Aether.TitanHst.Tests.Canonical
{
    /// <summary>
    /// A builder remembers what a column's repeated values came to, by the value's number in the row store: a value
    /// met again reads as it did the first time, and a value that raised an issue raises it again for every person
    /// who has it (nothing wrong is remembered).
    /// </summary>
    public sealed class SharedValueMemoTests
    {
        [Fact]
        public void A_shared_value_is_remembered_a_value_kept_as_bytes_never_and_another_store_starts_over()
        {
            var store = new SourceRowStore(0, 2);
            store.Add(2, "1", new[] { "TCH01", "a" });
            store.Add(3, "2", new[] { "TCH01", "b" });
            store.Complete();
            var memo = new SharedValueMemo<string>();

            Assert.False(memo.TryGet(store[0], 0, out var entry, out _));
            Assert.True(entry >= 0);
            memo.Remember(entry, "TEACHER");
            Assert.True(memo.TryGet(store[1], 0, out var again, out var value));
            Assert.Equal(entry, again);
            Assert.Equal("TEACHER", value);

            var bytesOnly = new SourceRowStore(0, 2, SourceRowStore.ChunkRowsFor(2), share: false);
            bytesOnly.Add(2, "1", new[] { "TCH01", "a" });
            bytesOnly.Complete();
            Assert.False(memo.TryGet(bytesOnly[0], 0, out var none, out _));
            Assert.Equal(-1, none);
            memo.Remember(none, "ignored");
            Assert.False(memo.TryGet(bytesOnly[0], 0, out _, out _));

            // The same number in another store is another value: what the first store's value made is forgotten.
            var other = new SourceRowStore(0, 2);
            other.Add(2, "1", new[] { "ADM01", "a" });
            other.Complete();
            Assert.False(memo.TryGet(other[0], 0, out var otherEntry, out _));
            Assert.Equal(entry, otherEntry);
            Assert.False(memo.TryGet(store[0], 0, out _, out _));
        }

        [Fact]
        public void Every_person_with_a_repeated_bad_value_gets_their_own_issue_and_good_repeats_build_alike()
        {
            using var district = new TempDistrict("positions-district");
            var hr = new StringBuilder();
            var positions = new StringBuilder();
            for (var i = 0; i < 40; i++)
            {
                var id = 9000 + i;
                // A zero-width space in a repeated first name: stripped, with a warning, for each of the five people.
                var first = i >= 35 ? "Al\u200Bex" : "Alex";
                hr.Append($"{id},{first},Doe{i},p{id}@district.org,TCH01,A,2019-08-15\n");
                var (fte, jobClass, start) = (i / 10) switch
                {
                    0 => ("1.5", "TCH01", "2019-08-15"),
                    1 => ("0.5", "ZZZ99", "2019-08-15"),
                    2 => ("0.5", "TCH01", "2019-13-45"),
                    _ => ("0.5", "TCH01", "2019-08-15"),
                };
                positions.Append($"{id},{80000 + i},0202,{jobClass},{fte},Y,{start},\n");
            }

            File.AppendAllText(district.PathOf("exports/hr.csv"), hr.ToString(), new UTF8Encoding(false));
            File.AppendAllText(district.PathOf("exports/hr-positions.csv"), positions.ToString(), new UTF8Encoding(false));
            var contract = ContractLoader.Load(district.ContractPath);

            foreach (var alongside in new[] { false, true })
            {
                var items = new StaffExtractor(contract) { AsOf = new DateTime(2026, 11, 30), BuildAlongside = alongside, BuildBatchSize = 4 }.Extract().ToList();
                int IssuesFor(string id, int from, int to) => Enumerable.Range(from, to - from)
                    .Count(i => items.Any(item => item.Issue is { } issue && issue.ErrorId == id && issue.Key == (9000 + i).ToString()));

                Assert.Equal(10, IssuesFor(ExtractErrorIds.PositionFteInvalid, 0, 10));
                Assert.Equal(10, IssuesFor(ExtractErrorIds.CodeUnmapped, 10, 20));
                Assert.Equal(10, IssuesFor(ExtractErrorIds.PositionDateInvalid, 20, 30));
                Assert.Equal(0, IssuesFor(ExtractErrorIds.PositionFteInvalid, 10, 40));
                Assert.Equal(5, IssuesFor(ExtractErrorIds.TextCharactersRemoved, 30, 40));
                Assert.Equal(5, IssuesFor(ExtractErrorIds.TextCharactersRemoved, 35, 40));
                var built = items.Where(i => i.Record is { } r && int.Parse(r.ExternalId) >= 9030).Select(i => i.Record!).ToList();
                Assert.Equal(10, built.Count);
                Assert.All(built, r => Assert.Equal("JMS/TEACHER*@0.5", r["assignments"]));
                Assert.All(built, r => Assert.Equal("Alex", r["firstName"]));
                Assert.All(built, r => Assert.Equal("2019-08-15", r["hireDate"]));
            }
        }
    }
}

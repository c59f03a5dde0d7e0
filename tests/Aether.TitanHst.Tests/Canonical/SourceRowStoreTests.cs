using System;
using System.Linq;
using System.Threading.Tasks;
using Aether.TitanHst.Canonical;
using Aether.TitanHst.Contract;

namespace Aether.TitanHst.Tests.Canonical
{
    public class SourceRowStoreTests
    {
        [Theory]
        [InlineData(1, 1)]
        [InlineData(2, 3)]
        [InlineData(4, 3)]
        [InlineData(4, 37)]
        [InlineData(8, 64)]
        public void Every_row_reads_back_across_chunk_boundaries(int chunkRows, int rowCount)
        {
            const int columns = 3;
            var store = new SourceRowStore(2, columns, chunkRows);
            var scratch = new string[columns];
            for (var r = 0; r < rowCount; r++)
            {
                for (var c = 0; c < columns; c++)
                {
                    scratch[c] = $"r{r}c{c}";
                }

                Assert.Equal(r, store.Add(1000 + r, $"K{r}", scratch));
            }

            // The scratch array is the caller's: writing it again changes nothing held.
            Array.Fill(scratch, "overwritten");
            Assert.Equal(rowCount, store.Count);
            for (var r = 0; r < rowCount; r++)
            {
                var row = store[r];
                Assert.Equal(r, row.Index);
                Assert.Equal(2, row.SourceIndex);
                Assert.Equal(1000 + r, row.Line);
                Assert.Equal($"K{r}", row.Key);
                for (var c = 0; c < columns; c++)
                {
                    Assert.Equal($"r{r}c{c}", row[c]);
                }
            }
        }

        [Fact]
        public void Null_and_empty_values_read_as_blank_and_white_space_is_kept()
        {
            var store = new SourceRowStore(0, 4, 2);
            store.Add(2, "A", new[] { null, string.Empty, "  ", "x" });
            store.Add(3, "B", new[] { "y", null, null, null });
            store.Add(4, "C", new string?[4]);

            Assert.Equal(new[] { string.Empty, string.Empty, "  ", "x" }, Values(store[0]));
            Assert.Equal(new[] { "y", string.Empty, string.Empty, string.Empty }, Values(store[1]));
            Assert.Equal(new[] { string.Empty, string.Empty, string.Empty, string.Empty }, Values(store[2]));
        }

        [Fact]
        public void Many_columns_each_keep_their_own_value()
        {
            const int columns = 300;
            var store = new SourceRowStore(1, columns, 4);
            var scratch = new string[columns];
            for (var r = 0; r < 10; r++)
            {
                for (var c = 0; c < columns; c++)
                {
                    scratch[c] = (r * columns + c).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                store.Add(r + 2, "K" + r, scratch);
            }

            for (var r = 0; r < 10; r++)
            {
                Assert.Equal(Enumerable.Range(r * columns, columns).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), Values(store[r]));
            }
        }

        [Fact]
        public void A_store_without_columns_still_holds_lines_and_keys()
        {
            var store = new SourceRowStore(0, 0, 2);
            for (var r = 0; r < 5; r++)
            {
                store.Add(r + 2, "K" + r, Array.Empty<string>());
            }

            Assert.Equal(new[] { 2, 3, 4, 5, 6 }, Enumerable.Range(0, 5).Select(r => store[r].Line));
            Assert.Equal("K4", store[4].Key);
        }

        [Theory]
        [InlineData(16, false)]
        [InlineData(64, false)]
        [InlineData(64, true)]
        [InlineData(1 << 16, false)]
        [InlineData(1 << 16, true)]
        public void Values_kept_as_bytes_read_back_as_the_same_text_beside_shared_ones(int textChunkBytes, bool share)
        {
            // Lengths across the one-byte length limit (127) and the interner's 64, Latin-1 and other characters,
            // values too long for a small text chunk, rows across row chunks; shared or all kept as bytes.
            const int columns = 5;
            var store = new SourceRowStore(0, columns, 4, textChunkBytes, share);
            var expected = new string[40][];
            for (var r = 0; r < expected.Length; r++)
            {
                expected[r] = new string[columns];
                for (var c = 0; c < columns; c++)
                {
                    var text = ((r + c) % 7) switch
                    {
                        0 => string.Empty,
                        1 => "Gutiérrez ñ ÿ",
                        2 => "Łódź 東京 😀",
                        3 => new string('x', 127),
                        4 => new string('y', 128) + r,
                        5 => new string('z', 300 + r),
                        _ => $"id{r}-{c}",
                    };
                    expected[r][c] = text;
                    store.Set(c, text.AsSpan());
                }

                Assert.Equal(r, store.AddRow(r + 2, "K" + r));
            }

            store.Complete();
            if (!share || textChunkBytes > 1024)
            {
                // Shared, only the values past the interner's 64 characters are bytes, and those fit a large chunk only.
                Assert.True(store.TextValues > 0);
            }

            for (var r = 0; r < expected.Length; r++)
            {
                Assert.Equal(expected[r], Values(store[r]));
                Assert.Equal(r + 2, store[r].Line);
                Assert.Equal("K" + r, store[r].Key);
            }

            // Read out of order too: a value's place comes from its row alone.
            Assert.Equal(expected[17][3], store[17][3]);
            Assert.Equal(expected[2][4], store[2][4]);
        }

        [Fact]
        public void A_column_whose_values_stop_repeating_is_shared_first_and_kept_as_bytes_after()
        {
            // The interner gives a column up after thousands of look-ups that rarely hit: both kinds of cell in one column.
            const int rows = 6000;
            var store = new SourceRowStore(0, 2, SourceRowStore.ChunkRowsFor(2));
            for (var r = 0; r < rows; r++)
            {
                store.Set(0, ("person" + r + "@district.org").AsSpan());
                store.Set(1, (r % 3 == 0 ? "A" : "T").AsSpan());
                store.AddRow(r + 2, "K" + r);
            }

            store.Complete();
            Assert.InRange(store.TextValues, 1, rows - 1);
            for (var r = 0; r < rows; r++)
            {
                Assert.Equal("person" + r + "@district.org", store[r][0]);
                Assert.Equal(r % 3 == 0 ? "A" : "T", store[r][1]);
            }

            // A repeated value is one string, however many rows have it.
            Assert.Same(store[1][1], store[5000][1]);
        }

        [Theory]
        [InlineData(0, 1023, true)]
        [InlineData(500, 4095, true)]
        [InlineData(8, 6000, false)]
        public void A_column_without_repeats_is_given_up_early_one_that_repeats_rarely_only_after_the_full_trial(int repeatEvery, int sharedRows, bool distinct)
        {
            // Ids, e-mail and phones never repeat: given up at the 1024th look-up. A value repeating once in five hundred
            // rows keeps the column looked up for the whole trial (given up at the 4096th, below one hit in sixteen);
            // one in eight is shared throughout. A column given up is distinct: its rules' outcomes are not memoized.
            const int rows = 6000;
            var store = new SourceRowStore(0, 2, SourceRowStore.ChunkRowsFor(2));
            var texts = new string[rows];
            for (var r = 0; r < rows; r++)
            {
                texts[r] = repeatEvery > 0 && r % repeatEvery == repeatEvery - 1 ? "again" : "person" + r + "@district.org";
                store.Set(0, texts[r].AsSpan());
                store.Set(1, (r % 3 == 0 ? "A" : "T").AsSpan());
                store.AddRow(r + 2, "K" + r);
            }

            Assert.Equal(distinct, store.IsDistinct(0));
            store.Complete();
            Assert.Equal(distinct, store.IsDistinct(0));
            Assert.False(store.IsDistinct(1));
            Assert.Equal(2, store.SharedCount(1));
            Assert.Equal(texts.Take(sharedRows).Distinct().Count(), store.SharedCount(0));
            for (var r = 0; r < rows; r++)
            {
                Assert.Equal(texts[r], store[r][0]);
                Assert.Equal(r < sharedRows, store.SharedEntryOf(r, 0) >= 0);
            }
        }

        [Fact]
        public void Every_Latin1_character_is_kept_as_one_byte_and_every_other_as_two_both_reading_back_as_themselves()
        {
            // NUL, the C1 controls (0x80-0x9F, where Windows-1252 differs), the non-breaking space and ÿ; past Latin-1,
            // a lone surrogate too (kept as the code units, not repaired).
            var every = new string(Enumerable.Range(0, 256).Select(c => (char)c).ToArray());
            var store = new SourceRowStore(0, 3, 2, share: false);
            store.Set(0, every.AsSpan());
            store.Set(1, "\u0100".AsSpan());
            store.Set(2, "a\uD800b".AsSpan());
            store.AddRow(2, "K");

            Assert.Equal(3, store.TextValues);
            Assert.Equal(every, store[0][0]);
            Assert.Equal("\u0100", store[0][1]);
            Assert.Equal("a\uD800b", store[0][2]);
        }

        [Theory]
        [InlineData(false, 1 << 16)]
        [InlineData(true, 1 << 16)]
        [InlineData(false, 16)]
        public void A_value_is_blank_when_trimming_leaves_nothing_whether_kept_as_bytes_shared_or_long(bool share, int textChunkBytes)
        {
            // Latin-1 and two-byte white space, values before it kept as bytes (so its place is found past them), and
            // with 16-byte text chunks, values too long for a chunk (held as strings on the side).
            var values = new[] { "x", "  ", "\t\u00A0", "\u3000\u2003", " a ", "\u3000b", "Łódź", string.Empty, new string(' ', 40), new string(' ', 39) + "z" };
            var store = new SourceRowStore(0, values.Length, 2, textChunkBytes, share);
            for (var r = 0; r < 3; r++)
            {
                for (var c = 0; c < values.Length; c++)
                {
                    store.Set(c, values[c].AsSpan());
                }

                store.AddRow(r + 2, "K" + r);
            }

            store.Complete();
            for (var r = 0; r < 3; r++)
            {
                for (var c = 0; c < values.Length; c++)
                {
                    Assert.Equal(values[c].Trim().Length == 0, store[r].IsBlank(c));
                    Assert.Equal(values[c], store[r][c]);
                }
            }

            Assert.Throws<ArgumentOutOfRangeException>(() => store.IsBlank(0, values.Length));
        }

        [Fact]
        public void A_column_not_set_for_a_row_reads_blank_not_the_previous_rows_value()
        {
            var store = new SourceRowStore(0, 3, 2, share: false);
            store.Set(0, "first".AsSpan());
            store.Set(1, "second".AsSpan());
            store.Set(2, "third".AsSpan());
            store.AddRow(2, "A");
            store.Set(1, "only".AsSpan());
            store.AddRow(3, "B");
            store.AddRow(4, "C");

            Assert.Equal(new[] { "first", "second", "third" }, Values(store[0]));
            Assert.Equal(new[] { string.Empty, "only", string.Empty }, Values(store[1]));
            Assert.Equal(new[] { string.Empty, string.Empty, string.Empty }, Values(store[2]));
        }

        [Fact]
        public void A_chunk_is_dropped_once_every_person_with_a_row_in_it_is_released_and_only_then()
        {
            // Two rows per chunk: P0 rows 0 and 3 (several rows, as in a position source), P1 row 1, P2 row 2, P3 row 4.
            var store = new SourceRowStore(0, 1, 2, 16, share: false);
            var keys = new[] { "P0", "P1", "P2", "P0", "P3" };
            for (var r = 0; r < keys.Length; r++)
            {
                store.Set(0, ("value" + r).AsSpan());
                store.AddRow(r + 2, keys[r]);
            }

            var people = new PersonIndex(1, 4);
            people.SetRows(0, store, letGo: true);
            for (var r = 0; r < keys.Length; r++)
            {
                var person = people.Add(keys[r]);
                if (people.First(0, person) is null)
                {
                    people.SetFirst(0, person, store[r]);
                }
                else
                {
                    people.AddSeveral(0, person, store[r]);
                }
            }

            Assert.Equal(3, store.ChunksHeld);
            people.Release(1);
            people.Release(1); // a person met in two sources is released twice: the second finds nothing
            Assert.Equal(3, store.ChunksHeld);
            Assert.Equal("value0", store[0][0]);
            people.Release(0); // rows 0 and 3: chunk 0 is now unheld, chunk 1 still has P2's row
            Assert.Equal(2, store.ChunksHeld);
            Assert.Equal("value2", store[2][0]);
            Assert.Equal("value4", store[4][0]);
            people.Release(2);
            Assert.Equal(1, store.ChunksHeld);
            Assert.Equal("value4", store[4][0]);
            Assert.Equal(6, store[4].Line);
            people.Release(3);
            Assert.Equal(0, store.ChunksHeld);
        }

        [Fact]
        public void A_read_shared_by_two_extractions_is_never_let_go_of()
        {
            var store = new SourceRowStore(0, 1, 2);
            store.Add(2, "P0", new[] { "a" });
            var first = new PersonIndex(1, 4);
            first.SetRows(0, store, letGo: false);
            first.SetFirst(0, first.Add("P0"), store[0]);
            first.Release(0);
            Assert.Equal(1, store.ChunksHeld);
            Assert.Equal("a", store[0][0]);

            // Only one extraction may own a read's holds.
            store.TrackHolds();
            Assert.Throws<InvalidOperationException>(() => store.TrackHolds());
        }

        [Fact]
        public void Misuse_is_refused_rather_than_read_as_another_row()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new SourceRowStore(0, 3, 3));
            Assert.Throws<ArgumentOutOfRangeException>(() => new SourceRowStore(0, 3, 0));
            Assert.Throws<ArgumentOutOfRangeException>(() => new SourceRowStore(0, 3, 4, 8));
            Assert.Throws<ArgumentOutOfRangeException>(() => new SourceRowStore(0, 3, 4, 100));
            var store = new SourceRowStore(0, 3, 4);
            Assert.Throws<ArgumentException>(() => store.Add(2, "A", new[] { "a", "b" }));
            store.Add(2, "A", new[] { "a", "b", "c" });
            Assert.Throws<ArgumentOutOfRangeException>(() => store[1]);
            Assert.Throws<ArgumentOutOfRangeException>(() => store[-1]);
            Assert.Throws<ArgumentOutOfRangeException>(() => store[0][3]);
            Assert.Throws<ArgumentOutOfRangeException>(() => store[0][-1]);
            store.Set(1, "b".AsSpan());
            Assert.Throws<ArgumentOutOfRangeException>(() => store.Set(0, "a".AsSpan()));
            Assert.Throws<ArgumentOutOfRangeException>(() => store.Set(1, "b".AsSpan()));
            Assert.Throws<ArgumentOutOfRangeException>(() => store.Set(3, "d".AsSpan()));
        }

        [Fact]
        public void A_finished_store_reads_alike_from_two_threads()
        {
            var store = new SourceRowStore(0, 2, 16);
            for (var r = 0; r < 5000; r++)
            {
                store.Add(r + 2, "K" + r, new[] { "a" + r, "b" + r });
            }

            var sums = new long[2];
            Parallel.For(0, 2, t =>
            {
                long sum = 0;
                for (var r = 0; r < store.Count; r++)
                {
                    var row = store[r];
                    Assert.Equal("K" + r, row.Key);
                    Assert.Equal("b" + r, row[1]);
                    sum += row.Line;
                }

                sums[t] = sum;
            });
            Assert.Equal(Enumerable.Range(2, 5000).Sum(i => (long)i), sums[0]);
            Assert.Equal(sums[0], sums[1]);
        }

        [Fact]
        public void The_reader_holds_keyed_rows_in_file_order_and_places_each_row_problem_among_them()
        {
            using var d = new TempDistrict();
            var contract = ContractLoader.Load(d.ContractPath);
            var aeries = contract.Sources.Select((s, i) => (s, i)).Single(p => p.s.Name == "aeries").i;

            var read = SourceRowReader.Read(contract, aeries);

            var rows = read.Rows;
            Assert.Equal(aeries, rows.SourceIndex);
            Assert.Equal(new[] { 2, 5, 6, 7 }, Enumerable.Range(0, rows.Count).Select(r => rows[r].Line));
            Assert.Equal(new[] { "123", "800", "801", "999" }, Enumerable.Range(0, rows.Count).Select(r => rows[r].Key));
            // The values are as read (the key column's raw text included); the key is the normalized one.
            Assert.Equal(new[] { "10", "Ana", "Peña", "Ana.Pena@District.ORG", " 000123 ", "1", "8/15/2019", "Teacher  of   Math" }, Values(rows[0]));
            Assert.Equal(string.Empty, rows[2][3]);
            var (before, issue) = Assert.Single(read.Issues);
            Assert.Equal(1, before);
            Assert.Equal(ExtractErrorIds.JoinKeyBlank, issue.ErrorId);
            Assert.Equal(4, issue.Line);
            Assert.Equal(5, read.RowCount);
            // A few rows: every column still shares its values (the interner gives up only after thousands).
            Assert.Equal(0, rows.TextValues);
        }

        private static string[] Values(SourceRow row) => Enumerable.Range(0, row.ColumnCount).Select(c => row[c]).ToArray();
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using Aether.TitanHst.Errors;
using Aether.TitanHst.Target;

namespace Aether.TitanHst.Tests.Client;

/// <summary>
/// The diff's compact form of TitanHST's records: every value a record can hold comes back from a row exactly as it
/// went in, across chunk boundaries (tiny chunks here), and a snapshot read into a table gives the records, in
/// order, that reading it as records gives.
/// </summary>
public sealed class TargetTableTests : IDisposable
{
    private const string Header = "{\"kind\":\"titanhst-target-snapshot\",\"format\":1,\"takenAt\":\"2026-11-30T09:29:00.569Z\",\"baseUri\":\"seed:x\",\"scope\":\"all\"}";

    // Every kind of text a field can hold: null, empty, blank, ASCII, accents, other scripts, a surrogate pair, an
    // unpaired surrogate (held as a string: UTF-8 cannot carry it), raw JSON numbers and booleans kept as text,
    // escapes as text, and text longer than a 64-byte text chunk.
    private static readonly string?[] Values =
    {
        null, string.Empty, " ", "Ana", "Peña", "Gutiérrez", "山田 太郎", "Ωmega", "emoji \U0001F600 here", "bad \uD800 half", "\uDC00",
        "42", "-1.5e3", "true", "false", "null", "{\"a\":1}", "quote \" and \\ back", "tab\tline\nend",
        "a text that is longer than one of the tiny text chunks the tests use, and then some more",
    };

    private static readonly System.Text.Json.JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly string _folder = Directory.CreateTempSubdirectory("titanhst-table-").FullName;

    public void Dispose() => Directory.Delete(_folder, true);

    [Fact]
    public void Every_kind_of_value_comes_back_from_a_row_across_chunk_boundaries()
    {
        // 2 rows per chunk, 8 cells per chunk (a row of 3 fields takes 6), 64 text bytes per chunk (a row's text
        // goes in one run; a longer row holds its text as strings): nearly every row starts a chunk.
        var table = new TargetTable(1, 3, 64);
        var records = SampleRecords().ToList();
        var rows = records.Select(table.Add).ToList();

        Assert.Equal(Enumerable.Range(0, records.Count), rows);
        Assert.Equal(records.Count, table.Count);
        for (var i = 0; i < records.Count; i++)
        {
            AssertSame(records[i], table.Record(i));
        }

        Assert.Equal(records.Select(Describe), table.Select(Describe));
    }

    [Fact]
    public void The_same_names_in_the_same_order_share_one_layout()
    {
        var table = new TargetTable(1, 3, 64);
        foreach (var record in SampleRecords())
        {
            table.Add(record);
        }

        // SampleRecords has three field shapes: (a, b, c), (c, a) and none.
        Assert.Equal(3, table.LayoutCount);
    }

    [Fact]
    public void A_record_wider_than_a_chunk_of_cells_is_kept_whole()
    {
        var table = new TargetTable(1, 3, 64);
        var fields = Enumerable.Range(0, 9).ToDictionary(i => "f" + i, i => (string?)("v" + i), StringComparer.Ordinal);
        var wide = new TargetStaffRecord("stf_w", "w1", true, "\"1\"", 3, null, DateTimeOffset.UnixEpoch, fields);

        var row = table.Add(wide);
        table.Add(Record("stf_n", "n1", new[] { "a" }, new[] { "x" }));

        Assert.Same(wide, table.Record(row));
        Assert.Equal("x", table.Record(1)["a"]);
        var selection = new TargetFieldSelection(table, new[] { "f8", "missing" });
        Assert.Equal("v8", selection.Value(row, 0));
        Assert.True(selection.Same(row, 0, "v8"));
        Assert.Null(selection.Value(row, 1));
        Assert.True(selection.Same(row, 1, string.Empty));
    }

    [Fact]
    public void A_selection_compares_as_the_diff_compares_blank_absent_and_ordinal()
    {
        var table = new TargetTable(1, 4, 256);
        table.Add(Record("stf_1", "1", new[] { "empty", "none", "name", "long", "odd" },
            new[] { string.Empty, null, "Peña", new string('x', 40), "bad \uD800 half" }));
        var selection = new TargetFieldSelection(table, new[] { "empty", "none", "name", "absent", "long", "odd" });

        Assert.True(selection.Same(0, 0, null));
        Assert.True(selection.Same(0, 0, string.Empty));
        Assert.False(selection.Same(0, 0, " "));
        Assert.True(selection.Same(0, 1, string.Empty));
        Assert.True(selection.Same(0, 2, "Peña"));
        Assert.False(selection.Same(0, 2, "Pena"));
        Assert.False(selection.Same(0, 2, "peña"));
        Assert.False(selection.Same(0, 2, "Peñaa"));
        Assert.False(selection.Same(0, 2, null));
        Assert.True(selection.Same(0, 3, null));
        Assert.False(selection.Same(0, 3, "x"));
        Assert.True(selection.Same(0, 4, new string('x', 40)));
        Assert.False(selection.Same(0, 4, new string('x', 39)));
        Assert.True(selection.Same(0, 5, "bad \uD800 half"));
        Assert.Equal("Peña", selection.Value(0, 2));
        Assert.Equal(string.Empty, selection.Value(0, 0));
        Assert.Null(selection.Value(0, 1));
        Assert.Null(selection.Value(0, 3));
    }

    [Fact]
    public void An_opened_row_compares_every_field_as_the_field_by_field_compare_across_chunk_boundaries()
    {
        // Tiny chunks (nearly every row starts one; a long row holds its text as strings), three field shapes, a row
        // kept whole (local offset): every selected field of every row against every value, both ways the same.
        var table = new TargetTable(1, 3, 64);
        foreach (var record in SampleRecords())
        {
            table.Add(record);
        }

        var selection = new TargetFieldSelection(table, new[] { "c", "absent", "a", "b" });
        var candidates = Values.Concat(new[] { "TEACHER", "ext-Ana", "Pe\u00f1a" }).ToList();
        var opened = 0;
        for (var row = 0; row < table.Count; row++)
        {
            if (!selection.Open(row))
            {
                Assert.Null(table.LayoutOf(row));
                continue;
            }

            opened++;
            for (var field = 0; field < selection.Count; field++)
            {
                foreach (var value in candidates)
                {
                    Assert.True(selection.Same(row, field, value) == selection.SameInOpen(field, value), $"row {row}, field {field}, value {Text(value)}");
                }

                // The held value itself always matches: a wrong start in the row's run would fail here.
                Assert.True(selection.SameInOpen(field, selection.Value(row, field)), $"row {row}, field {field}");
            }
        }

        Assert.Equal(table.Count - 1, opened);
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain")]
    [InlineData("Peña")]
    [InlineData("山田")]
    [InlineData("\U0001F600")]
    [InlineData("a\U0001F600b")]
    public void Utf8_text_equals_exactly_its_own_string(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);

        Assert.True(TargetTexts.Utf8Equals(bytes, text));
        Assert.False(TargetTexts.Utf8Equals(bytes, text + "x"));
        if (text.Length > 0)
        {
            Assert.False(TargetTexts.Utf8Equals(bytes, text.Substring(0, text.Length - 1)));
            Assert.False(TargetTexts.Utf8Equals(bytes, string.Concat("x", text.AsSpan(1))));
        }
    }

    [Fact]
    public void A_snapshot_read_into_a_table_gives_the_records_its_record_read_gives()
    {
        var path = Write(FileRecords().Select(Line).ToArray());

        using var asRecords = TargetSnapshotReader.Open(path);
        var expected = asRecords.ReadRecords().ToList();
        using var asTable = TargetSnapshotReader.Open(path);
        var table = TargetTable.From(asTable.ReadRecords());

        Assert.Equal(expected.Count, table.Count);
        Assert.Equal(expected.Select(Describe), table.Select(Describe));
    }

    [Fact]
    public void The_table_parser_keeps_every_line_the_record_parser_keeps_and_refuses_every_other_across_chunk_boundaries()
    {
        var lines = SampleRecords().Select(Line).Concat(new[]
        {
            // Escaped names and values, a repeated field name, unknown members: some go to the document path.
            "{\"\\u0069d\":\"stf_e\",\"active\":false,\"version\":1,\"etag\":\"e\",\"updatedAt\":\"2026-11-30T00:00:00Z\"}",
            "{\"id\":\"stf_\\u00e9\",\"externalId\":\"\\u0031\",\"active\":true,\"version\":1,\"etag\":\"\\\"x\\\"\",\"updatedAt\":\"2026-11-30T00:00:00Z\",\"fields\":{\"a\":\"Pe\\u00f1a\",\"b\":\"\\ud83d\\ude00\"}}",
            "{\"id\":\"stf_d\",\"active\":true,\"version\":1,\"etag\":\"e\",\"updatedAt\":\"2026-11-30T00:00:00Z\",\"fields\":{\"a\":\"1\",\"b\":\"2\",\"a\":\"3\"}}",
            "{\"id\":\"stf_u\",\"extra\":{\"deep\":[1,{\"x\":null}]},\"active\":true,\"version\":1,\"etag\":\"e\",\"updatedAt\":\"2026-11-30T00:00:00Z\"}",
            // Refused: empty id, lone surrogate escape, non-string field, missing etag, bad time, trailing text, the end line.
            "{\"id\":\"\",\"active\":true,\"version\":1,\"etag\":\"e\",\"updatedAt\":\"2026-11-30T00:00:00Z\"}",
            "{\"id\":\"stf_s\",\"externalId\":\"\\ud800\",\"active\":true,\"version\":1,\"etag\":\"e\",\"updatedAt\":\"2026-11-30T00:00:00Z\"}",
            "{\"id\":\"stf_n\",\"active\":true,\"version\":1,\"etag\":\"e\",\"updatedAt\":\"2026-11-30T00:00:00Z\",\"fields\":{\"a\":1}}",
            "{\"id\":\"stf_m\",\"active\":true,\"version\":1,\"updatedAt\":\"2026-11-30T00:00:00Z\"}",
            "{\"id\":\"stf_t\",\"active\":true,\"version\":1,\"etag\":\"e\",\"updatedAt\":\"yesterday\"}",
            "{\"id\":\"stf_x\",\"active\":true,\"version\":1,\"etag\":\"e\",\"updatedAt\":\"2026-11-30T00:00:00Z\"} x",
            "{\"kind\":\"end\",\"count\":1}",
        }).ToList();
        var records = new SnapshotRecordParser();
        var table = new TargetTable(1, 3, 64);
        var rows = new SnapshotRecordParser(table);

        foreach (var line in lines)
        {
            var bytes = Encoding.UTF8.GetBytes(line);
            var record = records.TryRead(bytes);
            var before = table.Count;

            Assert.Equal(record is not null, rows.TryAppend(bytes));
            Assert.Equal(record is null ? before : before + 1, table.Count);
            if (record is not null)
            {
                Assert.Equal(Describe(record), Describe(table.Record(table.Count - 1)));
            }
        }

        Assert.True(table.Count > SampleRecords().Count());
    }

    [Fact]
    public void Field_names_are_read_by_their_bytes_at_each_place_whatever_the_line_before_had_there()
    {
        // The parsers keep the name last read at each place and compare the next line's bytes with it: names that
        // swap places, a name escaped at a place that held it plain (same text, other bytes), a name that differs
        // from the last one by a byte, fewer and more fields, repeated values in a column (the value pools), all as
        // JSON itself reads them.
        var fields = new[]
        {
            "{\"a\":\"1\",\"b\":\"TEACHER\"}",
            "{\"b\":\"TEACHER\",\"a\":\"1\"}",
            "{\"\\u0061\":\"TEACHER\",\"b\":\"1\"}",
            "{\"a\":\"TEACHER\",\"b\\u0062\":\"8\"}",
            "{\"a\":\"TEACHER\",\"bc\":\"8\"}",
            "{\"a\":\"TEACHES\"}",
            "{\"a\":\"x\",\"b\":null,\"\u00e9t\u00e9\":\"z\"}",
            "{\"a\":\"x\",\"b\":\"\",\"\\u00e9t\\u00e9\":\"z\"}",
            "{}",
            "{\"a\":\"1\",\"b\":\"TEACHER\"}",
        };
        var lines = fields.Select((f, i) => $"{{\"id\":\"stf_{i}\",\"active\":true,\"version\":1,\"etag\":\"e\",\"updatedAt\":\"2026-11-30T00:00:00Z\",\"fields\":{f}}}").ToList();
        var records = new SnapshotRecordParser();
        var table = new TargetTable(1, 3, 64);
        var rows = new SnapshotRecordParser(table);

        for (var i = 0; i < lines.Count; i++)
        {
            var bytes = Encoding.UTF8.GetBytes(lines[i]);
            using var document = System.Text.Json.JsonDocument.Parse(bytes);
            var expected = document.RootElement.GetProperty("fields").EnumerateObject().Select(p => p.Name + "=" + Text(p.Value.GetString())).ToList();

            var record = records.TryRead(bytes);
            Assert.True(rows.TryAppend(bytes), lines[i]);
            Assert.NotNull(record);
            Assert.Equal(expected, record!.Fields.Select(f => f.Key + "=" + Text(f.Value)));
            Assert.Equal(expected, table.Record(table.Count - 1).Fields.Select(f => f.Key + "=" + Text(f.Value)));
        }
    }

    [Fact]
    public void A_snapshot_problem_read_into_a_table_is_the_error_the_record_read_gives()
    {
        var good = FileRecords().Select(Line).ToArray();
        var path = Write(good.Take(2).Concat(new[] { "{\"id\":\"stf_1\",\"active\":\"yes\",\"version\":1,\"etag\":\"e\",\"updatedAt\":\"2026-11-30T00:00:00Z\"}" }).ToArray());

        using var reader = TargetSnapshotReader.Open(path);
        var e = Assert.Throws<InputFileException>(() => TargetTable.From(reader.ReadRecords()));

        Assert.Equal(InputErrorIds.SnapshotRecordInvalid, e.ErrorId);
        Assert.Equal(4, e.Line);
        Assert.Equal("active", e.Field);

        var truncated = Path.Combine(_folder, "truncated.jsonl");
        File.WriteAllLines(truncated, File.ReadAllLines(Write(good)).SkipLast(1));
        using var cut = TargetSnapshotReader.Open(truncated);
        Assert.Equal(InputErrorIds.SnapshotTruncated, Assert.Throws<InputFileException>(() => TargetTable.From(cut.ReadRecords())).ErrorId);
    }

    [Fact]
    public void A_snapshot_reads_once_whether_as_records_or_as_a_table()
    {
        using var reader = TargetSnapshotReader.Open(Write(Line(SampleRecords().First())));
        var records = reader.ReadRecords();
        TargetTable.From(records);

        Assert.Throws<InvalidOperationException>(() => records.ToList());
    }

    [Fact]
    public void A_watched_read_counts_and_stops_record_by_record_into_a_table_as_when_enumerated()
    {
        var path = Write(FileRecords().Select(Line).ToArray());
        var expected = FileRecords().Count();

        var counted = 0;
        using (var reader = TargetSnapshotReader.Open(path))
        {
            var table = TargetTable.From(TargetRecordStream.Read(_ => reader.ReadRecords(), () => counted++, CancellationToken.None));
            Assert.Equal(expected, table.Count);
            Assert.Equal(expected, counted);
        }

        using var stop = new CancellationTokenSource();
        var seen = 0;
        using (var reader = TargetSnapshotReader.Open(path))
        {
            var read = TargetRecordStream.Read(_ => reader.ReadRecords(), () =>
            {
                if (++seen == 3)
                {
                    stop.Cancel();
                }
            }, CancellationToken.None, stop.Token);
            Assert.ThrowsAny<OperationCanceledException>(() => TargetTable.From(read));
            Assert.Equal(3, seen);
        }

        // A list of records (a live read) goes into a table one record at a time, counted the same.
        counted = 0;
        var fromList = TargetTable.From(TargetRecordStream.Read(_ => SampleRecords().ToList(), () => counted++, CancellationToken.None));
        Assert.Equal(SampleRecords().Count(), fromList.Count);
        Assert.Equal(SampleRecords().Count(), counted);
        Assert.Equal(SampleRecords().Select(Describe), fromList.Select(Describe));
    }

    /// <summary>Records using every value, in three field shapes, active and not, with and without createdAt.</summary>
    private static IEnumerable<TargetStaffRecord> SampleRecords()
    {
        for (var i = 0; i < Values.Length; i++)
        {
            var value = Values[i];
            var other = Values[(i + 7) % Values.Length];
            // One record made by hand with a local offset (the reader and the client give UTC): kept whole, as it is.
            var created = i % 3 == 0 ? (DateTimeOffset?)null : new DateTimeOffset(2020, 1, 1 + i, 2, 3, 4, i == 4 ? TimeSpan.FromHours(2) : TimeSpan.Zero);
            var updated = new DateTimeOffset(2026, 11, 30, 9, 29, i, 569, TimeSpan.Zero);
            var externalId = i % 5 == 0 ? null : i % 5 == 1 ? string.Empty : "ext-" + value;
            var fields = (i % 4) switch
            {
                0 => new Dictionary<string, string?>(StringComparer.Ordinal) { ["a"] = value, ["b"] = other, ["c"] = "TEACHER" },
                1 => new Dictionary<string, string?>(StringComparer.Ordinal) { ["c"] = value, ["a"] = "TEACHER" },
                2 => new Dictionary<string, string?>(StringComparer.Ordinal),
                _ => new Dictionary<string, string?>(StringComparer.Ordinal) { ["a"] = other, ["b"] = value, ["c"] = null },
            };

            yield return new TargetStaffRecord("stf_" + i + (value ?? "null"), externalId, i % 2 == 0, "\"" + (i % 3) + "\"", i, created, updated, fields);
        }
    }

    /// <summary>The sample records a snapshot file can hold: an unpaired surrogate is not valid UTF-8, so not those.</summary>
    private static IEnumerable<TargetStaffRecord> FileRecords() =>
        SampleRecords().Where(r => new[] { r.Id, r.ExternalId }.Concat(r.Fields.Values).All(v => v is null || !v.Any(char.IsSurrogate) || v.Contains("\U0001F600", StringComparison.Ordinal)));

    private static TargetStaffRecord Record(string id, string externalId, string[] names, string?[] values) =>
        new(id, externalId, true, "\"1\"", 1, null, DateTimeOffset.UnixEpoch,
            names.Select((n, i) => (n, values[i])).ToDictionary(p => p.n, p => p.Item2, StringComparer.Ordinal));

    private static void AssertSame(TargetStaffRecord expected, TargetStaffRecord actual)
    {
        Assert.Equal(Describe(expected), Describe(actual));
        foreach (var field in expected.Fields)
        {
            Assert.Equal(field.Value, actual[field.Key]);
            Assert.True(actual.Fields.ContainsKey(field.Key));
        }

        Assert.Equal(expected.Fields.Count, actual.Fields.Count);
    }

    /// <summary>Everything a record holds, as text, fields in their order, null told apart from empty.</summary>
    private static string Describe(TargetStaffRecord r) =>
        string.Join("|", new[] { r.Id, Text(r.ExternalId), r.Active.ToString(), r.ETag, r.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            r.CreatedAt?.ToString("O", System.Globalization.CultureInfo.InvariantCulture) ?? "<none>", r.UpdatedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture) })
        + "|" + string.Join(",", r.Fields.Select(f => f.Key + "=" + Text(f.Value)));

    private static string Text(string? value) => value is null ? "<null>" : "[" + value + "]";

    /// <summary>The record as a snapshot line (System.Text.Json escapes as it likes; the parser must not care).</summary>
    private static string Line(TargetStaffRecord r)
    {
        var line = new Dictionary<string, object?>
        {
            ["id"] = r.Id,
            ["externalId"] = r.ExternalId,
            ["active"] = r.Active,
            ["version"] = r.Version,
            ["etag"] = r.ETag,
        };
        if (r.CreatedAt is { } created)
        {
            line["createdAt"] = created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        }

        line["updatedAt"] = r.UpdatedAt.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        line["fields"] = r.Fields.ToDictionary(f => f.Key, f => f.Value);
        // Unpaired surrogates cannot be written as JSON text the reader accepts as UTF-8; those records stay in memory tests.
        return System.Text.Json.JsonSerializer.Serialize(line, Relaxed);
    }

    private string Write(params string[] lines)
    {
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".jsonl");
        File.WriteAllText(path, Header + "\n" + string.Join("\n", lines) + "\n{\"kind\":\"end\",\"count\":" + lines.Length + "}\n", new UTF8Encoding(false));
        return path;
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Aether.TitanHst.Target;

namespace Aether.TitanHst.Tests.Client;

/// <summary>
/// The snapshot parser's byte-level scan (SnapshotRecordParser.Scan.cs) takes the writer's own lines and gives the
/// row the Utf8JsonReader parse gives; every line it is not sure of, it leaves to that parse, so it never takes a
/// line the parse refuses, never refuses one it could not judge, and never reads a value differently.
/// </summary>
public sealed class SnapshotLineScanTests : IDisposable
{
    private const string Start = "{\"id\":\"stf_1\",\"externalId\":\"10001\",\"active\":true,\"version\":1,\"etag\":\"\\\"1\\\"\",";
    private const string Times = "\"updatedAt\":\"1970-01-01T00:00:00.000Z\",";

    private readonly string _folder = Directory.CreateTempSubdirectory("titanhst-scan-").FullName;

    public void Dispose() => Directory.Delete(_folder, true);

    [Fact]
    public void The_writers_lines_are_scanned_into_the_rows_the_reader_parse_gives()
    {
        var lines = Written(Records()).ToList();
        var scanned = 0;
        var table = new TargetTable(1, 3, 64);
        var scan = new SnapshotRecordParser(table);
        var parse = new SnapshotRecordParser();
        foreach (var line in lines)
        {
            var bytes = Encoding.UTF8.GetBytes(line);
            var record = parse.TryRead(bytes);
            Assert.NotNull(record);
            if (scan.TryScan(bytes, table))
            {
                scanned++;
                Assert.Equal(Describe(record!), Describe(table.Record(table.Count - 1)));
            }
            else
            {
                // Only a line with text the scan leaves alone: a control character or another \u escape.
                Assert.True(line.Contains("\\u", StringComparison.Ordinal), line);
            }
        }

        // Most of the writer's lines (plain ASCII, the ETag's escaped quotes, nulls, empty fields) take the scan.
        Assert.True(scanned >= lines.Count / 2, $"{scanned} of {lines.Count} scanned");
    }

    [Theory]
    // Taken by the scan: the common shapes.
    [InlineData(Start + Times + "\"fields\":{\"a\":\"x\",\"b\":null}}", true)]
    [InlineData(Start + Times + "\"fields\":{}}", true)]
    [InlineData(Start + "\"createdAt\":\"2020-01-02T03:04:05.678Z\"," + Times + "\"fields\":{\"a\":\"\"}}", true)]
    [InlineData("{\"id\":\"stf_1\",\"externalId\":null,\"active\":false,\"version\":0,\"etag\":\"e\"," + Times + "\"fields\":{\"a\":\"x\"}}", true)]
    [InlineData("{\"id\":\"stf_1\",\"externalId\":\"1\",\"active\":true,\"version\":123456789,\"etag\":\"e\"," + Times + "\"fields\":{\"a\":\"x\"}}", true)]
    [InlineData(Start + Times + "\"fields\":{\"a\":\"q\\\" b\\\\ s\\/ t\\t n\\n r\\r f\\f b\\b\"}}", true)]
    [InlineData(Start + Times + "\"fields\":{\"a\":\"1\",\"b\":\"2\",\"a\":\"3\"}}", true)]
    [InlineData(Start + Times + "\"fields\":{\"a\":\"<&>+'~\u007f\"}}", true)]
    [InlineData(Start + Times + "\"fields\":{\"\":\"empty name\"}}", true)]
    [InlineData(Start + Times + "\"fields\":{\"a\":\"Pe\u00f1a \u5c71\u7530 \U0001F600 \\\"q\\\"\",\"\u00e9t\u00e9\":\"x\"}}", true)]
    // Left to the reader parse, which takes them.
    [InlineData(Start + Times + "\"fields\":{\"a\":\"Pe\\u00f1a\"}}", false)]
    [InlineData(Start + Times + "\"fields\":{\"\\u0061\":\"x\"}}", false)]
    [InlineData(Start + Times + "\"fields\":{\"a\\\"\":\"x\"}}", false)]
    [InlineData(Start + Times + "\"fields\":{\"a\": \"x\"}}", false)]
    [InlineData(Start + Times + "\"fields\":{\"a\":\"x\"} }", false)]
    [InlineData(Start + Times + "\"fields\":{\"a\":\"x\"}} ", false)]
    [InlineData(" " + Start + Times + "\"fields\":{\"a\":\"x\"}}", false)]
    [InlineData("{\"externalId\":\"1\",\"id\":\"stf_1\",\"active\":true,\"version\":1,\"etag\":\"e\"," + Times + "\"fields\":{}}", false)]
    [InlineData(Start + Times + "\"extra\":1,\"fields\":{}}", false)]
    [InlineData(Start + Times + "\"fields\":{},\"extra\":1}", false)]
    [InlineData("{\"id\":\"stf_1\",\"externalId\":\"1\",\"active\":true,\"version\":-1,\"etag\":\"e\"," + Times + "\"fields\":{}}", false)]
    [InlineData("{\"id\":\"stf_1\",\"externalId\":\"1\",\"active\":true,\"version\":2147483647,\"etag\":\"e\"," + Times + "\"fields\":{}}", false)]
    [InlineData(Start + Times + "\"fields\":{\"a\":\"x\"},\"fields\":{\"a\":\"y\"}}", false)]
    [InlineData(Start + "\"updatedAt\":\"2026-11-30T01:02:03+02:00\",\"fields\":{}}", true)]
    // Refused by both: the scan leaves them, the parse refuses them (the document path then reports them).
    [InlineData("{\"id\":\"\",\"externalId\":\"1\",\"active\":true,\"version\":1,\"etag\":\"e\"," + Times + "\"fields\":{}}", false)]
    [InlineData("{\"id\":\"stf_1\",\"externalId\":1,\"active\":true,\"version\":1,\"etag\":\"e\"," + Times + "\"fields\":{}}", false)]
    [InlineData("{\"id\":\"stf_1\",\"externalId\":\"1\",\"active\":\"yes\",\"version\":1,\"etag\":\"e\"," + Times + "\"fields\":{}}", false)]
    [InlineData("{\"id\":\"stf_1\",\"externalId\":\"1\",\"active\":true,\"version\":01,\"etag\":\"e\"," + Times + "\"fields\":{}}", false)]
    [InlineData("{\"id\":\"stf_1\",\"externalId\":\"1\",\"active\":true,\"version\":1.0,\"etag\":\"e\"," + Times + "\"fields\":{}}", false)]
    [InlineData("{\"id\":\"stf_1\",\"externalId\":\"1\",\"active\":true,\"version\":1e2,\"etag\":\"e\"," + Times + "\"fields\":{}}", false)]
    [InlineData("{\"id\":\"stf_1\",\"externalId\":\"1\",\"active\":true,\"version\":99999999999,\"etag\":\"e\"," + Times + "\"fields\":{}}", false)]
    [InlineData("{\"id\":\"stf_1\",\"externalId\":\"1\",\"active\":true,\"version\":1,\"etag\":null," + Times + "\"fields\":{}}", false)]
    [InlineData(Start + "\"createdAt\":null," + Times + "\"fields\":{}}", false)]
    [InlineData(Start + "\"updatedAt\":\"yesterday\",\"fields\":{}}", false)]
    [InlineData(Start + Times + "\"fields\":{\"a\":1}}", false)]
    [InlineData(Start + Times + "\"fields\":{\"a\":true}}", false)]
    [InlineData(Start + Times + "\"fields\":{\"a\":\"x\",}}", false)]
    [InlineData(Start + Times + "\"fields\":{\"a\":\"tab\there\"}}", false)]
    [InlineData(Start + Times + "\"fields\":{\"a\":\"bad \\x escape\"}}", false)]
    [InlineData(Start + Times + "\"fields\":{\"a\":\"\\ud800\"}}", false)]
    [InlineData(Start + Times + "\"fields\":{\"a\":\"x\"}", false)]
    [InlineData(Start + Times + "\"fields\":{\"a\":\"x\"}}}", false)]
    [InlineData(Start + Times + "\"fields\":{\"a\":\"x\"}} x", false)]
    [InlineData(Start + Times + "\"fields\":{\"a\":\"x\"}}{}", false)]
    [InlineData(Start + Times + "\"fields\":{\"a\":\"unterminated}}", false)]
    [InlineData("{\"id\":\"stf_1\",\"id\":\"stf_2\",\"externalId\":\"1\",\"active\":true,\"version\":1,\"etag\":\"e\"," + Times + "\"fields\":{}}", false)]
    [InlineData("{\"kind\":\"end\",\"count\":1}", false)]
    public void A_tricky_line_is_scanned_only_when_the_scan_is_sure_and_then_read_as_the_parse_reads_it(string line, bool scanned)
    {
        var bytes = Encoding.UTF8.GetBytes(line);
        var table = new TargetTable(1, 3, 64);
        var scan = new SnapshotRecordParser(table);
        var record = new SnapshotRecordParser().TryRead(bytes);

        Assert.Equal(scanned, scan.TryScan(bytes, table));
        if (scanned)
        {
            Assert.NotNull(record);
            Assert.Equal(1, table.Count);
            Assert.Equal(Describe(record!), Describe(table.Record(0)));
        }
        else
        {
            Assert.Equal(0, table.Count);
        }

        // Whatever the scan did, a table parse (scan, then the reader parse) keeps exactly what the record parse keeps.
        var both = new TargetTable(1, 3, 64);
        Assert.Equal(record is not null, new SnapshotRecordParser(both).TryAppend(bytes));
        if (record is not null)
        {
            Assert.Equal(Describe(record), Describe(both.Record(0)));
        }
    }

    [Fact]
    public void A_scan_that_gives_up_half_way_leaves_the_next_lines_read_the_same()
    {
        // Lines the scan leaves after it has pooled some of their values, between lines it takes: the pools and the
        // names kept by place only share text, so every row is still the record the parse gives.
        var lines = new[]
        {
            Start + Times + "\"fields\":{\"a\":\"TEACHER\",\"b\":\"MES\"}}",
            Start + Times + "\"fields\":{\"a\":\"TEACHER\",\"b\":\"MES\",\"c\":1}}",
            Start + Times + "\"fields\":{\"a\":\"TEACHER\",\"b\":\"Pe\u00f1a\"}}",
            Start + Times + "\"fields\":{\"a\":\"TEACHER\",\"b\":\"MES\"}}",
            Start + Times + "\"fields\":{\"b\":\"TEACHER\",\"a\":\"MES\"}}",
            Start + Times + "\"fields\":{\"a\":\"TEACHER\",\"\\u0062\":\"MES\"}}",
            Start + Times + "\"fields\":{\"a\":\"TEACHER\",\"b\":\"MES\"}}",
        };
        var table = new TargetTable(1, 3, 64);
        var rows = new SnapshotRecordParser(table);
        var records = new SnapshotRecordParser();
        foreach (var line in lines)
        {
            var bytes = Encoding.UTF8.GetBytes(line);
            var record = records.TryRead(bytes);
            Assert.Equal(record is not null, rows.TryAppend(bytes));
            if (record is not null)
            {
                Assert.Equal(Describe(record), Describe(table.Record(table.Count - 1)));
            }
        }

        Assert.Equal(6, table.Count);
    }

    [Fact]
    public void A_line_with_ill_formed_utf8_is_never_scanned()
    {
        var ill = new[] { new byte[] { 0xC0, 0x80 }, new byte[] { 0xED, 0xA0, 0x80 }, new byte[] { 0xF5, 0x80, 0x80, 0x80 }, new byte[] { 0xE2, 0x82 }, new byte[] { 0x80 }, new byte[] { 0xF4, 0x90, 0x80, 0x80 } };
        foreach (var bad in ill)
        {
            foreach (var place in new[] { "\"fields\":{\"a\":\"x{0}y\"}}", "\"fields\":{\"a{0}\":\"x\"}}" })
            {
                var parts = (Start + Times + place).Split("{0}");
                var bytes = Encoding.UTF8.GetBytes(parts[0]).Concat(bad).Concat(Encoding.UTF8.GetBytes(parts[1])).ToArray();
                var table = new TargetTable(1, 3, 64);

                // Left to the reader parse (and the snapshot reader refuses such a line as not UTF-8 before any parse).
                Assert.False(new SnapshotRecordParser(table).TryScan(bytes, table));
                Assert.Equal(0, table.Count);
            }
        }
    }

    /// <summary>Records of every kind of text, written by the snapshot writer itself.</summary>
    private static IEnumerable<TargetStaffRecord> Records()
    {
        string?[] values =
        {
            null, string.Empty, " ", "Ana", "O'Brien", "Pe\u00f1a", "\u5c71\u7530", "quote \" and \\ back", "tab\tline\nend", "slash / and <b>&amp;",
            "TEACHER", "MES", "2020-01-02", "+15592923201", "a longer value of text than the value pools keep, which is more than sixty-four bytes long",
        };
        for (var i = 0; i < values.Length * 3; i++)
        {
            var value = values[i % values.Length];
            var created = i % 3 == 0 ? (DateTimeOffset?)null : new DateTimeOffset(2020, 1, 1 + (i % 20), 2, 3, 4, TimeSpan.Zero);
            var fields = new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["firstName"] = value,
                ["roleCode"] = i % 2 == 0 ? "TEACHER" : "AIDE",
                ["notes"] = i % 4 == 0 ? null : value,
            };
            if (i % 5 == 0)
            {
                fields.Clear();
            }

            yield return new TargetStaffRecord("stf_" + i, i % 7 == 0 ? null : (10000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture),
                i % 2 == 0, "\"" + (i % 3) + "\"", i, created, new DateTimeOffset(2026, 11, 30, 9, 29, i % 60, 569, TimeSpan.Zero), fields);
        }
    }

    private IEnumerable<string> Written(IEnumerable<TargetStaffRecord> records)
    {
        var path = Path.Combine(_folder, "written.jsonl");
        using (var writer = new TargetSnapshotWriter(path, new TargetSnapshotHeader(DateTimeOffset.UnixEpoch, "seed:x", TargetSnapshotScope.All)))
        {
            foreach (var record in records)
            {
                writer.Write(record);
            }

            writer.Complete();
        }

        // The header and the end line are not records.
        var lines = File.ReadAllLines(path, Encoding.UTF8);
        return lines.Skip(1).Take(lines.Length - 2);
    }

    /// <summary>Everything a record holds, as text, fields in their order, null told apart from empty.</summary>
    private static string Describe(TargetStaffRecord r) =>
        string.Join("|", new[] { r.Id, Text(r.ExternalId), r.Active.ToString(), r.ETag, r.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            r.CreatedAt?.ToString("O", System.Globalization.CultureInfo.InvariantCulture) ?? "<none>", r.UpdatedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture) })
        + "|" + string.Join(",", r.Fields.Select(f => f.Key + "=" + Text(f.Value)));

    private static string Text(string? value) => value is null ? "<null>" : "[" + value + "]";
}

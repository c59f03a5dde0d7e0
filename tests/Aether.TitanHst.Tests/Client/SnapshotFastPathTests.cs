using System;
using System.IO;
using System.Linq;
using System.Text;
using Aether.TitanHst.Errors;
using Aether.TitanHst.Target;

namespace Aether.TitanHst.Tests.Client;

/// <summary>
/// The snapshot reader parses well-formed records from bytes and hands every other line to the document path:
/// whatever the line, the result (record or error) must be the one the document reader gives.
/// </summary>
public sealed class SnapshotFastPathTests : IDisposable
{
    private const string Header = "{\"kind\":\"titanhst-target-snapshot\",\"format\":1,\"takenAt\":\"2026-11-30T09:29:00.569Z\",\"baseUri\":\"seed:x\",\"scope\":\"all\"}";
    private const string Good = "{\"id\":\"stf_1\",\"externalId\":\"10001\",\"active\":true,\"version\":2,\"etag\":\"\\\"2\\\"\",\"createdAt\":\"2026-01-02T03:04:05Z\",\"updatedAt\":\"2026-11-30T09:29:00.569Z\",\"fields\":{\"firstName\":\"Ana\",\"title\":\"Teacher\",\"notes\":null}}";

    private readonly string _folder = Directory.CreateTempSubdirectory("titanhst-fastpath-").FullName;

    public void Dispose() => Directory.Delete(_folder, true);

    [Fact]
    public void A_well_formed_record_reads_every_member()
    {
        var record = Read(Good).Single();

        Assert.Equal("stf_1", record.Id);
        Assert.Equal("10001", record.ExternalId);
        Assert.True(record.Active);
        Assert.Equal(2, record.Version);
        Assert.Equal("\"2\"", record.ETag);
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), record.CreatedAt);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 9, 29, 0, 569, TimeSpan.Zero), record.UpdatedAt);
        Assert.Equal("Ana", record["firstName"]);
        Assert.Null(record["notes"]);
        Assert.True(record.Fields.ContainsKey("notes"));
    }

    [Fact]
    public void Escaped_names_unknown_members_and_escaped_values_read_as_the_document_reader_reads_them()
    {
        var line = "{\"\\u0069d\":\"stf_2\",\"extra\":{\"deep\":[1,2,{\"x\":null}]},\"active\":false,\"version\":1,\"etag\":\"e\",\"updatedAt\":\"2026-11-30T00:00:00Z\",\"fields\":{\"last\\u004eame\":\"Pe\\u00f1a\",\"title\":\"Caf\u00e9\"}}";

        var record = Read(line).Single();

        Assert.Equal("stf_2", record.Id);
        Assert.False(record.Active);
        Assert.Equal("Peña", record["lastName"]);
        Assert.Equal("Café", record["title"]);
    }

    [Fact]
    public void Repeating_values_are_shared_between_records()
    {
        var records = Read(Good, Good.Replace("stf_1", "stf_9")).ToList();

        Assert.Same(records[0]["title"], records[1]["title"]);
        Assert.Same(records[0].ETag, records[1].ETag);
    }

    [Fact]
    public void Records_of_every_field_shape_keep_their_own_names_order_and_values()
    {
        // Same shape twice (shares a layout), another order, fewer fields, a repeated name (last wins, first place), none.
        var records = Read(
            Good,
            Good.Replace("stf_1", "stf_2").Replace("Ana", "Bo"),
            Good.Replace("stf_1", "stf_3").Replace("{\"firstName\":\"Ana\",\"title\":\"Teacher\",\"notes\":null}", "{\"title\":\"Clerk\",\"firstName\":\"Cy\"}"),
            Good.Replace("stf_1", "stf_4").Replace("{\"firstName\":\"Ana\",\"title\":\"Teacher\",\"notes\":null}", "{\"firstName\":\"Di\",\"title\":\"X\",\"firstName\":\"Dee\"}"),
            Good.Replace("stf_1", "stf_5").Replace(",\"fields\":{\"firstName\":\"Ana\",\"title\":\"Teacher\",\"notes\":null}", string.Empty)).ToList();

        Assert.Equal(new[] { "firstName=Ana", "title=Teacher", "notes=" }, Pairs(records[0]));
        Assert.Equal(new[] { "firstName=Bo", "title=Teacher", "notes=" }, Pairs(records[1]));
        Assert.Equal(new[] { "title=Clerk", "firstName=Cy" }, Pairs(records[2]));
        Assert.Null(records[2]["notes"]);
        Assert.False(records[2].Fields.ContainsKey("notes"));
        Assert.Equal(new[] { "firstName=Dee", "title=X" }, Pairs(records[3]));
        Assert.Empty(records[4].Fields);
        Assert.Null(records[4]["firstName"]);
        Assert.Equal("Teacher", records[1].Fields["title"]);
        Assert.Throws<System.Collections.Generic.KeyNotFoundException>(() => records[2].Fields["notes"]);
    }

    [Theory]
    [InlineData("{\"id\":\"stf_1\",\"active\":true,\"version\":1,\"etag\":\"e\",\"updatedAt\":\"2026-11-30T00:00:00Z\",\"fields\":{\"a\":1}}", "fields.a")]
    [InlineData("{\"id\":\"stf_1\",\"active\":\"yes\",\"version\":1,\"etag\":\"e\",\"updatedAt\":\"2026-11-30T00:00:00Z\"}", "active")]
    [InlineData("{\"id\":\"stf_1\",\"active\":true,\"version\":1.5,\"etag\":\"e\",\"updatedAt\":\"2026-11-30T00:00:00Z\"}", "version")]
    [InlineData("{\"id\":\"stf_1\",\"active\":true,\"version\":1,\"etag\":\"e\",\"updatedAt\":\"yesterday\"}", "updatedAt")]
    [InlineData("{\"id\":\"stf_1\",\"active\":true,\"version\":1,\"updatedAt\":\"2026-11-30T00:00:00Z\"}", "etag")]
    [InlineData("{\"id\":\"stf_1\",\"active\":true,\"version\":1,\"etag\":\"e\",\"updatedAt\":\"2026-11-30T00:00:00Z\"} trailing", "")]
    [InlineData("[1,2]", "")]
    [InlineData("{\"id\":\"stf_1\",\"active\":true,\"version\":1,\"etag\":\"e\",\"updatedAt\":\"2026-11-30T00:00:00Z\",\"fields\":{\"lastName\":\"O\\ud800\"}}", "fields.lastName")]
    [InlineData("{\"id\":\"stf_1\",\"externalId\":\"\\udc00\",\"active\":true,\"version\":1,\"etag\":\"e\",\"updatedAt\":\"2026-11-30T00:00:00Z\"}", "externalId")]
    [InlineData("{\"id\":\"stf_1\",\"active\":true,\"version\":1,\"etag\":\"e\",\"updatedAt\":\"2026-11-30T00:00:00Z\",\"fields\":{\"a\\ud800\":\"x\"}}", "fields")]
    public void A_line_with_a_problem_is_refused_naming_line_and_member(string line, string field)
    {
        var e = Assert.Throws<InputFileException>(() => Read(line));

        Assert.Equal(InputErrorIds.SnapshotRecordInvalid, e.ErrorId);
        Assert.Equal(2, e.Line);
        Assert.Equal(field, e.Field);
    }

    [Fact]
    public void Invalid_utf8_is_refused_on_its_line()
    {
        var path = Path.Combine(_folder, "bad.jsonl");
        var good = Encoding.UTF8.GetBytes(Header + "\n" + Good + "\n");
        var bad = Encoding.UTF8.GetBytes(Good.Replace("Ana", "A?a") + "\n{\"kind\":\"end\",\"count\":2}\n");
        bad[Array.IndexOf(bad, (byte)'?')] = 0xC3;
        File.WriteAllBytes(path, good.Concat(bad).ToArray());

        using var reader = TargetSnapshotReader.Open(path);
        var e = Assert.Throws<InputFileException>(() => reader.ReadRecords().ToList());

        Assert.Equal(3, e.Line);
        Assert.Contains("UTF-8", e.Problem);
    }

    private static string[] Pairs(TargetStaffRecord record) => record.Fields.Select(f => f.Key + "=" + f.Value).ToArray();

    private System.Collections.Generic.List<TargetStaffRecord> Read(params string[] lines)
    {
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".jsonl");
        File.WriteAllText(path, Header + "\n" + string.Join("\n", lines) + "\n{\"kind\":\"end\",\"count\":" + lines.Length + "}\n", new UTF8Encoding(false));
        using var reader = TargetSnapshotReader.Open(path);
        return reader.ReadRecords().ToList();
    }
}

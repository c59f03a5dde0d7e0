using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Aether.TitanHst.Client;
using Aether.TitanHst.Errors;
using Aether.TitanHst.Target;

namespace Aether.TitanHst.Tests.Client;

public sealed class SnapshotTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("titanhst-snapshot-").FullName;

    public void Dispose() => Directory.Delete(_folder, true);

    [Fact]
    public async Task Snapshot_OfTheEmulator_RoundTrips()
    {
        await using var emu = await TestTitanHst.StartAsync(250, active: i => i % 5 != 0);
        using var client = emu.Client();
        var path = Path.Combine(_folder, "target.jsonl");
        var header = new TargetSnapshotHeader(DateTimeOffset.UtcNow, emu.BaseUri.ToString(), TargetSnapshotScope.All, "1.0", "2026-01");
        var listed = new List<TargetStaffRecord>();
        using (var writer = new TargetSnapshotWriter(path, header))
        {
            foreach (var record in client.EnumerateStaff(StaffQuery.All))
            {
                listed.Add(record);
                writer.Write(record);
            }

            Assert.False(File.Exists(path), "the snapshot must not appear under its name before it is complete");
            writer.Complete();
        }

        using var reader = TargetSnapshotReader.Open(path);
        var read = reader.ReadRecords().ToList();

        Assert.Equal(TargetSnapshotScope.All, reader.Header.Scope);
        Assert.Equal("2026-01", reader.Header.SchemaVersion);
        Assert.Equal(listed.Count, read.Count);
        for (var i = 0; i < listed.Count; i++)
        {
            Assert.Equal(listed[i].Id, read[i].Id);
            Assert.Equal(listed[i].ExternalId, read[i].ExternalId);
            Assert.Equal(listed[i].Active, read[i].Active);
            Assert.Equal(listed[i].ETag, read[i].ETag);
            Assert.Equal(listed[i].Version, read[i].Version);
            Assert.Equal(listed[i].UpdatedAt, read[i].UpdatedAt);
            Assert.Equal(listed[i].Fields, read[i].Fields);
        }

        Assert.Contains("Lást1", File.ReadAllText(path), StringComparison.Ordinal);
    }

    [Fact]
    public void UnfinishedSnapshot_LeavesNoFile()
    {
        var path = Path.Combine(_folder, "unfinished.jsonl");
        using (var writer = new TargetSnapshotWriter(path, Header()))
        {
            writer.Write(Record("stf_a00000000001"));
        }

        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Fact]
    public void CorruptLine_NamesFileAndLine()
    {
        var path = WriteSnapshot(3);
        var lines = File.ReadAllLines(path);
        lines[2] = lines[2].Substring(0, 20);
        File.WriteAllLines(path, lines);

        var e = Assert.Throws<InputFileException>(() => ReadAll(path));

        Assert.Equal(InputErrorIds.SnapshotRecordInvalid, e.ErrorId);
        Assert.Equal(path, e.File);
        Assert.Equal(3, e.Line);
        Assert.StartsWith(path + ":3:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongType_NamesTheField()
    {
        var path = WriteSnapshot(2);
        var lines = File.ReadAllLines(path);
        lines[2] = lines[2].Replace("\"version\":1", "\"version\":\"one\"", StringComparison.Ordinal);
        File.WriteAllLines(path, lines);

        var e = Assert.Throws<InputFileException>(() => ReadAll(path));

        Assert.Equal(3, e.Line);
        Assert.Equal("version", e.Field);
    }

    [Fact]
    public void Truncated_And_NotASnapshot_AreReported()
    {
        var path = WriteSnapshot(3);
        var lines = File.ReadAllLines(path);
        File.WriteAllLines(path, lines.Take(3));
        var truncated = Assert.Throws<InputFileException>(() => ReadAll(path));
        Assert.Equal(InputErrorIds.SnapshotTruncated, truncated.ErrorId);

        File.WriteAllLines(path, lines.Take(3).Concat(new[] { "{\"kind\":\"end\",\"count\":5}" }));
        var miscounted = Assert.Throws<InputFileException>(() => ReadAll(path));
        Assert.Equal(InputErrorIds.SnapshotTruncated, miscounted.ErrorId);
        Assert.Equal(4, miscounted.Line);

        File.WriteAllText(path, "{\"kind\":\"something-else\",\"format\":1}\n");
        var other = Assert.Throws<InputFileException>(() => ReadAll(path));
        Assert.Equal(InputErrorIds.SnapshotHeaderInvalid, other.ErrorId);
        Assert.Equal(1, other.Line);
        Assert.Equal("kind", other.Field);
    }

    private static TargetSnapshotHeader Header() => new(DateTimeOffset.UtcNow, "https://titanhst.example/", TargetSnapshotScope.Active);

    private static TargetStaffRecord Record(string id) => new(id, "E-" + id, true, "\"1\"", 1, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow,
        new Dictionary<string, string?> { ["firstName"] = "Zoë", ["notes"] = null, ["title"] = "line\nbreak \"quoted\"" });

    private static void ReadAll(string path)
    {
        using var reader = TargetSnapshotReader.Open(path);
        _ = reader.ReadRecords().ToList();
    }

    private string WriteSnapshot(int count)
    {
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".jsonl");
        using var writer = new TargetSnapshotWriter(path, Header());
        for (var i = 1; i <= count; i++)
        {
            writer.Write(Record($"stf_a0000000000{i}"));
        }

        writer.Complete();
        return path;
    }
}

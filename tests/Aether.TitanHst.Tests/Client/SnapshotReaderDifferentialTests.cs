using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Aether.TitanHst.Errors;
using Aether.TitanHst.Target;
using CsCheck;

namespace Aether.TitanHst.Tests.Client;

/// <summary>
/// The snapshot's fast paths (the byte scan of the writer's own shape, the <c>Utf8JsonReader</c> parse, the record
/// parse) against the document path they stand in for: for any record line, damaged or not, each must give exactly
/// what the document path gives, the same record member by member or the same error (id, line, member). A fast path
/// that takes a line the document path refuses, or reads it differently, would let a doctored snapshot decide a
/// deactivation the strict reader would have stopped.
/// </summary>
public sealed class SnapshotReaderDifferentialTests : IDisposable
{
    private const string Header = "{\"kind\":\"titanhst-target-snapshot\",\"format\":1,\"takenAt\":\"2026-11-30T09:29:00.569Z\",\"baseUri\":\"seed:x\",\"scope\":\"all\"}";

    // What the writer writes (first list of each pair), and what a hand-edited line holds instead (second).
    private static readonly Gen<string> Id = Pick(new[] { "stf_000000000001", "stf_1", "stf_\\u0041", "stf_é" }, new[] { "", "stf \\\"q\\\"", "stf_\\ud800" });
    private static readonly Gen<string> ExternalId = Pick(new[] { "\"10001\"", "\"00042\"", "\"E-7\"", "null" }, new[] { "\" 10001\"", "\"10001\\n\"", "\"\\u0031\\u0030\"", "\"\"", "1", "\"\\udc00\"" });
    private static readonly Gen<string> Version = Pick(new[] { "1", "2", "0", "-1", "2147483647" }, new[] { "01", "1.0", "1e0", "2147483648", "-0", "\"1\"", "null", "true" });
    private static readonly Gen<string> Active = Pick(new[] { "true", "false" }, new[] { "True", "1", "\"true\"", "null", "tru", "falsey" });
    private static readonly Gen<string> ETag = Pick(new[] { "\"\\\"1\\\"\"", "\"W/\\\"7\\\"\"", "\"e\"" }, new[] { "\"\"", "\"\\u0022\"", "1", "null" });
    private static readonly Gen<string> Time = Pick(
        new[] { "\"1970-01-01T00:00:00.000Z\"", "\"2026-11-30T09:29:00.569Z\"", "\"2026-11-30T09:29:00Z\"", "\"2026-11-30T09:29:00.1234567Z\"" },
        new[]
        {
            "\"2026-11-30T09:29:00.12345678Z\"", "\"2026-11-30T09:29:00+00:00\"", "\"2026-11-30T09:29:00+02:00\"", "\"2026-11-30T09:29:00\"",
            "\"2026-11-30t09:29:00z\"", "\"2026-11-30 09:29:00Z\"", "\"2026-11-30\"", "\"2026-02-30T00:00:00Z\"", "\"2026-11-30T24:00:00Z\"",
            "\"2026-11-30T09:29:60Z\"", "\"yesterday\"", "\"\"", "null", "1764494940",
        });

    private static readonly Gen<string> FieldName = Pick(new[] { "firstName", "lastName", "email", "title", "roleCode", "siteCode", "notes", "assignments" }, new[] { "", "first\\u004eame", "a b", "é", "\\ud800" });
    private static readonly Gen<string> FieldValue = Pick(
        new[] { "\"Ana\"", "\"Gutiérrez\"", "\"O'Brien\"", "\"a\\\"b\"", "\"\\\\\"", "\"\\/\"", "\"\\u00e9\"", "\"\\ud83d\\ude00\"", "\"\"", "\" \"", "null", "\"MES/TEACHER*@0.8\"", "\"tab\\there\"" },
        new[] { "\"\\ud800\"", "\"\\udc00x\"", "1", "true", "[]", "{}", "\"\\u0000\"" });

    // Pieces a damaged or hand-edited line gains: JSON punctuation, literals, escapes, white space, bytes that are not UTF-8.
    private static readonly byte[][] Insertions = new[]
    {
        " ", "\t", "\r", ",", ":", "\"", "\\", "{", "}", "[", "]", "null", "true", "0", "-", "+", ".", "e", "\\u0000", "\\ud800", "\"x\":1,",
        "\"id\":\"stf_9\",", "\"fields\":{},", "\"active\":false,", "é", "\u00a0", "\u2028",
    }.Select(Encoding.UTF8.GetBytes).Concat(new[] { new byte[] { 0xC3 }, new byte[] { 0xFF }, new byte[] { 0xED, 0xA0, 0x80 }, new byte[] { 0xC0, 0xAF }, new byte[] { 0x00 }, new byte[] { 0x1F }, new byte[] { 0xEF, 0xBB, 0xBF } }).ToArray();

    private static readonly Gen<string> Fields = Gen.Int[0, 4].SelectMany(n => Gen.Select(FieldName, FieldValue).Array[n])
        .Select(pairs => "{" + string.Join(",", pairs.Select(p => $"\"{p.Item1}\":{p.Item2}")) + "}");

    /// <summary>A record line: the writer's member order, or shuffled, some members left out or repeated.</summary>
    private static readonly Gen<string> RecordLine =
        Gen.Select(Id, ExternalId, Active, Version, ETag, Time, Time)
            .SelectMany(m => Gen.Select(Fields, Gen.Int[0, 9], Gen.Int[0, 9], Gen.Bool).Select(f =>
            {
                var members = new List<string> { $"\"id\":\"{m.Item1}\"", $"\"externalId\":{m.Item2}", $"\"active\":{m.Item3}", $"\"version\":{m.Item4}", $"\"etag\":{m.Item5}" };
                if (f.Item4)
                {
                    members.Add($"\"createdAt\":{m.Item6}");
                }

                members.Add($"\"updatedAt\":{m.Item7}");
                members.Add($"\"fields\":{f.Item1}");
                // Mostly the members in the writer's order; otherwise one left out, one repeated, or all reversed.
                if (f.Item2 == 0)
                {
                    members.RemoveAt(f.Item3 % members.Count);
                }
                else if (f.Item2 == 1)
                {
                    members.Insert(f.Item3 % (members.Count + 1), members[f.Item3 % members.Count]);
                }
                else if (f.Item2 == 2)
                {
                    members.Reverse();
                }

                return "{" + string.Join(",", members) + "}";
            }));

    private static readonly Gen<string> WriterLine =
        Gen.Select(Gen.Int[0, 999_999], Gen.Int[1, 99], Gen.Bool, Fields).Select(r =>
            $"{{\"id\":\"stf_{r.Item1:D12}\",\"externalId\":\"{r.Item1 + 10000}\",\"active\":{(r.Item3 ? "true" : "false")},\"version\":{r.Item2},\"etag\":\"\\\"{r.Item2}\\\"\",\"updatedAt\":\"2026-11-30T09:29:00.569Z\",\"fields\":{r.Item4}}}");

    /// <summary>A line, then up to three damages: a byte overwritten, a piece inserted, a few bytes cut.</summary>
    private static readonly Gen<byte[]> DamagedLine =
        Gen.Select(Gen.Frequency((3, WriterLine), (2, RecordLine)), Gen.Frequency((4, Gen.Const(0)), (2, Gen.Const(1)), (1, Gen.Int[2, 3])), Gen.Int.Array[9])
            .Select(d =>
            {
                var bytes = new List<byte>(Encoding.UTF8.GetBytes(d.Item1));
                for (var k = 0; k < d.Item2; k++)
                {
                    var at = (int)((uint)d.Item3[3 * k] % (uint)(bytes.Count + 1));
                    var what = (uint)d.Item3[(3 * k) + 1];
                    switch ((uint)d.Item3[(3 * k) + 2] % 3)
                    {
                        case 0 when at < bytes.Count:
                            bytes[at] = Insertions[what % (uint)Insertions.Length][0];
                            break;
                        case 1:
                            bytes.InsertRange(at, Insertions[what % (uint)Insertions.Length]);
                            break;
                        default:
                            bytes.RemoveRange(Math.Min(at, bytes.Count), Math.Min((int)(what % 4) + 1, bytes.Count - Math.Min(at, bytes.Count)));
                            break;
                    }
                }

                // One line: a damage that makes a line break is a different file, not a different line.
                return bytes.Where(b => b != (byte)'\n').ToArray();
            });

    private readonly string _folder = Directory.CreateTempSubdirectory("titanhst-snapshot-differential-").FullName;

    public void Dispose() => Directory.Delete(_folder, true);

    [Fact]
    public void Any_record_line_reads_on_every_fast_path_exactly_as_the_document_path_reads_it()
    {
        var path = Path.Combine(_folder, "one.jsonl");
        var accepted = 0;
        var refused = 0;
        DamagedLine.Sample(line =>
        {
            var file = Encoding.UTF8.GetBytes(Header + "\n").Concat(line).Concat(Encoding.UTF8.GetBytes("\n{\"kind\":\"end\",\"count\":1}\n")).ToArray();
            File.WriteAllBytes(path, file);
            var reference = Outcome(path, Mode.Document);
            Assert.False(reference.StartsWith("crash", StringComparison.Ordinal), $"The document path fails without naming the line.\nline: {Show(line)}\n{reference}");
            _ = reference.StartsWith("error", StringComparison.Ordinal) ? refused++ : accepted++;
            foreach (var mode in new[] { Mode.Records, Mode.Table })
            {
                var fast = Outcome(path, mode);
                Assert.True(fast == reference, $"{mode} reads the line differently from the document path.\nline: {Show(line)}\ndocument: {reference}\n{mode}: {fast}");
            }
        }, iter: 4000, threads: 1);

        // Both outcomes must be common, or the property says little: most lines accepted, many refused.
        Assert.True(accepted > 1000 && refused > 400, $"accepted {accepted}, refused {refused}");
    }

    [Theory]
    [InlineData("{\"id\":\"stf_1\",\"externalId\":\"10001\",\"active\":true,\"version\":01,\"etag\":\"e\",\"updatedAt\":\"2026-11-30T09:29:00.569Z\",\"fields\":{}}")]
    [InlineData("{\"id\":\"stf_1\",\"externalId\":\"10001\",\"active\":true,\"version\":1,\"etag\":\"e\",\"updatedAt\":\"2026-11-30T09:29:00.569Z\",\"fields\":{\"a\":\"x\",}}")]
    [InlineData("{\"id\":\"stf_1\",\"externalId\":\"10001\",\"active\":true,\"version\":1,\"etag\":\"e\",\"updatedAt\":\"2026-11-30T09:29:00.569Z\",\"fields\":{}},")]
    [InlineData("{\"id\":\"stf_1\",\"id\":\"stf_2\",\"externalId\":\"10001\",\"active\":true,\"version\":1,\"etag\":\"e\",\"updatedAt\":\"2026-11-30T09:29:00.569Z\",\"fields\":{}}")]
    [InlineData("{\"id\":\"stf_1\",\"externalId\":\"10001\",\"active\":true,\"version\":1,\"etag\":\"e\",\"updatedAt\":\"2026-11-30T09:29:00.569Z\",\"fields\":{\"a\":\"x\",\"a\":\"y\"}}")]
    [InlineData("{\"id\":\"stf_1\",\"externalId\":\"10001\",\"active\":true,\"version\":1,\"etag\":\"e\",\"updatedAt\":\"2026-11-30T09:29:00.569Z\",\"fields\":{\"a\":\"\t\"}}")]
    [InlineData("{\"id\":\"stf_1\",\"externalId\":\"10001\",\"active\":true,\"version\":1,\"etag\":\"e\",\"updatedAt\":\"2026-11-30T09:29:00+02:00\",\"fields\":{}}")]
    public void Lines_found_by_hand_read_alike_on_every_path(string line)
    {
        var path = Path.Combine(_folder, "hand.jsonl");
        File.WriteAllText(path, Header + "\n" + line + "\n{\"kind\":\"end\",\"count\":1}\n", new UTF8Encoding(false));
        var reference = Outcome(path, Mode.Document);
        Assert.Equal(reference, Outcome(path, Mode.Records));
        Assert.Equal(reference, Outcome(path, Mode.Table));
    }

    private enum Mode
    {
        Document,
        Records,
        Table,
    }

    /// <summary>The records a mode reads from the file, member by member, or the error it gives (id, line, member).</summary>
    private static string Outcome(string path, Mode mode)
    {
        try
        {
            using var reader = TargetSnapshotReader.Open(path);
            reader.DocumentPathOnly = mode == Mode.Document;
            var records = reader.ReadRecords();
            var list = mode == Mode.Table ? ((ITargetTableSource)records).ReadTable(null).ToList() : records.ToList();
            return "records " + string.Join(" / ", list.Select(Describe));
        }
        catch (InputFileException e)
        {
            return $"error {e.ErrorId} line {e.Line} member '{e.Field}'";
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            // Never right: a bad line is an error naming the file, line and member, not a runtime exception.
            return $"crash {e.GetType().Name}: {e.Message}";
        }
    }

    private static string Describe(TargetStaffRecord r) =>
        $"id={Show(r.Id)} externalId={Show(r.ExternalId)} active={r.Active} version={r.Version} etag={Show(r.ETag)} createdAt={r.CreatedAt?.ToString("O") ?? "<none>"} updatedAt={r.UpdatedAt:O} fields=[{string.Join(", ", r.Fields.Select(f => Show(f.Key) + "=" + Show(f.Value)))}]"
        + $" lookups=[{string.Join(", ", r.Fields.Keys.Select(k => Show(r[k])))}]";

    /// <summary>Mostly one of <paramref name="good"/>, now and then one of <paramref name="odd"/>.</summary>
    private static Gen<string> Pick(string[] good, string[] odd) => Gen.Frequency((6, Gen.Int[0, good.Length - 1].Select(i => good[i])), (1, Gen.Int[0, odd.Length - 1].Select(i => odd[i])));

    private static string Show(string? text) => text is null ? "<null>" : "'" + string.Concat(text.Select(c => c < 0x20 || c > 0x7E ? $"\\u{(int)c:x4}" : c.ToString())) + "'";

    private static string Show(byte[] bytes) => string.Concat(bytes.Select(b => b < 0x20 || b > 0x7E ? $"\\x{b:x2}" : ((char)b).ToString()));
}

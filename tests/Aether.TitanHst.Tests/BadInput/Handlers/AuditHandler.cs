using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Aether.TitanHst.Audit;
using Aether.TitanHst.Tests.Audit;

namespace Aether.TitanHst.Tests.BadInput.Handlers
{
    /// <summary>
    /// Kind "audit": an audit folder tampered with by someone who can write it but cannot read the installation key.
    /// The handler writes a clean keyed log (runs in each month of <c>months</c>, optionally with a file anchor),
    /// applies the case's <c>tamper</c> operation, and asserts that verification names <c>expect.outcome</c> (an
    /// <see cref="AuditProblemKind"/>) as the first problem, and in the check <c>expect.check</c> when given.
    /// Nothing here talks to TitanHST.
    /// </summary>
    public sealed class AuditHandler : IBadInputHandler
    {
        public string Kind => "audit";

        public void Run(BadInputCase badCase)
        {
            using var log = new AuditTestLog();
            var d = badCase.Definition;
            if (d.TryGetProperty("anchor", out var anchor) && anchor.ValueKind == JsonValueKind.True)
            {
                log.EnableAnchor();
            }

            if (d.TryGetProperty("legacy", out var legacy) && legacy.ValueKind == JsonValueKind.True)
            {
                log.CopyLegacyFixture();
                log.Now = new DateTimeOffset(2026, 3, 20, 8, 0, 0, TimeSpan.Zero);
                log.Run("after-upgrade", 1);
            }
            else
            {
                var months = d.TryGetProperty("months", out var m) ? m.EnumerateArray().Select(x => x.GetString()!).ToArray() : new[] { "2026-01", "2026-02", "2026-03" };
                foreach (var month in months)
                {
                    log.Now = DateTimeOffset.Parse(month + "-05T08:00:00Z", CultureInfo.InvariantCulture);
                    log.Run("run-" + month, 2);
                }
            }

            Tamper(log, d);
            var result = d.TryGetProperty("verifyWithTrailingSeparator", out var trailing) && trailing.ValueKind == JsonValueKind.True
                ? log.Verify(log.Folder + Path.DirectorySeparatorChar)
                : log.Verify();

            var expected = Enum.Parse<AuditProblemKind>(badCase.ExpectedOutcome!);
            Assert.False(result.Passed, $"{badCase.Name}: the tampered log verified");
            if (badCase.Expect.TryGetProperty("check", out var check))
            {
                var named = result.Checks.Single(c => c.Check == check.GetString());
                Assert.False(named.Passed, $"{badCase.Name}: check {named.Check} passed: {named.Detail}");
                Assert.Equal(expected, named.GetProblem());
            }

            Assert.True(result.FirstBadEntry?.GetProblem() == expected, $"{badCase.Name}: first problem {result.FirstBadEntry}; checks:\n{string.Join("\n", result.Checks)}");
        }

        private static void Tamper(AuditTestLog log, JsonElement d)
        {
            var files = AuditFolder.ListFiles(log.Folder);
            var last = files[files.Count - 1];
            var line = d.TryGetProperty("line", out var l) ? l.GetInt32() : 2;
            switch (d.GetProperty("tamper").GetString())
            {
                case "append-forged":
                    log.AppendForged(last);
                    break;
                case "rechain":
                    log.Rechain(last, line, t => t.Replace("\"externalId\":\"E0001\"", "\"externalId\":\"E9999\""));
                    break;
                case "rechain-legacy":
                    log.Rechain(last, 1, t => t.Replace("\"v\":2,", "\"v\":1,"), legacy: true);
                    break;
                case "truncate":
                    Truncate(last, d.GetProperty("lines").GetInt32());
                    break;
                case "truncate-with-checkpoints":
                    // The last month's file and its checkpoint go together: consistent inside the folder, not with the anchor.
                    var kept = File.ReadAllLines(log.CheckpointFile);
                    File.WriteAllText(log.CheckpointFile, string.Concat(kept.Take(kept.Length - 1).Select(k => k + "\n")));
                    File.Delete(last);
                    break;
                case "delete-file":
                    File.Delete(log.File(d.GetProperty("month").GetString()!));
                    break;
                case "move-to-older-file":
                    // The first entries moved to a file named for an earlier month: the chain still links in file-name
                    // order, and retention, which goes by the file's name, would remove them as old.
                    var first = files[0];
                    var all = File.ReadAllLines(first);
                    var moved = d.GetProperty("lines").GetInt32();
                    File.WriteAllText(Path.Combine(log.Folder, "audit-2020-01.jsonl"), string.Concat(all.Take(moved).Select(k => k + "\n")));
                    File.WriteAllText(first, string.Concat(all.Skip(moved).Select(k => k + "\n")));
                    break;
                case "delete-log":
                    Directory.Delete(log.Folder, recursive: true);
                    break;
                case "edit-checkpoint":
                    var lines = File.ReadAllLines(log.CheckpointFile);
                    lines[line - 1] = Regex.Replace(lines[line - 1], "\"lastSeq\":(\\d+)", x => $"\"lastSeq\":{long.Parse(x.Groups[1].Value, CultureInfo.InvariantCulture) + 3}");
                    File.WriteAllText(log.CheckpointFile, string.Concat(lines.Select(k => k + "\n")));
                    break;
                case "delete-checkpoints":
                    File.Delete(log.CheckpointFile);
                    break;
                case "edit-in-place":
                    var text = File.ReadAllLines(last);
                    text[line - 1] = text[line - 1].Replace("\"externalId\":\"E0000\"", "\"externalId\":\"E0007\"");
                    File.WriteAllText(last, string.Concat(text.Select(k => k + "\n")));
                    break;
                case "replace-in-line":
                    // An edit by hand: "find" replaced on the line with "replace" (text), or "replaceHex" (bytes that need not be UTF-8).
                    var bytes = File.ReadAllBytes(last);
                    var start = 0;
                    for (var n = 1; n < line; n++)
                    {
                        start = Array.IndexOf(bytes, (byte)'\n', start) + 1;
                    }

                    var find = Encoding.UTF8.GetBytes(d.GetProperty("find").GetString()!);
                    var replacement = d.TryGetProperty("replaceHex", out var hex) ? Convert.FromHexString(hex.GetString()!) : Encoding.UTF8.GetBytes(d.GetProperty("replace").GetString()!);
                    var at = bytes.AsSpan(start, Array.IndexOf(bytes, (byte)'\n', start) - start).IndexOf(find);
                    Assert.True(at >= 0, $"line {line} does not hold {d.GetProperty("find").GetString()}");
                    File.WriteAllBytes(last, [.. bytes.AsSpan(0, start + at), .. replacement, .. bytes.AsSpan(start + at + find.Length)]);
                    break;
                case "flip-byte":
                    var month = Path.GetFileNameWithoutExtension(last).Substring("audit-".Length);
                    log.FlipByte(month, line);
                    break;
                case "legacy-after-keyed":
                    AppendLegacy(last);
                    break;
                default:
                    throw new InvalidDataException("unknown tamper operation " + d.GetProperty("tamper").GetString());
            }
        }

        private static void Truncate(string file, int lines)
        {
            var all = File.ReadAllLines(file);
            File.WriteAllText(file, string.Concat(all.Take(all.Length - lines).Select(k => k + "\n")));
        }

        // A format-1 entry (plain SHA-256, which anyone can compute) linked after the keyed entries: a downgrade.
        private static void AppendLegacy(string file)
        {
            var last = File.ReadAllLines(file)[^1];
            var seq = long.Parse(Regex.Match(last, "\"seq\":(\\d+)").Groups[1].Value, CultureInfo.InvariantCulture);
            var prev = Regex.Match(last, "\"hash\":\"([^\"]+)\"}$").Groups[1].Value;
            var body = $"{{\"v\":1,\"seq\":{seq + 1},\"time\":\"2026-03-21T08:00:00.000Z\",\"kind\":\"outcome\",\"operator\":{{\"user\":\"x\",\"machine\":\"y\"}},\"action\":\"delete\",\"externalId\":\"E0001\",\"outcome\":\"Succeeded\",\"prevHash\":\"{prev}\"";
            var hash = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)));
            File.AppendAllText(file, body + $",\"hash\":\"{hash}\"}}\n");
        }
    }
}

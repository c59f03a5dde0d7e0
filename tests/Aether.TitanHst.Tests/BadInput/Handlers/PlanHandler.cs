using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Aether.TitanHst.Apply;
using Aether.TitanHst.Audit;
using Aether.TitanHst.Errors;
using Aether.TitanHst.Plan;
using Aether.TitanHst.Security;
using Aether.TitanHst.Target;
using Aether.TitanHst.Tests.Apply;
using Aether.TitanHst.Tests.Client;

namespace Aether.TitanHst.Tests.BadInput.Handlers
{
    /// <summary>
    /// "plan": a plan of the mini district, exported for a private emulator, then attacked as case.json says; reading
    /// and applying it must fail with the expected error id, and the emulator must have received no write.
    /// </summary>
    /// <remarks>
    /// Members: "edits" [{ "find", "replace", "in": "firstCreate" (else everywhere) }] applied to the plan's content,
    /// whose hash is then recomputed (as anyone can); "remac" (recompute the MAC too, as a key holder can),
    /// "removeMac", "truncate" (bytes kept), "fileEdit" { "find", "replace" } on the whole file, "key": "foreign" (exported under another installation),
    /// "target": "anotherInstance", "gone" (one more managed record leaves), "roleChange" (default true),
    /// "contractSchemaVersion", and "options" { "override", "allowRoleChange", "allowDelete" } for the apply.
    /// </remarks>
    public sealed class PlanHandler : IBadInputHandler
    {
        public string Kind => "plan";

        public void Run(BadInputCase badCase) => RunAsync(badCase).GetAwaiter().GetResult();

        private static async System.Threading.Tasks.Task RunAsync(BadInputCase badCase)
        {
            var d = badCase.Definition;
            await using var emu = await TestTitanHst.StartAsync(staffCount: 3);
            using var fx = new ApplyFixture(schemaVersion: badCase.Member("contractSchemaVersion"));
            using var client = emu.Client();
            var instance = (await client.GetSchemaAsync()).InstanceId;
            var target = TargetIdentity.Of(emu.BaseUri, badCase.Member("target") == "anotherInstance" ? "tnt-another" : instance);
            var changes = fx.Diff(target, gone: Flag(d, "gone", false), roleChange: Flag(d, "roleChange", true)).Changes;

            using (var foreign = badCase.Member("key") == "foreign" ? InstallationKey.LoadOrCreate(fx.District.PathOf("foreign-keys")) : null)
            {
                PlanWriter.Write(fx.PlanPath, changes, "ops@host", foreign ?? fx.Key);
            }

            Attack(d, fx);
            string? errorId = null;
            try
            {
                var plan = PlanReader.Read(fx.PlanPath, fx.Key);
                var options = d.TryGetProperty("options", out var o) ? o : default;
                var engine = new ApplyEngine(client, new AuditLogWriter(new AuditLogOptions(fx.District.PathOf("audit"))), fx.District.PathOf("runs"));
                _ = engine.Start(plan.Changes, new ApplyOptions
                {
                    Contract = fx.Contract,
                    OverrideReason = Flag(options, "override", false) ? "corpus" : null,
                    AllowRoleChange = Flag(options, "allowRoleChange", true),
                    AllowDelete = Flag(options, "allowDelete", false),
                }).ToList();
            }
            catch (InputFileException ex)
            {
                errorId = ex.ErrorId;
            }
            catch (ApplyRefusedException ex)
            {
                errorId = ex.ErrorId;
            }

            Assert.True(errorId == badCase.ExpectedErrorId, $"{badCase.Name}: expected {badCase.ExpectedErrorId}, got {errorId ?? "no error (the plan was applied)"}");
            Assert.Equal(0, await ApplyEngineTests.WritesAsync(emu));
        }

        private static void Attack(JsonElement d, ApplyFixture fx)
        {
            if (d.TryGetProperty("edits", out var edits))
            {
                PlanForgery.Rewrite(fx.PlanPath, raw =>
                {
                    foreach (var edit in edits.EnumerateArray())
                    {
                        var find = edit.GetProperty("find").GetString()!;
                        var replace = edit.GetProperty("replace").GetString()!;
                        var from = edit.TryGetProperty("in", out var where) && where.GetString() == "firstCreate" ? raw.IndexOf("\"action\": \"Create\"", StringComparison.Ordinal) : 0;
                        var at = raw.IndexOf(find, from, StringComparison.Ordinal);
                        Assert.True(from >= 0 && at >= 0, $"'{find}' is not in the plan");
                        raw = edit.TryGetProperty("in", out _) ? string.Concat(raw.AsSpan(0, at), replace, raw.AsSpan(at + find.Length)) : raw.Replace(find, replace, StringComparison.Ordinal);
                    }

                    return raw;
                }, Flag(d, "remac", false) ? fx.Key : null);
            }

            if (d.TryGetProperty("fileEdit", out var fileEdit))
            {
                var text = File.ReadAllText(fx.PlanPath);
                var edited = text.Replace(fileEdit.GetProperty("find").GetString()!, fileEdit.GetProperty("replace").GetString()!, StringComparison.Ordinal);
                Assert.NotEqual(text, edited);
                File.WriteAllText(fx.PlanPath, edited, new UTF8Encoding(false));
            }

            if (Flag(d, "macInCapitals", false))
            {
                // The MAC's hex letters in capitals: the same bytes to a case-blind reader, not what the writer wrote.
                var text = File.ReadAllText(fx.PlanPath);
                var edited = Regex.Replace(text, "\"mac\": \"([0-9a-f]+)\"", m => $"\"mac\": \"{m.Groups[1].Value.ToUpperInvariant()}\"");
                Assert.NotEqual(text, edited);
                File.WriteAllText(fx.PlanPath, edited, new UTF8Encoding(false));
            }

            if (Flag(d, "removeMac", false))
            {
                var kept = File.ReadAllLines(fx.PlanPath).Where(l => !l.TrimStart().StartsWith("\"mac\"", StringComparison.Ordinal));
                File.WriteAllText(fx.PlanPath, string.Join("\n", kept) + "\n", new UTF8Encoding(false));
            }

            if (d.TryGetProperty("truncate", out var keep))
            {
                var bytes = File.ReadAllBytes(fx.PlanPath);
                File.WriteAllBytes(fx.PlanPath, bytes.AsSpan(0, Math.Min(bytes.Length, keep.GetInt32())).ToArray());
            }
        }

        private static bool Flag(JsonElement element, string name, bool fallback) =>
            element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : fallback;
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Aether.TitanHst.Apply;
using Aether.TitanHst.Audit;
using Aether.TitanHst.Canonical;
using Aether.TitanHst.Client;
using Aether.TitanHst.Diff;
using Aether.TitanHst.Plan;
using Aether.TitanHst.Security;
using Aether.TitanHst.Target;
using Aether.TitanHst.Tests.Apply;
using Aether.TitanHst.Tests.Client;

namespace Aether.TitanHst.Tests.BadInput.Handlers
{
    /// <summary>
    /// Kind "judged-apply": the old value a change's risk is judged on, attacked. A private emulator holds Ana (key 123)
    /// as a principal; the mini district's HR export says teacher, a role change. "attackOn": "snapshot" edits the
    /// snapshot the diff reads ("replace": [from, to]); "plan" edits a saved plan of the live diff ("edits" [{ "find",
    /// "replace" }], hashed and MAC'd again with the installation key, as a key holder can). Ana's change is applied
    /// with "options" { "override", "allowRoleChange" } (default false); expect its "outcome", and no write either way.
    /// </summary>
    public sealed class JudgedApplyHandler : IBadInputHandler
    {
        private const string Aimed = "123";

        public string Kind => "judged-apply";

        public void Run(BadInputCase badCase) => RunAsync(badCase).GetAwaiter().GetResult();

        private static async System.Threading.Tasks.Task RunAsync(BadInputCase badCase)
        {
            var d = badCase.Definition;
            await using var emu = await TestTitanHst.StartAsync(JudgedOldValueTests.AnaAsPrincipal());
            using var fx = new ApplyFixture();
            using var client = emu.Client();
            var schema = await client.GetSchemaAsync();
            var target = TargetIdentity.Of(client.BaseUri, schema.InstanceId);
            IReadOnlyList<StaffChange> changes = badCase.Member("attackOn") switch
            {
                "snapshot" => FromEditedSnapshot(d, fx, client, schema, target),
                "plan" => FromEditedPlan(d, fx, client, target),
                var other => throw new InvalidDataException($"{badCase.Name}: unknown attackOn '{other}'"),
            };

            var options = d.TryGetProperty("options", out var o) ? o : default;
            var engine = new ApplyEngine(client, new AuditLogWriter(new AuditLogOptions(fx.District.PathOf("audit"))), fx.District.PathOf("runs"));
            var outcome = engine.Start(changes, new ApplyOptions
            {
                Contract = fx.Contract,
                OverrideReason = Flag(options, "override") ? "corpus" : null,
                AllowRoleChange = Flag(options, "allowRoleChange"),
            }).Single(c => c.ExternalId == Aimed).Outcome;

            Assert.True(outcome == badCase.ExpectedOutcome, $"{badCase.Name}: expected outcome {badCase.ExpectedOutcome}, got {outcome}");
            Assert.Equal(0, await ApplyEngineTests.WritesAsync(emu));
        }

        private static StaffChange[] FromEditedSnapshot(JsonElement d, ApplyFixture fx, TitanHstClient client, TargetSchemaInfo schema, TargetIdentity target)
        {
            var path = fx.District.PathOf("snapshot.jsonl");
            var header = new TargetSnapshotHeader(DateTimeOffset.UtcNow, client.BaseUri.ToString(), TargetSnapshotScope.All, schema.ApiVersion, schema.SchemaVersion) { InstanceId = schema.InstanceId };
            using (var writer = new TargetSnapshotWriter(path, header, null))
            {
                foreach (var record in client.EnumerateStaff(StaffQuery.All))
                {
                    writer.Write(record);
                }

                writer.Complete();
            }

            var replace = d.GetProperty("replace");
            var text = File.ReadAllText(path);
            var edited = text.Replace(replace[0].GetString()!, replace[1].GetString()!, StringComparison.Ordinal);
            Assert.NotEqual(text, edited);
            File.WriteAllText(path, edited);

            using var reader = TargetSnapshotReader.OpenChecked(path, () => InstallationKey.LoadOrCreate(fx.District.PathOf("keys")));
            var identity = DiffIdentity.New(fx.Contract, SourceFileHash.Of(fx.Contract), TargetDescription.OfSnapshot(path, reader.Header), target);
            return Aimed1(new DiffEngine(fx.Contract, identity).Compute(new StaffExtractor(fx.Contract).Extract(), reader.ReadRecords()));
        }

        private static IReadOnlyList<StaffChange> FromEditedPlan(JsonElement d, ApplyFixture fx, TitanHstClient client, TargetIdentity target)
        {
            var identity = DiffIdentity.New(fx.Contract, SourceFileHash.Of(fx.Contract), target.BaseUri, target);
            var live = new DiffEngine(fx.Contract, identity).Compute(new StaffExtractor(fx.Contract).Extract(), client.EnumerateStaff(StaffQuery.All).ToList());
            PlanWriter.Write(fx.PlanPath, Aimed1(live), "ops@host", fx.Key);
            PlanForgery.Rewrite(fx.PlanPath, raw =>
            {
                foreach (var edit in d.GetProperty("edits").EnumerateArray())
                {
                    var find = edit.GetProperty("find").GetString()!;
                    Assert.True(raw.Contains(find, StringComparison.Ordinal), $"'{find}' is not in the plan");
                    raw = raw.Replace(find, edit.GetProperty("replace").GetString()!, StringComparison.Ordinal);
                }

                return raw;
            }, fx.Key);
            return PlanReader.Read(fx.PlanPath, fx.Key).Changes;
        }

        private static StaffChange[] Aimed1(DiffResult diff) => new[] { diff.Changes.Single(c => c.ExternalId == Aimed) };

        private static bool Flag(JsonElement element, string name) =>
            element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;
    }
}

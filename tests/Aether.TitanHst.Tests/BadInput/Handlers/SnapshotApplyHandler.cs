using System;
using System.IO;
using System.Linq;
using Aether.TitanHst.Apply;
using Aether.TitanHst.Audit;
using Aether.TitanHst.Canonical;
using Aether.TitanHst.Client;
using Aether.TitanHst.Diff;
using Aether.TitanHst.Errors;
using Aether.TitanHst.Security;
using Aether.TitanHst.Target;
using Aether.TitanHst.Tests.Apply;
using Aether.TitanHst.Tests.Client;

namespace Aether.TitanHst.Tests.BadInput.Handlers
{
    /// <summary>
    /// Kind "snapshot-apply": a target snapshot of a private emulator, edited as "replace" ([from, to]) says, is what a
    /// diff reads; the change aimed by the edit ("aimedAt", the externalId the edit planted) is applied with an
    /// override (an operator who overrides the thresholds must still not write to the wrong person). With "seal": true
    /// the snapshot was sealed before the edit, as Update-TitanHstSnapshot's are. Expect "errorId" (the read fails) or
    /// "outcome" (the apply's outcome for the aimed change); either way the emulator receives no write.
    /// </summary>
    public sealed class SnapshotApplyHandler : IBadInputHandler
    {
        public string Kind => "snapshot-apply";

        public void Run(BadInputCase badCase) => RunAsync(badCase).GetAwaiter().GetResult();

        private static async System.Threading.Tasks.Task RunAsync(BadInputCase badCase)
        {
            await using var emu = await TestTitanHst.StartAsync(staffCount: 3);
            using var fx = new ApplyFixture();
            using var client = emu.Client();
            var schema = await client.GetSchemaAsync();
            var path = fx.District.PathOf("snapshot.jsonl");
            var header = new TargetSnapshotHeader(DateTimeOffset.UtcNow, client.BaseUri.ToString(), TargetSnapshotScope.All, schema.ApiVersion, schema.SchemaVersion) { InstanceId = schema.InstanceId };
            var seal = badCase.Definition.TryGetProperty("seal", out var s) && s.GetBoolean();
            using (var writer = new TargetSnapshotWriter(path, header, seal ? fx.Key.DeriveKey(SnapshotSeal.Purpose) : null))
            {
                foreach (var record in client.EnumerateStaff(StaffQuery.All))
                {
                    writer.Write(record);
                }

                writer.Complete();
                if (seal)
                {
                    SnapshotSeal.Write(path, fx.Key.KeyId, writer.Mac!, writer.Length);
                }
            }

            var replace = badCase.Definition.GetProperty("replace");
            var text = File.ReadAllText(path);
            var edited = text.Replace(replace[0].GetString()!, replace[1].GetString()!, StringComparison.Ordinal);
            Assert.NotEqual(text, edited);
            File.WriteAllText(path, edited);

            string? errorId = null;
            string? outcome = null;
            try
            {
                using var reader = TargetSnapshotReader.OpenChecked(path, () => InstallationKey.LoadOrCreate(fx.District.PathOf("keys")));
                var identity = DiffIdentity.New(fx.Contract, SourceFileHash.Of(fx.Contract), TargetDescription.OfSnapshot(path, reader.Header), TargetIdentity.Of(client.BaseUri, schema.InstanceId));
                // No source people: every managed record is a departure; only the one the edit aimed is applied.
                var diff = new DiffEngine(fx.Contract, identity).Compute(Array.Empty<ExtractItem>(), reader.ReadRecords());
                var aimed = diff.Changes.Single(c => c.ExternalId == badCase.Member("aimedAt"));
                var engine = new ApplyEngine(client, new AuditLogWriter(new AuditLogOptions(fx.District.PathOf("audit"))), fx.District.PathOf("runs"));
                outcome = engine.Start(new[] { aimed }, new ApplyOptions { Contract = fx.Contract, OverrideReason = "corpus" }).Single().Outcome;
            }
            catch (InputFileException ex)
            {
                errorId = ex.ErrorId;
            }

            Assert.True(errorId == badCase.ExpectedErrorId, $"{badCase.Name}: expected error {badCase.ExpectedErrorId ?? "none"}, got {errorId ?? "none"}");
            Assert.True(outcome == badCase.ExpectedOutcome, $"{badCase.Name}: expected outcome {badCase.ExpectedOutcome ?? "none"}, got {outcome ?? "none"}");
            Assert.Equal(0, await ApplyEngineTests.WritesAsync(emu));
        }
    }
}

using System;
using System.IO;
using System.Text.RegularExpressions;
using Aether.TitanHst.Security;
using Aether.TitanHst.Target;
using Aether.TitanHst.Tests.Client;

namespace Aether.TitanHst.Tests.BadInput.Handlers
{
    /// <summary>
    /// Kind "kept-snapshot": a kept target snapshot that cannot be trusted must never be refreshed: the read is full,
    /// its Reason names why (expect.reason, a fragment), and nothing planted survives. Members: "replace" ([from, to],
    /// an edit of the kept file after it was sealed), "sealReplace" ([from, to], an edit of its seal), "sealMacInCapitals",
    /// "instanceId" (TitanHST reports another instance at the next
    /// read), "planted" (a snapshot and seal file of the case folder, copied over the kept one).
    /// </summary>
    public sealed class KeptSnapshotHandler : IBadInputHandler
    {
        public string Kind => "kept-snapshot";

        public void Run(BadInputCase badCase)
        {
            var folder = Directory.CreateTempSubdirectory("titanhst-corpus-kept-").FullName;
            var emu = TestTitanHst.StartAsync(120).GetAwaiter().GetResult();
            try
            {
                using var key = InstallationKey.LoadOrCreate(Path.Combine(folder, "keys"));
                using var client = emu.Client();
                var settings = new TargetReadSettings { Mode = TargetReadMode.Incremental, Overlap = TimeSpan.Zero };
                var kept = Path.Combine(folder, "kept.jsonl");
                var schema = client.GetSchemaAsync().GetAwaiter().GetResult();
                var first = new TargetSnapshotRefresher(client, key, settings).Read(kept, TargetIdentity.Of(client.BaseUri, schema.InstanceId), schema.ApiVersion, schema.SchemaVersion);
                Assert.Equal(TargetReadMode.Full, first.GetMade());

                string? planted = null;
                if (badCase.Definition.TryGetProperty("replace", out var replace))
                {
                    var from = replace[0].GetString()!;
                    planted = replace[1].GetString()!;
                    var text = File.ReadAllText(kept);
                    Assert.Contains(from, text, StringComparison.Ordinal);
                    File.WriteAllText(kept, text.Replace(from, planted, StringComparison.Ordinal));
                }

                if (badCase.Definition.TryGetProperty("sealMacInCapitals", out var capitals) && capitals.GetBoolean())
                {
                    // The seal's MAC in capitals: the same bytes to a case-blind reader, not what the writer wrote.
                    var seal = File.ReadAllText(kept + ".seal");
                    var edited = Regex.Replace(seal, "\"mac\":\\s*\"([0-9a-f]+)\"", m => m.Value.Replace(m.Groups[1].Value, m.Groups[1].Value.ToUpperInvariant(), StringComparison.Ordinal));
                    Assert.NotEqual(seal, edited);
                    File.WriteAllText(kept + ".seal", edited);
                }

                if (badCase.Definition.TryGetProperty("sealReplace", out var sealReplace))
                {
                    var seal = File.ReadAllText(kept + ".seal");
                    var edited = seal.Replace(sealReplace[0].GetString()!, sealReplace[1].GetString()!, StringComparison.Ordinal);
                    Assert.NotEqual(seal, edited);
                    File.WriteAllText(kept + ".seal", edited);
                }

                if (badCase.Member("instanceId") is { } instance)
                {
                    emu.ConfigureAsync(new { instanceId = instance }).GetAwaiter().GetResult();
                    schema = client.GetSchemaAsync().GetAwaiter().GetResult();
                }

                if (badCase.Member("planted") is { } file)
                {
                    File.Copy(badCase.PathOf(file), kept, overwrite: true);
                    File.Copy(badCase.PathOf(file + ".seal"), kept + ".seal", overwrite: true);
                    planted = badCase.Member("plantedMarker");
                }

                var next = new TargetSnapshotRefresher(client, key, settings).Read(kept, TargetIdentity.Of(client.BaseUri, schema.InstanceId), schema.ApiVersion, schema.SchemaVersion);

                Assert.Equal(badCase.ExpectedOutcome, next.GetMade() == TargetReadMode.Full ? "FullRead" : "Refreshed");
                Assert.Contains(badCase.Expect.GetProperty("reason").GetString()!, next.Reason, StringComparison.Ordinal);
                Assert.Equal(120, next.Records);
                if (planted is not null)
                {
                    Assert.DoesNotContain(planted, File.ReadAllText(kept), StringComparison.Ordinal);
                }
            }
            finally
            {
                emu.DisposeAsync().AsTask().GetAwaiter().GetResult();
                Directory.Delete(folder, true);
            }
        }
    }
}

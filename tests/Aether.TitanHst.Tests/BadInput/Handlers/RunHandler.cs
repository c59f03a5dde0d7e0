using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Aether.TitanHst.Apply;
using Aether.TitanHst.Audit;
using Aether.TitanHst.Target;
using Aether.TitanHst.Tests.Apply;
using Aether.TitanHst.Tests.Client;

namespace Aether.TitanHst.Tests.BadInput.Handlers
{
    /// <summary>
    /// "run": an interrupted run of the mini district for a private emulator, attacked as case.json says, then
    /// resumed: the resume must fail with the expected error id and the emulator must receive no write. The outcome
    /// "TornTailRecovered" instead opens the journal (no resume) and expects the torn line removed with a warning.
    /// </summary>
    /// <remarks>
    /// Members: "method": "handWrittenHeader" | "deleteRunJson" | "swapPlan" | "tearJournal" | "edit" | "removeLine" |
    /// "cutFromDeclined" | "linkJournal" | "none"; "file" and "find"/"replace" for "edit"; "line" (1-based) for "removeLine";
    /// "resumeId" to resume by another id (a path). "cutFromDeclined" runs the engine with one change declined (journal
    /// and audit as the engine writes them), then cuts the journal from the declined outcome's line to its end.
    /// "linkJournal" replaces the journal with a symbolic link to a key-sized file outside the run (Linux and macOS only),
    /// which must come through byte for byte.
    /// </remarks>
    public sealed class RunHandler : IBadInputHandler
    {
        public string Kind => "run";

        public void Run(BadInputCase badCase) => RunAsync(badCase).GetAwaiter().GetResult();

        private static async System.Threading.Tasks.Task RunAsync(BadInputCase badCase)
        {
            await using var emu = await TestTitanHst.StartAsync(staffCount: 3);
            using var fx = new ApplyFixture();
            using var client = emu.Client();
            var target = TargetIdentity.Of(emu.BaseUri, (await client.GetSchemaAsync()).InstanceId);
            var root = fx.District.PathOf("runs");
            var runId = badCase.Member("method") == "cutFromDeclined" ? DeclinedRun(fx, client, root, target) : NewRun(fx, root, target, gone: false);
            var folder = Path.Combine(root, runId);
            (string Path, byte[] Bytes)? linked = null;
            switch (badCase.Member("method"))
            {
                case "handWrittenHeader":
                    using (var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "run.json"))))
                    {
                        File.WriteAllText(Path.Combine(folder, "run.json"), doc.RootElement.GetProperty("header").GetRawText());
                    }

                    break;
                case "deleteRunJson":
                    File.Delete(Path.Combine(folder, "run.json"));
                    break;
                case "swapPlan":
                    var other = NewRun(fx, root, target, gone: true);
                    File.Copy(Path.Combine(root, other, "plan.json"), Path.Combine(folder, "plan.json"), overwrite: true);
                    break;
                case "tearJournal":
                    File.AppendAllText(Path.Combine(folder, "journal.jsonl"), "{\"seq\":3,\"time\":\"2026-");
                    break;
                case "edit":
                    var file = Path.Combine(folder, badCase.Member("file")!);
                    var text = File.ReadAllText(file);
                    var edited = text.Replace(badCase.Member("find")!, badCase.Member("replace")!, StringComparison.Ordinal);
                    Assert.NotEqual(text, edited);
                    File.WriteAllText(file, edited);
                    break;
                case "removeLine":
                    var journalLines = File.ReadAllLines(Path.Combine(folder, "journal.jsonl")).ToList();
                    journalLines.RemoveAt(int.Parse(badCase.Member("line")!, System.Globalization.CultureInfo.InvariantCulture) - 1);
                    File.WriteAllLines(Path.Combine(folder, "journal.jsonl"), journalLines);
                    break;
                case "cutFromDeclined":
                    var all = File.ReadAllLines(Path.Combine(folder, "journal.jsonl"));
                    var declinedAt = Array.FindIndex(all, l => l.Contains("\"Declined\"", StringComparison.Ordinal));
                    Assert.True(declinedAt >= 0);
                    File.WriteAllLines(Path.Combine(folder, "journal.jsonl"), all.Take(declinedAt));
                    break;
                case "linkJournal":
                    if (OperatingSystem.IsWindows())
                    {
                        return; // creating a link needs privileges there
                    }

                    // A key-sized file outside the run's folder, without a newline: all of it looks like a torn tail.
                    linked = (fx.District.PathOf("victim.key"), System.Security.Cryptography.RandomNumberGenerator.GetBytes(32).Select(b => b == (byte)'\n' ? (byte)'x' : b).ToArray());
                    File.WriteAllBytes(linked.Value.Path, linked.Value.Bytes);
                    File.Delete(Path.Combine(folder, "journal.jsonl"));
                    File.CreateSymbolicLink(Path.Combine(folder, "journal.jsonl"), linked.Value.Path);
                    break;
                case "none":
                    break;
                default:
                    throw new InvalidDataException($"{badCase.Name}: unknown method '{badCase.Member("method")}'");
            }

            if (badCase.ExpectedOutcome == "TornTailRecovered")
            {
                using var journal = RunJournal.Open(root, runId);
                Assert.Contains(journal.Warnings, w => w.Contains("torn", StringComparison.Ordinal));
                Assert.EndsWith("\n", File.ReadAllText(Path.Combine(folder, "journal.jsonl")), StringComparison.Ordinal);
                return;
            }

            var before = await ApplyEngineTests.WritesAsync(emu);
            var engine = new ApplyEngine(client, new AuditLogWriter(new AuditLogOptions(fx.District.PathOf("audit"))), root);
            var ex = Assert.Throws<ApplyRefusedException>(() => engine.Resume(badCase.Member("resumeId") ?? runId).ToList());
            Assert.Equal(badCase.ExpectedErrorId, ex.ErrorId);
            Assert.Equal(before, await ApplyEngineTests.WritesAsync(emu));
            if (linked is { } planted)
            {
                Assert.Equal(planted.Bytes, File.ReadAllBytes(planted.Path));
                Assert.Contains("journal.jsonl", ex.Message, StringComparison.Ordinal);
            }
        }

        // A run the engine carried out with its first applicable change declined at the prompt: journaled and audited.
        private static string DeclinedRun(ApplyFixture fx, Aether.TitanHst.Client.TitanHstClient client, string root, TargetIdentity target)
        {
            var changes = fx.Diff(target, roleChange: false).Changes;
            var options = new ApplyOptions { Contract = fx.Contract, ThrottleLimit = 1 };
            options.Declined.Add(changes.First(c => ApplyGate.SkipReason(c) is null).GetExternalId());
            var engine = new ApplyEngine(client, new AuditLogWriter(new AuditLogOptions(fx.District.PathOf("audit"))), root);
            _ = engine.Start(changes, options).ToList();
            return engine.RunId!;
        }

        // An interrupted run as the engine leaves it, under the test installation's default key.
        private static string NewRun(ApplyFixture fx, string root, TargetIdentity target, bool gone)
        {
            var changes = fx.Diff(target, gone: gone, roleChange: false).Changes;
            var header = new RunHeader
            {
                RunId = string.Concat("20260301-070000-", Guid.NewGuid().ToString("N").AsSpan(0, 6)), StartedAt = DateTimeOffset.UtcNow, Operator = "ops@host",
                Target = target.BaseUri, TargetBaseUri = target.BaseUri, TargetInstanceId = target.InstanceId, ContractId = fx.Contract.Id, ContractVersion = fx.Contract.Version,
                ContractHash = fx.Contract.Hash, ThrottleLimit = 1,
            };
            using var journal = RunJournal.Create(root, header, changes);
            var change = changes.First(c => c.GetAction() == Aether.TitanHst.Diff.ChangeAction.Create);
            journal.Intent(change, "k");
            journal.Outcome(new ChangeOutcome(header.RunId, change, ApplyOutcomeKind.Succeeded, 201, 1, null, "stf_x", DateTimeOffset.UtcNow));
            return header.RunId;
        }
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Aether.TitanHst.Audit;

namespace Aether.TitanHst.Tests.Audit
{
    /// <summary>A private audit folder with a settable clock, and helpers to write runs and to tamper with lines.</summary>
    public sealed class AuditTestLog : IDisposable
    {
        public AuditTestLog()
        {
            var root = Path.Combine(Path.GetTempPath(), "titanhst-tests", "audit-" + Guid.NewGuid().ToString("N"));
            Folder = Path.Combine(root, "audit");
            KeyFolder = Path.Combine(root, "keys");
            AnchorFile = Path.Combine(root, "anchor", "checkpoints.jsonl");
            Options = NewOptions();
            Writer = new AuditLogWriter(Options);
        }

        public string Folder { get; }

        /// <summary>The installation key's folder, beside (never inside) the audit folder.</summary>
        public string KeyFolder { get; }

        /// <summary>A file anchor outside the audit folder; used only when <see cref="UseAnchor"/> is set.</summary>
        public string AnchorFile { get; }

        public AuditAnchorSettings Anchor => UseAnchor ? AuditAnchorSettings.Parse("file:" + AnchorFile, "test") : AuditAnchorSettings.None;

        public bool UseAnchor { get; set; }

        public DateTimeOffset Now { get; set; } = new(2026, 1, 10, 8, 0, 0, TimeSpan.Zero);

        public AuditLogOptions Options { get; }

        public AuditLogWriter Writer { get; }

        public static AuditContractInfo Contract { get; } = new("sample-district", "1.2.0", "sha256:" + new string('c', 64));

        /// <summary>Options on the same folder and clock, as a second writer (or process) would have.</summary>
        public AuditLogOptions NewOptions()
        {
            var options = new AuditLogOptions(Folder)
            {
                Operator = new AuditOperator("DISTRICT\\svc-sync", "SYNC01"),
                Clock = () => Now,
                KeyFolder = KeyFolder,
                Anchor = AuditAnchorSettings.None,
            };
            return options.UseFields(new Dictionary<string, bool> { ["firstName"] = true, ["lastName"] = true, ["email"] = true, ["roleCode"] = false, ["siteCode"] = false });
        }

        public string File(string month) => Path.Combine(Folder, $"audit-{month}.jsonl");

        public AuditEntry Action(string runId, string externalId, string action = "update", IDictionary<string, string?>? fields = null)
        {
            Now = Now.AddSeconds(1);
            var e = new AuditEvent(AuditEntryKind.Action) { RunId = runId, Contract = Contract, PlanHash = "sha256:" + new string('p', 64), Action = action, ExternalId = externalId };
            foreach (var field in fields ?? new Dictionary<string, string?> { ["roleCode"] = "TCH" })
            {
                e.Fields[field.Key] = field.Value;
            }

            return Writer.Append(e);
        }

        public AuditEntry Outcome(string runId, string externalId, string outcome = "Succeeded", int status = 200, string? error = null)
        {
            Now = Now.AddSeconds(1);
            return Writer.Append(new AuditEvent(AuditEntryKind.Outcome) { RunId = runId, Contract = Contract, Action = "update", ExternalId = externalId, Outcome = outcome, HttpStatus = status, Attempts = 1, Error = error });
        }

        /// <summary>Writes <paramref name="count"/> action/outcome pairs in each month given.</summary>
        public void WriteMonths(int count, params string[] months)
        {
            foreach (var month in months)
            {
                Now = DateTimeOffset.Parse(month + "-05T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
                var run = "run-" + month;
                for (var i = 0; i < count; i++)
                {
                    Action(run, $"E{i:D4}");
                    Outcome(run, $"E{i:D4}");
                }
            }
        }

        public string[] Lines(string month) => System.IO.File.ReadAllText(File(month)).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        public void WriteLines(string month, IEnumerable<string> lines) => System.IO.File.WriteAllText(File(month), string.Concat(lines.Select(l => l + "\n")));

        public string AllText() => string.Concat(AuditFolder.ListFiles(Folder).Select(System.IO.File.ReadAllText));

        /// <summary>Flips one byte of a line (1-based), inside its JSON rather than its hash.</summary>
        public void FlipByte(string month, int line, int offset = 40)
        {
            var bytes = System.IO.File.ReadAllBytes(File(month));
            var start = 0;
            for (var n = 1; n < line; n++)
            {
                start = Array.IndexOf(bytes, (byte)'\n', start) + 1;
            }

            bytes[start + offset] ^= 0x01;
            System.IO.File.WriteAllBytes(File(month), bytes);
        }

        public AuditVerificationResult Verify() => AuditLogVerifier.Verify(Folder, KeyFolder, Anchor);

        /// <summary>Verifies the log named by another spelling of its folder (a trailing separator).</summary>
        public AuditVerificationResult Verify(string spelledAs) => AuditLogVerifier.Verify(spelledAs, KeyFolder, Anchor);

        /// <summary>A whole apply run: RunStart, <paramref name="changes"/> action/outcome pairs, RunEnd (which writes a checkpoint).</summary>
        public void Run(string runId, int changes)
        {
            Now = Now.AddSeconds(1);
            Writer.Append(new AuditEvent(AuditEntryKind.RunStart) { RunId = runId, Contract = Contract });
            for (var i = 0; i < changes; i++)
            {
                Action(runId, $"E{i:D4}");
                Outcome(runId, $"E{i:D4}");
            }

            Now = Now.AddSeconds(1);
            Writer.Append(new AuditEvent(AuditEntryKind.RunEnd) { RunId = runId, Contract = Contract, Outcome = "Completed" });
        }

        public void Dispose()
        {
            Writer.Dispose();
            try
            {
                Directory.Delete(Path.GetDirectoryName(Folder)!, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }

        public static string Utf8(byte[] bytes) => Encoding.UTF8.GetString(bytes);

        public void TwoRuns()
        {
            Run("run-1", 2);
            Run("run-2", 2);
        }

        /// <summary>Turns the file anchor on for the writer and the verifier.</summary>
        public void EnableAnchor()
        {
            UseAnchor = true;
            Options.Anchor = Anchor;
        }

        /// <summary>Copies tests/fixtures/audit (the frozen unkeyed legacy log) into the folder.</summary>
        public void CopyLegacyFixture()
        {
            Directory.CreateDirectory(Folder);
            foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "fixtures", "audit")))
            {
                System.IO.File.Copy(file, Path.Combine(Folder, Path.GetFileName(file)));
            }
        }

        public string CheckpointFile => Path.Combine(Folder, "checkpoints.jsonl");

        // The attacker's own installation key: valid-looking MACs that do not verify under the district's key.
        internal AuditChainKey AttackerKey() => AuditChainKey.ForWriting(Folder, Path.Combine(Path.GetDirectoryName(Folder)!, "attacker-keys"));

        public void AppendForged(string file)
        {
            var last = AuditLogQuery.Read(Folder).Last();
            var forged = new AuditEntry(new AuditEvent(AuditEntryKind.Outcome) { RunId = last.RunId, Action = "delete", ExternalId = "E0001", Outcome = "Succeeded" },
                last.Sequence + 1, last.Time.AddSeconds(1), last.Operator, Array.Empty<AuditFieldValue>(), null, null, last.Hash);
            using var key = AttackerKey();
            System.IO.File.AppendAllText(file, Encoding.UTF8.GetString(AuditEntryJson.ToLine(forged, key)));
        }

        // Edits lines from fromLine (1-based) on and recomputes every hash after it, with the attacker's key or plain SHA-256.
        public void Rechain(string file, int fromLine, Func<string, string> edit, bool legacy = false)
        {
            using var key = AttackerKey();
            var lines = System.IO.File.ReadAllLines(file);
            string? prev = fromLine > 1 ? Regex.Match(lines[fromLine - 2], "\"hash\":\"([^\"]+)\"}$").Groups[1].Value : null;
            for (var i = fromLine - 1; i < lines.Length; i++)
            {
                var body = edit(lines[i].Substring(0, lines[i].LastIndexOf(",\"hash\":", StringComparison.Ordinal)));
                if (prev is not null)
                {
                    body = Regex.Replace(body, "\"prevHash\":\"[^\"]+\"$", $"\"prevHash\":\"{prev}\"");
                }

                var covered = Encoding.UTF8.GetBytes(body);
                prev = legacy ? "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(covered)) : key.MacEntry(covered, covered.Length);
                lines[i] = body + $",\"hash\":\"{prev}\"}}";
            }

            System.IO.File.WriteAllText(file, string.Join("\n", lines) + "\n");
        }
    }
}

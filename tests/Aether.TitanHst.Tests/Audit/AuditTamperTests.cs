using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Aether.TitanHst.Audit;
using Aether.TitanHst.Errors;

namespace Aether.TitanHst.Tests.Audit
{
    /// <summary>
    /// Someone who can write the audit folder, but cannot read the installation key, tries to forge, rewrite, cut or
    /// delete the log; each attempt is named by the check that catches it.
    /// </summary>
    public sealed class AuditTamperTests : IDisposable
    {
        private readonly AuditTestLog _log = new();

        public void Dispose() => _log.Dispose();

        [Fact]
        public void An_intact_keyed_log_passes_every_check_and_says_it_is_keyed()
        {
            TwoRuns();

            var result = _log.Verify();

            Assert.True(result.Passed, string.Join("\n", result.Checks));
            Assert.Equal(new[] { "Entries", "Chain", "Start", "Checkpoints", "Truncation", "Files", "Anchor" }, result.Checks.Select(c => c.Check));
            Assert.StartsWith("Keyed (HMAC-SHA256", Check(result, "Entries").Guarantee);
            Assert.Matches("^hmac-sha256:[0-9a-f]{64}$", result.LastHash!);
            Assert.Equal(2, File.ReadAllLines(Path.Combine(_log.Folder, "checkpoints.jsonl")).Length);
        }

        [Fact]
        public void The_chain_key_is_the_installation_key_not_the_audit_folders_own_key()
        {
            TwoRuns();
            var line = File.ReadAllLines(_log.File("2026-01"))[0];
            var covered = Encoding.UTF8.GetBytes(line.Substring(0, line.LastIndexOf(",\"hash\":", StringComparison.Ordinal)));
            using var key = Security.InstallationKey.LoadOrCreate(_log.KeyFolder);
            using var hmac = new System.Security.Cryptography.HMACSHA256(key.DeriveKey("audit-chain"));

            Assert.EndsWith($"\"hash\":\"hmac-sha256:{Convert.ToHexStringLower(hmac.ComputeHash(covered))}\"}}", line);
            Assert.False(File.Exists(Path.Combine(_log.Folder, "installation.key")));
        }

        [Fact]
        public void A_forged_appended_entry_is_named()
        {
            TwoRuns();
            _log.AppendForged(_log.File("2026-01"));

            var result = _log.Verify();

            Assert.False(result.Passed);
            var entries = Check(result, "Entries");
            Assert.Equal(AuditProblemKind.ForgedEntry, entries.GetProblem());
            Assert.True(Check(result, "Chain").Passed); // the forger linked it correctly: only the key tells
            Assert.Equal(AuditProblemKind.ForgedEntry, result.FirstBadEntry!.GetProblem());
            Assert.Equal(_log.Verify().LastSequence, result.FirstBadEntry!.Sequence);
        }

        [Fact]
        public void A_rechained_rewrite_is_named()
        {
            TwoRuns();
            _log.Rechain(_log.File("2026-01"), fromLine: 3, l => l.Replace("\"externalId\":\"E0001\"", "\"externalId\":\"E9999\""));

            var result = _log.Verify();

            Assert.True(Check(result, "Chain").Passed);
            Assert.Equal(AuditProblemKind.Rechained, Check(result, "Entries").GetProblem());
            Assert.Equal(AuditProblemKind.Rechained, Check(result, "Truncation").GetProblem());
        }

        [Fact]
        public void A_rechained_rewrite_in_the_legacy_format_is_named_as_well()
        {
            TwoRuns();
            _log.Rechain(_log.File("2026-01"), fromLine: 1, l => l.Replace("\"v\":2,", "\"v\":1,"), legacy: true);

            var result = _log.Verify();

            Assert.False(result.Passed);
            Assert.Equal(AuditProblemKind.Rechained, Check(result, "Truncation").GetProblem());
        }

        [Fact]
        public void Truncation_of_the_last_entries_is_named()
        {
            TwoRuns();
            var lines = _log.Lines("2026-01");
            _log.WriteLines("2026-01", lines.Take(lines.Length - 3));

            var result = _log.Verify();

            var truncation = Check(result, "Truncation");
            Assert.False(truncation.Passed);
            Assert.Equal(AuditProblemKind.Truncated, truncation.GetProblem());
            Assert.Contains($"entries {lines.Length - 2}-{lines.Length} were removed", truncation.Detail);
            Assert.Equal(AuditProblemKind.Truncated, result.FirstBadEntry!.GetProblem());
        }

        [Fact]
        public void Deletion_of_a_whole_file_is_named()
        {
            _log.Now = new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);
            _log.Run("jan", 2);
            _log.Now = new DateTimeOffset(2026, 2, 5, 8, 0, 0, TimeSpan.Zero);
            _log.Run("feb", 2);
            _log.Now = new DateTimeOffset(2026, 3, 5, 8, 0, 0, TimeSpan.Zero);
            _log.Run("mar", 2);
            File.Delete(_log.File("2026-03"));

            var result = _log.Verify();

            var files = Check(result, "Files");
            Assert.Equal(AuditProblemKind.FileDeleted, files.GetProblem());
            Assert.Contains("audit-2026-03.jsonl", files.Detail);
            Assert.Equal(AuditProblemKind.FileDeleted, result.FirstBadEntry!.GetProblem());
        }

        [Fact]
        public void Deletion_of_the_whole_log_is_named_when_the_anchor_is_present()
        {
            UseAnchor();
            TwoRuns();
            Directory.Delete(_log.Folder, recursive: true);

            var result = _log.Verify();

            var anchor = Check(result, "Anchor");
            Assert.False(anchor.Passed);
            Assert.Equal(AuditProblemKind.LogDeleted, anchor.GetProblem());
            Assert.Equal(AuditProblemKind.LogDeleted, result.FirstBadEntry!.GetProblem());
        }

        [Fact]
        public void Without_an_anchor_deletion_of_the_whole_log_is_not_detectable_and_the_check_says_so()
        {
            TwoRuns();
            Directory.Delete(_log.Folder, recursive: true);

            var result = _log.Verify();

            Assert.True(result.Passed);
            Assert.StartsWith("None: no anchor configured", Check(result, "Anchor").Guarantee);
        }

        [Fact]
        public void Truncation_together_with_the_checkpoints_is_caught_by_the_anchor()
        {
            UseAnchor();
            TwoRuns();
            var lines = _log.Lines("2026-01");
            var checkpoints = File.ReadAllLines(Path.Combine(_log.Folder, "checkpoints.jsonl"));
            _log.WriteLines("2026-01", lines.Take(lines.Length / 2));
            File.WriteAllText(Path.Combine(_log.Folder, "checkpoints.jsonl"), checkpoints[0] + "\n");

            var result = _log.Verify();

            Assert.True(Check(result, "Truncation").Passed); // consistent inside the folder...
            Assert.Equal(AuditProblemKind.Truncated, Check(result, "Anchor").GetProblem()); // ...but not with the copy outside it
        }

        [Fact]
        public void A_checkpoint_whose_signature_does_not_verify_is_named()
        {
            TwoRuns();
            var path = Path.Combine(_log.Folder, "checkpoints.jsonl");
            var checkpoints = File.ReadAllLines(path);
            checkpoints[1] = Regex.Replace(checkpoints[1], "\"lastSeq\":(\\d+)", m => $"\"lastSeq\":{long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + 5}");
            File.WriteAllText(path, string.Join("\n", checkpoints) + "\n");

            var result = _log.Verify();

            var check = Check(result, "Checkpoints");
            Assert.Equal(AuditProblemKind.CheckpointInvalid, check.GetProblem());
            Assert.Contains("checkpoints.jsonl:2", check.Detail);
            Assert.Contains("signature does not verify", check.Detail);
        }

        [Fact]
        public void A_deleted_checkpoint_file_is_named()
        {
            TwoRuns();
            File.Delete(Path.Combine(_log.Folder, "checkpoints.jsonl"));

            Assert.Equal(AuditProblemKind.CheckpointInvalid, Check(_log.Verify(), "Checkpoints").GetProblem());
        }

        [Fact]
        public void Without_the_installation_key_the_keyed_checks_fail_as_not_checked_and_no_key_is_created()
        {
            TwoRuns();
            var elsewhere = Path.Combine(Path.GetDirectoryName(_log.Folder)!, "no-keys-here");

            var result = AuditLogVerifier.Verify(_log.Folder, elsewhere, AuditAnchorSettings.None);

            Assert.False(result.Passed);
            Assert.StartsWith("Not checked", Check(result, "Entries").Guarantee);
            Assert.False(Directory.Exists(elsewhere));
        }

        [Fact]
        public void A_key_folder_inside_the_audit_folder_is_refused()
        {
            var options = _log.NewOptions();
            options.KeyFolder = Path.Combine(_log.Folder, "keys");
            using var writer = new AuditLogWriter(options);

            var e = Assert.Throws<InputFileException>(() => writer.Append(new AuditEvent(AuditEntryKind.RunStart) { RunId = "r" }));
            Assert.Equal(AuditErrorIds.AuditKeyInsideLog, e.ErrorId);
        }

        [Fact]
        public void A_legacy_log_verifies_as_unkeyed_legacy_and_keeps_verifying_once_keyed_entries_follow()
        {
            CopyFixture();

            var before = _log.Verify();
            Assert.True(before.Passed, string.Join("\n", before.Checks));
            Assert.StartsWith("Unkeyed legacy (SHA-256)", Check(before, "Entries").Guarantee);

            _log.Now = new DateTimeOffset(2026, 3, 20, 8, 0, 0, TimeSpan.Zero);
            _log.Run("after-upgrade", 1);
            var after = _log.Verify();

            Assert.True(after.Passed, string.Join("\n", after.Checks));
            Assert.Contains("sequences 1-12 are unkeyed legacy", Check(after, "Entries").Guarantee);
        }

        [Fact]
        public void A_legacy_entry_appended_after_keyed_entries_is_a_forgery()
        {
            CopyFixture();
            _log.Now = new DateTimeOffset(2026, 3, 20, 8, 0, 0, TimeSpan.Zero);
            _log.Run("after-upgrade", 1);
            var file = _log.File("2026-03");
            var last = File.ReadAllLines(file)[^1];
            var seq = long.Parse(Regex.Match(last, "\"seq\":(\\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            var prev = Regex.Match(last, "\"hash\":\"([^\"]+)\"}$").Groups[1].Value;
            var body = $"{{\"v\":1,\"seq\":{seq + 1},\"time\":\"2026-03-21T08:00:00.000Z\",\"kind\":\"outcome\",\"operator\":{{\"user\":\"x\",\"machine\":\"y\"}},\"action\":\"delete\",\"externalId\":\"E0001\",\"outcome\":\"Succeeded\",\"prevHash\":\"{prev}\"";
            var hash = "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(body)));
            File.AppendAllText(file, body + $",\"hash\":\"{hash}\"}}\n");

            var entries = Check(_log.Verify(), "Entries");

            Assert.Equal(AuditProblemKind.ForgedEntry, entries.GetProblem());
            Assert.Contains("legacy format after keyed entries", entries.Detail);
        }

        [Fact]
        public void Retention_keeps_every_check_passing()
        {
            foreach (var month in new[] { "2026-01", "2026-02", "2026-03" })
            {
                _log.Now = DateTimeOffset.Parse(month + "-05T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
                _log.Run("run-" + month, 2);
            }

            _log.Now = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
            AuditRetention.Remove(_log.Writer, TimeSpan.FromDays(30));

            var result = _log.Verify();
            Assert.True(result.Passed, string.Join("\n", result.Checks));
            Assert.NotNull(result.StartVouchedBy);
        }

        [Fact]
        public void A_last_entry_missing_only_its_newline_is_completed_not_dropped()
        {
            TwoRuns();
            var file = _log.File("2026-01");
            var before = _log.Lines("2026-01");
            var bytes = File.ReadAllBytes(file);
            File.WriteAllBytes(file, bytes.Take(bytes.Length - 1).ToArray());
            Assert.True(_log.Verify().Passed); // a whole entry without its newline is still an entry

            _log.Action("run-3", "E7777");

            var after = _log.Lines("2026-01");
            Assert.Equal(before.Length + 1, after.Length);
            Assert.Equal(before[^1], after[^2]);
            Assert.True(_log.Verify().Passed, string.Join("\n", _log.Verify().Checks));
        }

        [Fact]
        public void A_last_line_cut_off_mid_entry_is_still_removed()
        {
            TwoRuns();
            var file = _log.File("2026-01");
            var before = _log.Lines("2026-01");
            var bytes = File.ReadAllBytes(file);
            File.WriteAllBytes(file, bytes.Take(bytes.Length - 30).ToArray());

            _log.Action("run-3", "E7777");

            var after = _log.Lines("2026-01");
            Assert.Equal(before.Length, after.Length);
            Assert.Contains("E7777", after[^1]);
        }

        private static AuditCheckResult Check(AuditVerificationResult result, string name) => result.Checks.Single(c => c.Check == name);

        private void TwoRuns() => _log.TwoRuns();

        private void UseAnchor() => _log.EnableAnchor();

        private void CopyFixture() => _log.CopyLegacyFixture();
    }
}

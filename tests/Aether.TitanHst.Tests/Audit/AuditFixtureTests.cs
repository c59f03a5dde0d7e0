using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Aether.TitanHst.Audit;

namespace Aether.TitanHst.Tests.Audit
{
    /// <summary>
    /// tests/fixtures/audit is the log the Pester suite reads, tampers with and prunes. It must stay a valid log and
    /// exactly what this writer produces; after a deliberate format change, regenerate it with
    /// <c>UPDATE_AUDIT_FIXTURE=1 dotnet test --filter AuditFixtureTests</c> and review the diff.
    /// </summary>
    public sealed class AuditFixtureTests
    {
        private static readonly string[] FixtureFiles = { AuditFolder.KeyFileName, "audit-2026-01.jsonl", "audit-2026-02.jsonl", "audit-2026-03.jsonl" };

        [Fact]
        public void The_committed_fixture_verifies()
        {
            var result = AuditLogVerifier.Verify(Path.Combine(AppContext.BaseDirectory, "fixtures", "audit"));

            Assert.True(result.Passed, result.FirstBadEntry?.ToString());
            Assert.Equal(12, result.EntriesChecked);
        }

        [Fact]
        public void The_committed_fixture_is_what_the_writer_produces()
        {
            var folder = Path.Combine(Path.GetTempPath(), "titanhst-tests", "audit-fixture-" + Guid.NewGuid().ToString("N"));
            try
            {
                Generate(folder);
                if (Environment.GetEnvironmentVariable("UPDATE_AUDIT_FIXTURE") == "1")
                {
                    var source = Path.Combine(RepoRoot(), "tests", "fixtures", "audit");
                    Directory.CreateDirectory(source);
                    foreach (var name in FixtureFiles)
                    {
                        File.Copy(Path.Combine(folder, name), Path.Combine(source, name), overwrite: true);
                    }
                }

                foreach (var name in FixtureFiles)
                {
                    var committed = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "fixtures", "audit", name));
                    Assert.True(committed.SequenceEqual(File.ReadAllBytes(Path.Combine(folder, name))), $"{name} differs from what the writer produces; see the class comment");
                }
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        private static void Generate(string folder)
        {
            Directory.CreateDirectory(folder);
            File.WriteAllBytes(Path.Combine(folder, AuditFolder.KeyFileName), SHA256.HashData(Encoding.UTF8.GetBytes("aether-titanhst-audit-fixture-key")));
            var now = new DateTimeOffset(2026, 1, 12, 6, 0, 0, TimeSpan.Zero);
            var options = new AuditLogOptions(folder) { Operator = new AuditOperator("DISTRICT\\svc-sync", "SYNC01"), Clock = () => now = now.AddSeconds(2) }
                .UseFields(new Dictionary<string, bool> { ["firstName"] = true, ["lastName"] = true, ["email"] = true, ["roleCode"] = false, ["siteCode"] = false },
                    new Dictionary<string, AuditPiiMode> { ["email"] = AuditPiiMode.Masked });
            var contract = new AuditContractInfo("sample-district", "1.0.0", "sha256:" + new string('c', 64));
            var plan = "sha256:" + new string('a', 64);
            using var writer = new AuditLogWriter(options);

            void Run(string runId, params (string Action, string ExternalId, string Outcome, int Status, Dictionary<string, string?> Fields)[] changes)
            {
                writer.Append(new AuditEvent(AuditEntryKind.RunStart) { RunId = runId, Contract = contract, PlanHash = plan });
                writer.RecordAccess(AuditAccess.TargetRead, 60, "http://127.0.0.1:5080/", runId, contract);
                foreach (var c in changes)
                {
                    var action = new AuditEvent(AuditEntryKind.Action) { RunId = runId, Contract = contract, PlanHash = plan, Action = c.Action, ExternalId = c.ExternalId };
                    foreach (var f in c.Fields)
                    {
                        action.Fields[f.Key] = f.Value;
                    }

                    writer.Append(action);
                    var outcome = new AuditEvent(AuditEntryKind.Outcome) { RunId = runId, Contract = contract, PlanHash = plan, Action = c.Action, ExternalId = c.ExternalId, Outcome = c.Outcome, HttpStatus = c.Status, Attempts = c.Status == 200 ? 1 : 3 };
                    if (c.Outcome == "Failed")
                    {
                        outcome.Error = "lastName 'Nakamura-Whitfield' exceeds 30 characters";
                        outcome.Fields["lastName"] = c.Fields["lastName"];
                    }

                    writer.Append(outcome);
                }

                writer.Append(new AuditEvent(AuditEntryKind.RunEnd) { RunId = runId, Contract = contract, PlanHash = plan, Outcome = "Completed" });
            }

            Run("20260112-060000-a1", ("update", "1042", "Succeeded", 200, new() { ["email"] = "maria.garcia@district.example.org", ["siteCode"] = "HS1" }));
            now = new DateTimeOffset(2026, 2, 9, 6, 0, 0, TimeSpan.Zero);
            writer.Append(new AuditEvent(AuditEntryKind.Override) { RunId = "20260209-060000-b2", Contract = contract, PlanHash = plan, Action = "deactivate", Reason = "End of semester: 14 substitutes leave, approved by HR (ticket 5521)" });
            Run("20260209-060000-b2", ("create", "2077", "Failed", 422, new() { ["firstName"] = "Kenji", ["lastName"] = "Nakamura-Whitfield", ["roleCode"] = "TCH" }));
            now = new DateTimeOffset(2026, 3, 2, 6, 0, 0, TimeSpan.Zero);
            writer.RecordAccess(AuditAccess.SnapshotExport, 60, "titanhst-2026-03-02.jsonl");
        }

        private static string RepoRoot()
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Aether.TitanHst.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("the repository root was not found");
        }
    }
}

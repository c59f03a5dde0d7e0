using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace Aether.TitanHst.Sync.Notifications
{
    /// <summary>
    /// What an unattended run tells people: its status and exit code, the counts, the RunId, the next command and
    /// where the report is. Built only from counts, ids and the run's own messages, which name no person.
    /// </summary>
    public sealed class RunNotification
    {
        private RunNotification(SyncRunResult result)
        {
            Status = result.GetStatus().ToString();
            ExitCode = result.ExitCode;
            RunId = result.RunId;
            ReportPath = result.ReportPath;
            PlanPath = result.PlanPath;
            Config = $"{System.IO.Path.GetFileName(result.ConfigPath)} {result.ConfigVersion}";
            Contract = $"{result.ContractId} {result.ContractVersion}";
            Messages = result.Messages.ToList();
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            if (result.Diff is { } d)
            {
                counts["create"] = d.Create;
                counts["update"] = d.Update;
                counts["reactivate"] = d.Reactivate;
                counts["deactivate"] = d.Deactivate;
                counts["delete"] = d.Delete;
                counts["conflict"] = d.Conflict;
                counts["heldBack"] = d.HeldBack;
            }

            if (result.Apply is { } a)
            {
                counts["succeeded"] = a.Succeeded;
                counts["failed"] = a.Failed;
                counts["stale"] = a.Stale;
                counts["pending"] = a.Pending;
            }

            Counts = counts;
            NextCommand = Next(result);
        }

        public string Status { get; }

        public int ExitCode { get; }

        public string? RunId { get; }

        public string? ReportPath { get; }

        public string? PlanPath { get; }

        public string Config { get; }

        public string Contract { get; }

        public IReadOnlyList<string> Messages { get; }

        public IReadOnlyDictionary<string, int> Counts { get; }

        /// <summary>What a person runs next, or null when nothing is to do.</summary>
        public string? NextCommand { get; }

        public static RunNotification From(SyncRunResult result) => new(result);

        public string Subject => $"TitanHST sync: {Status} (exit {ExitCode.ToString(CultureInfo.InvariantCulture)}){(RunId is null ? string.Empty : ", run " + RunId)}";

        public string ToText()
        {
            var text = new StringBuilder()
                .Append(Subject).Append("\r\n\r\n")
                .Append("Config: ").Append(Config).Append("\r\nContract: ").Append(Contract).Append("\r\n");
            if (Counts.Count > 0)
            {
                text.Append("Counts: ").Append(string.Join(", ", Counts.Select(c => $"{c.Key} {c.Value.ToString(CultureInfo.InvariantCulture)}"))).Append("\r\n");
            }

            if (NextCommand is not null)
            {
                text.Append("Next: ").Append(NextCommand).Append("\r\n");
            }

            if (ReportPath is not null)
            {
                text.Append("Report: ").Append(ReportPath).Append("\r\n");
            }

            if (PlanPath is not null)
            {
                text.Append("Plan: ").Append(PlanPath).Append("\r\n");
            }

            text.Append("\r\n");
            foreach (var message in Messages)
            {
                text.Append("- ").Append(message).Append("\r\n");
            }

            return text.ToString();
        }

        /// <summary>The webhook body: "text" for Teams/Slack workflows that show one field, and every value by name.</summary>
        public string ToJson() => JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["text"] = Subject + (NextCommand is null ? string.Empty : " - next: " + NextCommand),
            ["status"] = Status,
            ["exitCode"] = ExitCode,
            ["runId"] = RunId,
            ["config"] = Config,
            ["contract"] = Contract,
            ["counts"] = Counts,
            ["nextCommand"] = NextCommand,
            ["reportPath"] = ReportPath,
            ["planPath"] = PlanPath,
            ["messages"] = Messages,
        });

        private static string? Next(SyncRunResult result) => result.GetStatus() switch
        {
            SyncStatus.InSync => null,
            SyncStatus.Applied => result.ReportPath is null ? null : $"Send the report to stakeholders: {result.ReportPath}",
            SyncStatus.Failed when result.Apply is { Pending: > 0 } or { Failed: > 0 } or { Stale: > 0 } => $"Invoke-TitanHstApply -Resume {result.RunId}",
            SyncStatus.Failed => "Read the messages; docs/runbook.md says what each failure needs",
            _ when result.PlanPath is not null && result.Apply is null => $"Review the plan: Import-TitanHstPlan '{result.PlanPath}' | Out-GridView, or Get-TitanHstDiff | Export-TitanHstReview -Path review.csv",
            _ => "Get-TitanHstDiff -Contract <contract> | Where-Object { $_.Action -eq 'Conflict' -or $_.Blocked } (docs/runbook.md)",
        };
    }
}

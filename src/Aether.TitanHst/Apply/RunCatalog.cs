using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Aether.TitanHst.Security;

namespace Aether.TitanHst.Apply
{
    /// <summary>
    /// The apply runs kept in a journal folder, newest first, each summarized from its own journal. A run whose folder
    /// cannot be trusted (run.json missing or edited, its plan copy swapped, a journal line unreadable) is listed as damaged, never hidden,
    /// and never stops the others from being listed.
    /// </summary>
    public static class RunCatalog
    {
        public static IEnumerable<ApplyRunSummary> List(string? root = null)
        {
            var folder = root ?? RunJournal.DefaultRoot;
            if (!Directory.Exists(folder))
            {
                return Enumerable.Empty<ApplyRunSummary>();
            }

            using var key = InstallationKey.LoadOrCreate();
            return Directory.GetDirectories(folder)
                .Where(d => File.Exists(Path.Combine(d, RunHeaderFile.FileName)) || File.Exists(Path.Combine(d, "journal.jsonl")) || File.Exists(Path.Combine(d, "plan.json")))
                .Select(d => SummarizeOrDamaged(d, key))
                .OrderByDescending(s => s.StartedAt)
                .ToList();
        }

        /// <summary>Summarizes one run from its folder: the last outcome of every change, and what has none yet.</summary>
        /// <exception cref="ApplyRefusedException">The folder cannot be trusted (<see cref="ApplyErrorIds.RunDamaged"/>, <see cref="ApplyErrorIds.JournalInvalid"/>).</exception>
        public static ApplyRunSummary Summarize(string runFolder)
        {
            using var key = InstallationKey.LoadOrCreate();
            return Summarize(runFolder, key);
        }

        private static ApplyRunSummary SummarizeOrDamaged(string runFolder, InstallationKey key)
        {
            try
            {
                return Summarize(runFolder, key);
            }
            catch (Exception ex) when (ex is ApplyRefusedException or IOException or JsonException or UnauthorizedAccessException or KeyNotFoundException or InvalidOperationException)
            {
                var started = new DateTimeOffset(Directory.GetCreationTimeUtc(runFolder), TimeSpan.Zero);
                var header = new RunHeader { RunId = Path.GetFileName(runFolder), StartedAt = started };
                return new ApplyRunSummary(header, Array.Empty<(string, string)>(), 0, null, runFolder) { Problem = Untrusted(header.RunId, ex.Message) };
            }
        }

        /// <summary>
        /// Why a run cannot be trusted, as a listing or a report says it: the refusal's "Nothing was applied" is the
        /// resume's (it applied nothing); what the run itself applied the folder cannot tell, the audit log can.
        /// </summary>
        internal static string Untrusted(string runId, string message) =>
            message.Replace("Nothing was applied. ", string.Empty)
            + $" What the run applied cannot be told from this folder; see Get-TitanHstAuditLog -RunId {runId}.";

        private static ApplyRunSummary Summarize(string runFolder, InstallationKey key)
        {
            var header = RunHeaderFile.Read(runFolder, key);
            var journalPath = Path.Combine(runFolder, "journal.jsonl");
            var warnings = new List<string>();
            using var mac = new JournalLineMac(key, header.RunId);
            var (last, _, ended, journaled) = RunJournal.ReadLines(journalPath, mac, repair: false, warnings);
            var planIds = RunPlanCopy.ExternalIds(runFolder, header);
            var records = last.Values.Where(r => r.Phase == JournalRecord.OutcomePhase).ToList();
            RunPlanCopy.RequireOutcomesInPlan(runFolder, records.Select(r => r.ExternalId!), planIds);
            var outcomes = records.Select(r => (r.Action ?? string.Empty, r.Outcome ?? string.Empty)).ToList();
            var done = outcomes.Count(o => o.Item2 != nameof(ApplyOutcomeKind.Failed));
            DateTimeOffset? finished = ended ? JournalEndTime.Read(journalPath, mac) : null;

            // A run that would be resumed is held to its audit entries first, as the resume is: a listing must not
            // offer -Resume for a journal whose end was cut (a declined outcome removed to have it applied).
            if (planIds.Count - done > 0 && header.AuditFolder is { Length: > 0 } audit && Directory.Exists(audit))
            {
                JournalAuditCheck.Check(audit, header.RunId, journaled);
            }

            // A run another process is applying now has no end line yet, and is not interrupted.
            var running = !ended && header.TargetBaseUri.Length > 0 && TargetLock.HeldByOtherProcess(new Target.TargetIdentity(header.TargetBaseUri, header.TargetInstanceId), header.RunId);
            return new ApplyRunSummary(header, outcomes, planIds.Count - outcomes.Count, finished, runFolder) { Warnings = warnings, Running = running };
        }

        /// <summary>
        /// The external ids of a run's changes, read from its plan copy without verifying it: used only to refuse a
        /// second run (a forged file can at worst cause a refusal, never a write). Empty when it cannot be read.
        /// </summary>
        public static IReadOnlyList<string> ChangeIds(string runFolder)
        {
            try
            {
                using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(runFolder, "plan.json")));
                return document.RootElement.GetProperty("plan").GetProperty("changes").EnumerateArray()
                    .Select(c => c.TryGetProperty("externalId", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString()! : string.Empty)
                    .Where(id => id.Length > 0).ToList();
            }
            catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException or KeyNotFoundException or InvalidOperationException)
            {
                return Array.Empty<string>();
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace Aether.TitanHst.Apply
{
    /// <summary>The apply runs kept in a journal folder, newest first, each summarized from its own journal.</summary>
    public static class RunCatalog
    {
        private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

        public static IEnumerable<ApplyRunSummary> List(string? root = null)
        {
            var folder = root ?? RunJournal.DefaultRoot;
            if (!Directory.Exists(folder))
            {
                return Enumerable.Empty<ApplyRunSummary>();
            }

            return Directory.GetDirectories(folder)
                .Where(d => File.Exists(Path.Combine(d, "run.json")))
                .Select(Summarize)
                .OrderByDescending(s => s.StartedAt);
        }

        /// <summary>Summarizes one run from its folder: the last outcome of every change, and what is still pending.</summary>
        public static ApplyRunSummary Summarize(string runFolder)
        {
            var header = JsonSerializer.Deserialize<RunHeader>(File.ReadAllBytes(Path.Combine(runFolder, "run.json")), Json)
                ?? throw new ApplyRefusedException(ApplyErrorIds.JournalInvalid, $"{runFolder}: run.json is empty.");
            var journalPath = Path.Combine(runFolder, "journal.jsonl");
            var (last, _, ended) = RunJournal.ReadLines(journalPath);
            var total = CountChanges(Path.Combine(runFolder, "plan.json"));
            var outcomes = last.Values.Where(r => r.Phase == JournalRecord.OutcomePhase).Select(r => (r.Action ?? string.Empty, r.Outcome ?? string.Empty)).ToList();
            var done = outcomes.Count(o => o.Item2 != nameof(ApplyOutcomeKind.Failed));
            DateTimeOffset? finished = ended ? new DateTimeOffset(File.GetLastWriteTimeUtc(journalPath), TimeSpan.Zero) : null;
            return new ApplyRunSummary(header, outcomes, total - done, finished, runFolder);
        }

        // Counts the plan's changes without loading it (a listing should not verify every plan's hash).
        private static int CountChanges(string planPath)
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(planPath));
            return document.RootElement.GetProperty("plan").GetProperty("changes").GetArrayLength();
        }
    }
}

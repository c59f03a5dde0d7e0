using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Aether.TitanHst.Diff;
using Aether.TitanHst.Plan;

namespace Aether.TitanHst.Apply
{
    /// <summary>
    /// A run's write-ahead journal, in its own folder: the changes (a hash-protected plan), the header, and one
    /// line per intent and outcome, each flushed to disk before the call it announces and after the call ends.
    /// A run killed at any instant can be resumed from it.
    /// </summary>
    public sealed class RunJournal : IDisposable
    {
        public const string FolderVariable = "AETHER_TITANHST_RUNS";
        private const string PlanFile = "plan.json";
        private const string HeaderFile = "run.json";
        private const string LinesFile = "journal.jsonl";

        private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

        private readonly object _gate = new();
        private readonly FileStream _lines;
        private long _seq;

        private RunJournal(string folder, RunHeader header, SavedPlan plan, Dictionary<string, JournalRecord> last, long seq)
        {
            Folder = folder;
            Header = header;
            Plan = plan;
            LastRecord = last;
            _seq = seq;
            _lines = new FileStream(Path.Combine(folder, LinesFile), FileMode.Append, FileAccess.Write, FileShare.Read);
        }

        /// <summary>AETHER_TITANHST_RUNS, else the user's local data folder, Aether.TitanHst/runs.</summary>
        public static string DefaultRoot =>
            Environment.GetEnvironmentVariable(FolderVariable) is { Length: > 0 } configured
                ? configured
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "Aether.TitanHst", "runs");

        public string Folder { get; }

        public RunHeader Header { get; }

        /// <summary>The run's changes, as written when it started.</summary>
        public SavedPlan Plan { get; }

        /// <summary>Per external id, the last journal line written for it (an intent alone means the outcome is unknown).</summary>
        internal IReadOnlyDictionary<string, JournalRecord> LastRecord { get; }

        public static RunJournal Create(string root, RunHeader header, IReadOnlyList<StaffChange> changes)
        {
            var folder = Path.Combine(root, header.RunId);
            Directory.CreateDirectory(folder);
            var plan = PlanWriter.Write(Path.Combine(folder, PlanFile), changes, header.Operator);
            File.WriteAllText(Path.Combine(folder, HeaderFile), JsonSerializer.Serialize(header, Json), new UTF8Encoding(false));
            return new RunJournal(folder, header, plan, new Dictionary<string, JournalRecord>(StringComparer.Ordinal), 0);
        }

        /// <exception cref="ApplyRefusedException">No such run, or its journal cannot be read.</exception>
        public static RunJournal Open(string root, string runId)
        {
            var folder = Path.Combine(root, runId);
            if (!File.Exists(Path.Combine(folder, HeaderFile)) || !File.Exists(Path.Combine(folder, PlanFile)))
            {
                throw new ApplyRefusedException(ApplyErrorIds.RunNotFound, $"There is no apply run {runId} in {root}.");
            }

            var header = JsonSerializer.Deserialize<RunHeader>(File.ReadAllBytes(Path.Combine(folder, HeaderFile)), Json)
                ?? throw new ApplyRefusedException(ApplyErrorIds.JournalInvalid, $"{Path.Combine(folder, HeaderFile)} is empty.");
            var plan = PlanReader.Read(Path.Combine(folder, PlanFile));
            var (last, seq, _) = ReadLines(Path.Combine(folder, LinesFile));
            return new RunJournal(folder, header, plan, last, seq);
        }

        /// <summary>The last line per person, the highest sequence, and whether the last pass ended normally.</summary>
        internal static (Dictionary<string, JournalRecord> Last, long Seq, bool Ended) ReadLines(string path)
        {
            var last = new Dictionary<string, JournalRecord>(StringComparer.Ordinal);
            long seq = 0;
            var ended = false;
            if (!File.Exists(path))
            {
                return (last, seq, ended);
            }

            var lines = File.ReadAllLines(path);
            for (var i = 0; i < lines.Length; i++)
            {
                if (lines[i].Length == 0)
                {
                    continue;
                }

                JournalRecord? record;
                try
                {
                    record = JsonSerializer.Deserialize<JournalRecord>(lines[i], Json);
                }
                catch (JsonException) when (i == lines.Length - 1)
                {
                    // A line torn by a crash mid-write: the call it announced never started, since intents are flushed first.
                    break;
                }
                catch (JsonException ex)
                {
                    throw new ApplyRefusedException(ApplyErrorIds.JournalInvalid, $"{path}:{i + 1}: the journal line cannot be read ({ex.Message}).");
                }

                if (record is null)
                {
                    continue;
                }

                seq = Math.Max(seq, record.Seq);
                ended = record.Phase == JournalRecord.EndPhase;
                if (record.ExternalId is not null)
                {
                    last[record.ExternalId] = record;
                }
            }

            return (last, seq, ended);
        }

        internal void Intent(StaffChange change, string? key) => Append(new JournalRecord
        {
            Phase = JournalRecord.IntentPhase, ExternalId = change.GetExternalId(), Action = change.Action.ToString(), Key = key,
        });

        internal void Outcome(ChangeOutcome outcome) => Append(new JournalRecord
        {
            Phase = JournalRecord.OutcomePhase, ExternalId = outcome.Change.GetExternalId(), Action = outcome.Action.ToString(), Outcome = outcome.Outcome.ToString(),
            Status = outcome.HttpStatus, Attempts = outcome.Attempts, Reason = outcome.Reason, TargetId = outcome.TargetId,
        });

        internal void End() => Append(new JournalRecord { Phase = JournalRecord.EndPhase });

        public void Dispose() => _lines.Dispose();

        private void Append(JournalRecord record)
        {
            lock (_gate)
            {
                record.Seq = ++_seq;
                record.Time = DateTimeOffset.UtcNow;
                var bytes = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(record, Json) + "\n");
                _lines.Write(bytes, 0, bytes.Length);
                _lines.Flush(flushToDisk: true);
            }
        }
    }
}

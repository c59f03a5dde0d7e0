using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Aether.TitanHst.Diff;
using Aether.TitanHst.Errors;
using Aether.TitanHst.Plan;
using Aether.TitanHst.Security;

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
        private const string LinesFile = "journal.jsonl";

        private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

        private readonly object _gate = new();
        private readonly FileStream _lines;
        private long _seq;

        private readonly JournalLineMac _mac;

        private RunJournal(string folder, RunHeader header, SavedPlan plan, Dictionary<string, JournalRecord> last, Dictionary<string, int> outcomes, long seq, JournalLineMac mac)
        {
            OutcomeLines = outcomes;
            _mac = mac;
            Folder = folder;
            Header = header;
            Plan = plan;
            LastRecord = last;
            _seq = seq;
            _lines = OpenLines(folder);
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

        /// <summary>Per external id, how many outcome lines the journal holds (a failed change retried has two).</summary>
        internal IReadOnlyDictionary<string, int> OutcomeLines { get; }

        /// <summary>Warnings from opening the run (a torn last line recovered), for the operator.</summary>
        public IReadOnlyList<string> Warnings { get; private set; } = Array.Empty<string>();

        /// <summary>Creates the run's folder: its plan copy and run.json, both authenticated with the installation key (the default key folder's when null).</summary>
        public static RunJournal Create(string root, RunHeader header, IReadOnlyList<StaffChange> changes, InstallationKey? key = null)
        {
            if (key is null)
            {
                using var own = InstallationKey.LoadOrCreate();
                return Create(root, header, changes, own);
            }

            var folder = Path.Combine(root, header.RunId);
            PrivateFiles.EnsureFolder(root);
            PrivateFiles.CreateFolder(folder);
            var plan = PlanWriter.Write(Path.Combine(folder, PlanFile), changes, header.Operator, key);
            header.RunPlanHash = plan.Hash;
            RunHeaderFile.Write(folder, header, key);
            return new RunJournal(folder, header, plan, new Dictionary<string, JournalRecord>(StringComparer.Ordinal), new Dictionary<string, int>(StringComparer.Ordinal), 0, new JournalLineMac(key, header.RunId));
        }

        /// <summary>The folder of run <paramref name="runId"/> under <paramref name="root"/>, refusing ids that would leave it.</summary>
        /// <exception cref="ApplyRefusedException">The id is not a plain folder name inside the journal folder.</exception>
        public static string FolderOf(string root, string runId)
        {
            var fullRoot = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
            var valid = runId.Length is > 0 and <= 100 && runId.All(c => char.IsLetterOrDigit(c) && c < 128 || c == '-' || c == '_') ;
            var folder = valid ? Path.GetFullPath(Path.Combine(fullRoot, runId)) : string.Empty;
            if (!valid || !string.Equals(Path.GetDirectoryName(folder), fullRoot, StringComparison.Ordinal))
            {
                throw new ApplyRefusedException(ApplyErrorIds.RunPathInvalid,
                    $"'{Truncate(runId)}' is not a run id: -Resume takes the RunId of a run in the journal folder ({fullRoot}), never a path (see Get-TitanHstRun).");
            }

            return folder;
        }

        /// <summary>Opens a run to resume it: authenticates run.json and the plan copy, and recovers a torn last journal line.</summary>
        /// <exception cref="ApplyRefusedException">No such run, or its folder cannot be trusted.</exception>
        public static RunJournal Open(string root, string runId, InstallationKey? key = null)
        {
            if (key is null)
            {
                using var own = InstallationKey.LoadOrCreate();
                return Open(root, runId, own);
            }

            var folder = FolderOf(root, runId);
            if (!Directory.Exists(folder))
            {
                throw new ApplyRefusedException(ApplyErrorIds.RunNotFound, $"There is no apply run {runId} in {root}.");
            }

            if (RegularFiles.IsLink(folder))
            {
                throw RunHeaderFile.Damaged(folder, "the run's folder is a symbolic link (or another reparse point) to somewhere else: it was planted");
            }

            var header = RunHeaderFile.Read(folder, key);
            var plan = RunPlanCopy.Read(folder, header, key);
            var warnings = new List<string>();
            var mac = new JournalLineMac(key, header.RunId);
            var (last, seq, _, outcomes) = ReadLines(Path.Combine(folder, LinesFile), mac, repair: true, warnings);
            return new RunJournal(folder, header, plan, last, outcomes, seq, mac) { Warnings = warnings };
        }

        /// <summary>The last line per person, the highest sequence, whether the last pass ended normally, and the outcome lines per person.</summary>
        /// <remarks>
        /// With <c>repair</c>, a torn last line (a crash mid-write) is truncated so new lines never follow torn bytes, once
        /// every complete line verified and through the handle they were read from; else it is only skipped.
        /// </remarks>
        /// <exception cref="ApplyRefusedException">A complete line cannot be read (<see cref="ApplyErrorIds.JournalInvalid"/>), or the journal is not a regular file (<see cref="ApplyErrorIds.RunDamaged"/>).</exception>
        internal static (Dictionary<string, JournalRecord> Last, long Seq, bool Ended, Dictionary<string, int> Outcomes) ReadLines(string path, JournalLineMac mac, bool repair, List<string>? warnings)
        {
            var folder = Path.GetDirectoryName(path) ?? string.Empty;
            RegularFiles.Require(path, why => RunHeaderFile.NotRegular(folder, LinesFile, why));
            if (!File.Exists(path))
            {
                return (new Dictionary<string, JournalRecord>(StringComparer.Ordinal), 0, false, new Dictionary<string, int>(StringComparer.Ordinal));
            }

            using var stream = RegularFiles.Open(path, FileMode.Open, repair ? FileAccess.ReadWrite : FileAccess.Read, FileShare.Read, 4096,
                why => RunHeaderFile.NotRegular(folder, LinesFile, why));
            byte[] bytes;
            using (var copy = new MemoryStream())
            {
                stream.CopyTo(copy);
                bytes = copy.ToArray();
            }

            var complete = Array.LastIndexOf(bytes, (byte)'\n') + 1;
            var read = VerifyLines(path, bytes, complete, mac);
            if (complete < bytes.Length)
            {
                // Every line is written whole with its newline and flushed; bytes after the last newline are a write
                // a crash cut short. An intent cut short announced a call that never started (intents are flushed first).
                if (repair)
                {
                    stream.SetLength(complete);
                    stream.Flush(flushToDisk: true);
                }

                warnings?.Add($"{path}: {bytes.Length - complete} byte(s) of a line torn by a crash mid-write {(repair ? "were removed" : "are ignored")}; the journal is complete up to the line before.");
            }

            return read;
        }

        // Every complete line: its MAC, then its number in sequence.
        private static (Dictionary<string, JournalRecord> Last, long Seq, bool Ended, Dictionary<string, int> Outcomes) VerifyLines(string path, byte[] bytes, int complete, JournalLineMac mac)
        {
            var last = new Dictionary<string, JournalRecord>(StringComparer.Ordinal);
            var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
            long seq = 0;
            var ended = false;
            var lines = Encoding.UTF8.GetString(bytes, 0, complete).Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                if (lines[i].Length == 0)
                {
                    continue;
                }

                JournalRecord? record;
                if (!mac.Verify(lines[i]))
                {
                    throw new ApplyRefusedException(ApplyErrorIds.JournalInvalid, $"{path}:{i + 1}: the journal line's MAC does not match: it was edited or damaged. Keep the run for investigation; diff again and apply a fresh plan.");
                }

                try
                {
                    record = JsonSerializer.Deserialize<JournalRecord>(lines[i], Json);
                }
                catch (JsonException ex)
                {
                    throw new ApplyRefusedException(ApplyErrorIds.JournalInvalid, $"{path}:{i + 1}: the journal line cannot be read ({ex.Message}). The run's journal was damaged; keep it for investigation.");
                }

                if (record is null)
                {
                    continue;
                }

                // Lines are numbered 1, 2, 3... as written; each line's MAC covers its number. A gap is a line
                // removed from the middle (a declined or failed outcome taken out so a resume calls the change again).
                if (record.Seq != seq + 1)
                {
                    throw new ApplyRefusedException(ApplyErrorIds.JournalInvalid,
                        $"{path}:{i + 1}: the journal line is number {record.Seq} where {seq + 1} was written: lines were removed or reordered. Keep the run for investigation; diff again and apply a fresh plan.");
                }

                seq = record.Seq;
                ended = record.Phase == JournalRecord.EndPhase;
                if (record.ExternalId is not null)
                {
                    last[record.ExternalId] = record;
                    if (record.Phase == JournalRecord.OutcomePhase)
                    {
                        outcomes[record.ExternalId] = (outcomes.TryGetValue(record.ExternalId, out var n) ? n : 0) + 1;
                    }
                }
            }

            return (last, seq, ended, outcomes);
        }

        // The journal is appended only while it is a regular file of the run's folder, made owner-only through its handle.
        private static FileStream OpenLines(string folder)
        {
            var stream = RegularFiles.Open(Path.Combine(folder, LinesFile), FileMode.Append, FileAccess.Write, FileShare.Read, 4096,
                why => RunHeaderFile.NotRegular(folder, LinesFile, why));
            RegularFiles.RestrictToOwner(stream);
            return stream;
        }

        private static string Truncate(string text) => text.Length <= 80 ? text : text.Substring(0, 80) + "…";

        internal void Intent(StaffChange change, string? key) => Append(new JournalRecord
        {
            Phase = JournalRecord.IntentPhase, ExternalId = change.GetExternalId(), Action = change.GetAction().ToString(), Key = key,
        });

        internal void Outcome(ChangeOutcome outcome) => Append(new JournalRecord
        {
            Phase = JournalRecord.OutcomePhase, ExternalId = outcome.Change.GetExternalId(), Action = outcome.GetAction().ToString(), Outcome = outcome.GetOutcome().ToString(),
            Status = outcome.HttpStatus, Attempts = outcome.Attempts, Reason = outcome.Reason, TargetId = outcome.TargetId,
        });

        internal void End() => Append(new JournalRecord { Phase = JournalRecord.EndPhase });

        public void Dispose()
        {
            _lines.Dispose();
            _mac.Dispose();
        }

        private void Append(JournalRecord record)
        {
            lock (_gate)
            {
                record.Seq = ++_seq;
                record.Time = DateTimeOffset.UtcNow;
                var bytes = Encoding.UTF8.GetBytes(_mac.Sign(JsonSerializer.Serialize(record, Json)) + "\n");
                _lines.Write(bytes, 0, bytes.Length);
                _lines.Flush(flushToDisk: true);
            }
        }
    }
}

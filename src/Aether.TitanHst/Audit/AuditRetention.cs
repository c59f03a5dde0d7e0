using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Aether.TitanHst.Errors;

namespace Aether.TitanHst.Audit
{
    /// <summary>
    /// Removes whole month files whose month ended more than the retention period ago (so no entry younger than
    /// the period is ever removed), oldest first and never the newest file, and first writes a Retention entry
    /// recording each file's entry count, first and last sequence and last hash. The last hash is what lets the
    /// verifier accept that the oldest remaining file points back at an entry no longer on disk.
    /// </summary>
    public static class AuditRetention
    {
        /// <summary>The files retention would remove, oldest first.</summary>
        public static IReadOnlyList<string> FindExpired(string folder, TimeSpan olderThan, DateTimeOffset now)
        {
            var files = AuditFolder.ListFiles(folder);
            var cutoff = now - olderThan;
            return files.Take(Math.Max(0, files.Count - 1)).TakeWhile(f => AuditFolder.EndOf(f) <= cutoff).ToList();
        }

        /// <summary>Applies <see cref="AuditLogOptions.RetentionDays"/>; does nothing when it is not set.</summary>
        public static AuditEntry? ApplyPolicy(AuditLogWriter writer, string? runId = null) =>
            writer.Options.RetentionDays is { } days ? Remove(writer, TimeSpan.FromDays(days), runId: runId) : null;

        /// <summary>
        /// Removes the expired files (at most <paramref name="maxFiles"/>, the oldest) and returns the Retention entry,
        /// or null when nothing was expired. Refuses, with <see cref="AuditErrorIds.AuditLogInvalid"/>, a log that does
        /// not verify: removing files must never hide evidence of tampering.
        /// </summary>
        public static AuditEntry? Remove(AuditLogWriter writer, TimeSpan olderThan, int? maxFiles = null, string? runId = null)
        {
            using (AuditFolderLock.Acquire(writer.Folder, writer.Options.LockTimeout))
            {
                var expired = FindExpired(writer.Folder, olderThan, writer.Options.Clock()).Take(maxFiles ?? int.MaxValue).ToList();
                if (expired.Count == 0)
                {
                    return null;
                }

                var check = AuditLogVerifier.Verify(writer.Folder, writer.Options.KeyFolder, writer.Options.Anchor);
                if (check.FirstBadEntry is { } bad)
                {
                    throw new InputFileException(AuditErrorIds.AuditLogInvalid, bad.File, bad.Line, string.Empty,
                        $"the audit log does not verify ({bad.GetProblem()}: {bad.Message}); nothing was removed");
                }

                var removed = expired.Select(Describe).Where(r => r is not null).Select(r => r!).ToList();
                var entry = writer.AppendLocked(
                    new AuditEvent(AuditEntryKind.Retention)
                    {
                        RunId = runId,
                        Removed = removed,
                    },
                    checkpoint: false);

                // Oldest first: if this stops part way, the oldest remaining file is still vouched for by the entry.
                foreach (var file in expired)
                {
                    File.Delete(file);
                }

                // The checkpoint names the files that remain, so the removed ones are not taken for deleted ones.
                writer.WriteCheckpoint(entry.Sequence, entry.Hash, AuditFolder.ListFiles(writer.Folder));
                return entry;
            }
        }

        private static AuditRemovedFile? Describe(string file)
        {
            AuditEntry? first = null;
            AuditEntry? last = null;
            long count = 0;
            foreach (var line in AuditLineReader.Read(file))
            {
                count++;
                var entry = AuditEntryReader.Parse(line, file);
                first ??= entry;
                last = entry;
            }

            return last is null ? null : new AuditRemovedFile(Path.GetFileName(file), count, first!.Sequence, last.Sequence, last.Hash);
        }
    }
}

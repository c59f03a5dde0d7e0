using System;
using System.IO;
using System.Linq;

namespace Aether.TitanHst.Audit
{
    /// <summary>
    /// Appends entries to an audit folder. Each append takes the folder lock, reads the chain's head from disk (so
    /// other writers' entries are chained, not overwritten), writes one line carrying the head's hash, and fsyncs
    /// before returning: an entry the caller saw returned is on disk. Safe to share between threads and to run in
    /// several processes at once.
    /// </summary>
    public sealed class AuditLogWriter : IDisposable
    {
        private readonly object _gate = new();
        private AuditKey? _key;

        public AuditLogWriter(AuditLogOptions options)
        {
            Options = options;
        }

        public AuditLogOptions Options { get; }

        public string Folder => Options.Folder;

        /// <summary>Writes one entry and returns it as written (sequence, time, protected values, hashes).</summary>
        public AuditEntry Append(AuditEvent e)
        {
            lock (_gate)
            {
                using (AuditFolderLock.Acquire(Folder, Options.LockTimeout))
                {
                    return AppendLocked(e);
                }
            }
        }

        /// <summary>
        /// Records that TitanHST data was read or exported: <paramref name="what"/> is one of the
        /// <see cref="AuditAccess"/> constants, <paramref name="target"/> where from or to (a base URI, a file).
        /// </summary>
        public AuditEntry RecordAccess(string what, long count, string? target, string? runId = null, AuditContractInfo? contract = null) =>
            Append(new AuditEvent(AuditEntryKind.Access) { RunId = runId, Contract = contract, Access = new AuditAccess(what, count, target) });

        public void Dispose() => _key?.Dispose();

        /// <summary>Appends while the caller holds the folder lock (retention writes its entry and removes files under one hold).</summary>
        internal AuditEntry AppendLocked(AuditEvent e)
        {
            var files = AuditFolder.ListFiles(Folder);
            var head = AuditHead.Read(files);
            var now = Options.Clock().ToUniversalTime();
            now = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

            var fields = AuditFieldProtector.Protect(e.Fields, Options, Key);
            var entry = new AuditEntry(e, head.Sequence + 1, now, Options.Operator, fields,
                AuditFieldProtector.Scrub(e.Error, e.Fields, Options), AuditFieldProtector.Scrub(e.Reason, e.Fields, Options), head.Hash);
            var line = AuditEntryJson.ToLine(entry);

            // A clock set back never sends an entry to an older month's file: the chain runs in file-name order.
            var name = AuditFolder.FileNameFor(now);
            var latest = files.Count == 0 ? null : Path.GetFileName(files[files.Count - 1]);
            if (latest is not null && string.CompareOrdinal(latest, name) > 0)
            {
                name = latest;
            }

            var path = Path.Combine(Folder, name);
            using (var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, 1))
            {
                stream.Write(line, 0, line.Length);
                stream.Flush(flushToDisk: true);
            }

            entry.File = path;
            return entry;
        }

        private AuditKey Key() => _key ??= AuditKey.LoadOrCreate(Folder);
    }
}

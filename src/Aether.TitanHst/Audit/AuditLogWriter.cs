using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Aether.TitanHst.Security;

namespace Aether.TitanHst.Audit
{
    /// <summary>
    /// Appends entries to an audit folder. Each append takes the folder lock, reads the chain's head from disk (so
    /// other writers' entries are chained, not overwritten), writes one line whose hash is a MAC under the
    /// installation key (kept outside the folder) over the line and the head's hash, and fsyncs before returning: an
    /// entry the caller saw returned is on disk. At each run end, access and retention it also writes a signed
    /// checkpoint (last sequence and hash, the files) to the folder and to the anchor outside it, if one is set.
    /// Safe to share between threads and to run in several processes at once.
    /// </summary>
    public sealed class AuditLogWriter : IDisposable
    {
        private readonly object _gate = new();
        private AuditKey? _key;
        private AuditChainKey? _chainKey;
        private bool _tightened;

        public AuditLogWriter(AuditLogOptions options)
        {
            Options = options;
            options.Anchor.RefuseInside(options.Folder);
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

        /// <summary>Writes a checkpoint of the log as it is now (the writer also does so by itself at each run end, access and retention).</summary>
        public AuditCheckpoint? Checkpoint()
        {
            lock (_gate)
            {
                using (AuditFolderLock.Acquire(Folder, Options.LockTimeout))
                {
                    var files = AuditFolder.ListFiles(Folder);
                    var head = AuditHead.Read(files);
                    return head.Hash is null ? null : WriteCheckpoint(head.Sequence, head.Hash, files);
                }
            }
        }

        public void Dispose()
        {
            _key?.Dispose();
            _chainKey?.Dispose();
        }

        /// <summary>Appends while the caller holds the folder lock (retention writes its entry and removes files under one hold).</summary>
        internal AuditEntry AppendLocked(AuditEvent e, bool checkpoint = true)
        {
            TightenOnce();
            var files = AuditFolder.ListFiles(Folder);
            var head = AuditHead.Read(files);
            var now = Options.Clock().ToUniversalTime();
            now = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

            var fields = AuditFieldProtector.Protect(e.Fields, Options, Key);
            var entry = new AuditEntry(e, head.Sequence + 1, now, Options.Operator, fields,
                AuditFieldProtector.Scrub(e.Error, e.Fields, Options), AuditFieldProtector.Scrub(e.Reason, e.Fields, Options), head.Hash);
            var line = AuditEntryJson.ToLine(entry, ChainKey());

            // A clock set back never sends an entry to an older month's file: the chain runs in file-name order.
            var name = AuditFolder.FileNameFor(now);
            var latest = files.Count == 0 ? null : Path.GetFileName(files[files.Count - 1]);
            if (latest is not null && string.CompareOrdinal(latest, name) > 0)
            {
                name = latest;
            }

            var path = Path.Combine(Folder, name);
            var created = !File.Exists(path);
            // Every time: a month file left readable by an older version (or by hand) is tightened.
            using (var stream = PrivateFiles.OpenAppend(path, FileShare.Read, 1))
            {
                stream.Write(line, 0, line.Length);
                stream.Flush(flushToDisk: true);
            }

            entry.File = path;
            if (checkpoint && EndsUnitOfWork(e.Kind))
            {
                WriteCheckpoint(entry.Sequence, entry.Hash, created ? files.Concat(new[] { path }).ToList() : files);
            }

            return entry;
        }

        /// <summary>Writes a checkpoint under the folder lock: to the folder, then to the anchor.</summary>
        internal AuditCheckpoint WriteCheckpoint(long lastSequence, string lastHash, IReadOnlyList<string> files)
        {
            var (number, previousMac) = AuditCheckpointStore.Last(Folder);
            var key = ChainKey();
            var checkpoint = new AuditCheckpoint(number + 1, Options.Clock().ToUniversalTime(), Folder, lastSequence, lastHash,
                files.Select(Path.GetFileName).Select(f => f!).ToList(), key.KeyId, previousMac);
            var line = AuditCheckpointJson.ToLine(checkpoint, key);
            AuditCheckpointStore.Append(Folder, line);
            AuditAnchor.Create(Options.Anchor)?.Write(Encoding.UTF8.GetString(line, 0, line.Length - 1));
            return checkpoint;
        }

        // An audit folder written by an older version (or copied in) may hold files others can read: make them owner-only once per writer.
        private void TightenOnce()
        {
            if (_tightened)
            {
                return;
            }

            foreach (var file in Directory.EnumerateFiles(Folder))
            {
                PrivateFiles.RestrictToOwner(file, directory: false);
            }

            _tightened = true;
        }

        // The moments a run or a read is complete: what a checkpoint pins is everything up to here.
        private static bool EndsUnitOfWork(AuditEntryKind kind) =>
            kind is AuditEntryKind.RunEnd or AuditEntryKind.Access or AuditEntryKind.Retention;

        private AuditKey Key() => _key ??= AuditKey.LoadOrCreate(Folder);

        private AuditChainKey ChainKey() => _chainKey ??= AuditChainKey.ForWriting(Folder, Options.KeyFolder);
    }
}

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading;
using Aether.TitanHst.Client;
using Aether.TitanHst.Security;

namespace Aether.TitanHst.Target
{
    /// <summary>
    /// Keeps a target snapshot up to date between runs (decision 0016, docs/target-reads.md): refreshes it with the
    /// records TitanHST reports as updated since the last high-water mark (minus an overlap) when the kept snapshot is
    /// sealed, recent and from the same target and schema; otherwise reads every page. Either way the result is a
    /// complete, sealed snapshot of every record, written under a temporary name and renamed (PendingFile).
    /// </summary>
    public sealed class TargetSnapshotRefresher
    {
        private readonly TitanHstClient _client;
        private readonly InstallationKey _key;
        private readonly TargetReadSettings _settings;

        public TargetSnapshotRefresher(TitanHstClient client, InstallationKey key, TargetReadSettings settings)
        {
            settings.Check();
            _client = client;
            _key = key;
            _settings = settings;
        }

        /// <summary>This machine's clock, used only for the ages of fullReadEvery and maxSnapshotAge.</summary>
        public Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;

        /// <summary>Called after each page (progress, call logs).</summary>
        public Action<TargetStaffPage>? PageFetched { get; set; }

        /// <summary>
        /// Brings the snapshot at <paramref name="path"/> up to date with the TitanHST <paramref name="identity"/> names,
        /// which must be the one the client talks to; <paramref name="forceFull"/> reads in full whatever the kept snapshot says.
        /// </summary>
        public TargetReadResult Read(string path, TargetIdentity identity, string? apiVersion, string? schemaVersion, bool forceFull = false, CancellationToken cancellationToken = default)
        {
            path = Path.GetFullPath(path);
            PrivateFiles.EnsureFolder(Path.GetDirectoryName(path)!);
            var started = Stopwatch.StartNew();
            var header = new TargetSnapshotHeader(Clock(), _client.BaseUri.ToString(), TargetSnapshotScope.All, apiVersion, schemaVersion) { InstanceId = identity.InstanceId };
            TargetReadDecision decision;
            KeptSnapshotFile? kept = null;
            if (forceFull)
            {
                decision = TargetReadDecision.Full("a full read was asked for");
            }
            else if (_settings.Mode == TargetReadMode.Full)
            {
                decision = TargetReadDecision.Full("target reads are configured as full");
            }
            else
            {
                try
                {
                    kept = KeptSnapshotFile.Open(path, _key);
                    decision = TargetReadDecision.Decide(kept.Header, kept.Read, identity, schemaVersion, _settings, Clock());
                }
                catch (KeptSnapshotDoubtException e)
                {
                    decision = TargetReadDecision.Full(e.Reason);
                }
            }

            if (decision.Mode == TargetReadMode.Incremental && kept is not null)
            {
                try
                {
                    return Refresh(path, header, kept, decision, started, cancellationToken);
                }
                catch (KeptSnapshotDoubtException e)
                {
                    // Found while merging (MAC, count, order): the refreshed file was never completed.
                    decision = TargetReadDecision.Full(e.Reason);
                }
            }

            return ReadAll(path, header, decision, started, cancellationToken);
        }

        private TargetReadResult ReadAll(string path, TargetSnapshotHeader header, TargetReadDecision decision, Stopwatch started, CancellationToken cancellationToken)
        {
            var query = new StaffQuery { PageSize = _settings.PageSize };
            var clock = new ServerClock();
            using var writer = new TargetSnapshotWriter(path, header, _key.DeriveKey(SnapshotSeal.Purpose));
            foreach (var record in _client.EnumerateStaff(query, page => { clock.Saw(page); PageFetched?.Invoke(page); }, cancellationToken))
            {
                clock.Saw(record);
                writer.Write(record);
            }

            var mark = clock.HighWaterMark(fallback: header.TakenAt);
            var read = new SnapshotReadInfo(TargetReadMode.Full, mark, null, mark, clock.Pages);
            Seal(writer, read);
            return new TargetReadResult(path, TargetReadMode.Full, decision.Reason, clock.Pages, writer.Count, writer.Count, 0, read, started.Elapsed);
        }

        private TargetReadResult Refresh(string path, TargetSnapshotHeader header, KeptSnapshotFile kept, TargetReadDecision decision, Stopwatch started, CancellationToken cancellationToken)
        {
            var since = kept.Read.HighWaterMark - _settings.Overlap;
            var query = new StaffQuery { PageSize = _settings.PageSize, UpdatedSince = since };
            var clock = new ServerClock();
            var changed = new List<TargetStaffRecord>();
            foreach (var record in _client.EnumerateStaff(query, page => { clock.Saw(page); PageFetched?.Invoke(page); }, cancellationToken))
            {
                clock.Saw(record);
                changed.Add(record);
            }

            // Without a Date header the mark never moves back: the records seen are at or after the old one.
            var mark = clock.HighWaterMark(fallback: kept.Read.HighWaterMark);
            using var writer = new TargetSnapshotWriter(path, header, _key.DeriveKey(SnapshotSeal.Purpose));
            var counts = SnapshotMerge.Merge(kept.Records(), changed, writer);
            var read = new SnapshotReadInfo(TargetReadMode.Incremental, kept.Read.FullReadAt, mark, mark, clock.Pages);
            Seal(writer, read);
            return new TargetReadResult(path, TargetReadMode.Incremental, decision.Reason, clock.Pages, writer.Count, changed.Count, counts.Added, read, started.Elapsed);
        }

        private void Seal(TargetSnapshotWriter writer, SnapshotReadInfo read)
        {
            writer.Complete(read);

            // A crash here leaves the new snapshot with the old seal: the next run finds it in doubt and reads in full.
            SnapshotSeal.Write(writer.FilePath, _key.KeyId, writer.Mac!, writer.Length);
        }

        /// <summary>TitanHST's time for the high-water mark: the Date of the first page, else the latest updatedAt seen.</summary>
        private sealed class ServerClock
        {
            private DateTimeOffset? _firstDate;
            private DateTimeOffset? _latestUpdate;

            internal long Pages { get; private set; }

            internal void Saw(TargetStaffPage page)
            {
                Pages++;
                if (Pages == 1)
                {
                    // Whole seconds, rounded down by the server: the mark is never later than the read's start.
                    _firstDate = page.Call.ServerDate;
                }
            }

            internal void Saw(TargetStaffRecord record)
            {
                if (_latestUpdate is null || record.UpdatedAt > _latestUpdate)
                {
                    _latestUpdate = record.UpdatedAt;
                }
            }

            internal DateTimeOffset HighWaterMark(DateTimeOffset fallback) =>
                _firstDate ?? (_latestUpdate is { } latest && latest > fallback ? latest : fallback);
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using Aether.TitanHst.Client;
using Aether.TitanHst.Target;

namespace Aether.TitanHst.PowerShell.Session
{
    /// <summary>
    /// TitanHST's side of a comparison (the diff, the validation): a full snapshot file, or the live API through a
    /// connection, optionally narrowed to a few people. Disposing closes the snapshot and reports the calls made.
    /// </summary>
    internal sealed class TargetSource : IDisposable
    {
        private readonly PSCmdlet _cmdlet;
        private readonly TargetSnapshotReader? _snapshot;
        private readonly TitanHstConnection? _connection;

        private readonly Func<CancellationToken, IEnumerable<TargetStaffRecord>> _read;

        private TargetSource(PSCmdlet cmdlet, Func<CancellationToken, IEnumerable<TargetStaffRecord>> read, string description, TargetSnapshotReader? snapshot, TitanHstConnection? connection)
        {
            _cmdlet = cmdlet;
            _read = read;
            Description = description;
            _snapshot = snapshot;
            _connection = connection;
        }

        /// <summary>The records, read as they are enumerated (once).</summary>
        internal IEnumerable<TargetStaffRecord> Records => _read(CancellationToken.None);

        /// <summary>
        /// The records, read as they are enumerated (once), from any thread: nothing here writes to the cmdlet. A live
        /// read stops its request in flight when <paramref name="stop"/> is cancelled.
        /// </summary>
        internal IEnumerable<TargetStaffRecord> Read(CancellationToken stop) => _read(stop);

        /// <summary>Where the records come from, for the diff identity and the access audit (no personal data).</summary>
        internal string Description { get; }

        /// <summary>Which TitanHST the records come from (normalized base URI and instance id); null when a snapshot cannot say.</summary>
        internal TargetIdentity? Identity { get; private set; }

        /// <summary>The staff schema version TitanHST reports now (or reported when the snapshot was taken); null when unknown.</summary>
        internal string? SchemaVersion { get; private set; }

        internal static TargetSource Open(PSCmdlet cmdlet, string? snapshotPath, TitanHstConnection? connection, IReadOnlyCollection<string>? externalIds)
        {
            if (snapshotPath is not null)
            {
                var snapshot = TargetSnapshots.OpenComplete(cmdlet, snapshotPath, narrowed: externalIds is not null);
                var header = snapshot.Header;
                return new TargetSource(cmdlet, _ => snapshot.ReadRecords(), TargetDescription.OfSnapshot(snapshot.File, header), snapshot, null)
                {
                    Identity = SnapshotIdentity(header),
                    SchemaVersion = header.SchemaVersion,
                };
            }

            var resolved = ConnectionResolver.Resolve(cmdlet, connection);

            // Asked now, not at connect time: the diff records who TitanHST is and which schema it speaks at this moment.
            var schema = resolved.Client.GetSchemaAsync().GetAwaiter().GetResult();
            IEnumerable<TargetStaffRecord> Records(CancellationToken stop) => externalIds is null
                ? resolved.Client.EnumerateStaff(StaffQuery.All, cancellationToken: stop)
                : externalIds.Select(id => ReadOne(resolved, id, stop)).Where(r => r is not null).Select(r => r!);
            return new TargetSource(cmdlet, Records, resolved.BaseUri.ToString(), null, resolved)
            {
                Identity = TargetIdentity.Of(resolved.BaseUri, schema.InstanceId),
                SchemaVersion = schema.SchemaVersion,
            };
        }

        public void Dispose()
        {
            _snapshot?.Dispose();
            if (_connection is not null)
            {
                ConnectionResolver.WriteCalls(_cmdlet, _connection);
            }
        }

        private static TargetIdentity? SnapshotIdentity(TargetSnapshotHeader header)
        {
            try
            {
                return header.InstanceId is null || !Uri.TryCreate(header.BaseUri, UriKind.Absolute, out var uri) ? null : TargetIdentity.Of(uri, header.InstanceId);
            }
            catch (ArgumentException)
            {
                return null;
            }
        }

        private static TargetStaffRecord? ReadOne(TitanHstConnection connection, string externalId, CancellationToken stop)
        {
            try
            {
                return connection.Client.GetStaffByExternalIdAsync(externalId, stop).GetAwaiter().GetResult();
            }
            catch (TitanHstApiException ex) when (ex.Kind == TitanHstErrorKind.NotFound)
            {
                return null;
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
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

        private TargetSource(PSCmdlet cmdlet, IEnumerable<TargetStaffRecord> records, string description, TargetSnapshotReader? snapshot, TitanHstConnection? connection)
        {
            _cmdlet = cmdlet;
            Records = records;
            Description = description;
            _snapshot = snapshot;
            _connection = connection;
        }

        internal IEnumerable<TargetStaffRecord> Records { get; }

        /// <summary>Where the records come from, for the diff identity and the access audit (no personal data).</summary>
        internal string Description { get; }

        internal static TargetSource Open(PSCmdlet cmdlet, string? snapshotPath, TitanHstConnection? connection, IReadOnlyCollection<string>? externalIds)
        {
            if (snapshotPath is not null)
            {
                var snapshot = TargetSnapshots.OpenComplete(cmdlet, snapshotPath, narrowed: externalIds is not null);
                return new TargetSource(cmdlet, snapshot.ReadRecords(), $"snapshot {snapshot.File} taken {snapshot.Header.TakenAt:u} from {snapshot.Header.BaseUri}", snapshot, null);
            }

            var resolved = ConnectionResolver.Resolve(cmdlet, connection);
            var records = externalIds is null
                ? resolved.Client.EnumerateStaff(StaffQuery.All)
                : externalIds.Select(id => ReadOne(resolved, id)).Where(r => r is not null).Select(r => r!);
            return new TargetSource(cmdlet, records, resolved.BaseUri.ToString(), null, resolved);
        }

        public void Dispose()
        {
            _snapshot?.Dispose();
            if (_connection is not null)
            {
                ConnectionResolver.WriteCalls(_cmdlet, _connection);
            }
        }

        private static TargetStaffRecord? ReadOne(TitanHstConnection connection, string externalId)
        {
            try
            {
                return connection.Client.GetStaffByExternalIdAsync(externalId).GetAwaiter().GetResult();
            }
            catch (TitanHstApiException ex) when (ex.Kind == TitanHstErrorKind.NotFound)
            {
                return null;
            }
        }
    }
}

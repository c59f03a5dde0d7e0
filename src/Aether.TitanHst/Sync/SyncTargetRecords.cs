using System;
using System.Collections.Generic;
using System.Threading;
using Aether.TitanHst.Security;
using Aether.TitanHst.Target;

namespace Aether.TitanHst.Sync
{
    /// <summary>
    /// TitanHST's records as a sync's diff reads them (the live listing, or the kept snapshot read back under its seal),
    /// with what must be closed after; and the kept snapshot's name, one per target.
    /// </summary>
    internal sealed class SyncTargetRecords : IDisposable
    {
        private readonly IDisposable? _owner;

        internal SyncTargetRecords(Func<CancellationToken, IEnumerable<TargetStaffRecord>> read, IDisposable? owner)
        {
            Read = read;
            _owner = owner;
        }

        /// <summary>The records, read once as they are enumerated; the token stops a live read in flight.</summary>
        internal Func<CancellationToken, IEnumerable<TargetStaffRecord>> Read { get; }

        /// <summary>One kept snapshot per target: the name carries a hash of its identity, so two targets never share one.</summary>
        internal static string KeptSnapshotName(TargetIdentity target)
        {
            using (var sha = System.Security.Cryptography.SHA256.Create())
            {
                var hash = Hex.Of(sha.ComputeHash(System.Text.Encoding.UTF8.GetBytes(target.Key)));
                return "target-" + hash.Substring(0, 16) + ".jsonl";
            }
        }

        public void Dispose() => _owner?.Dispose();
    }
}

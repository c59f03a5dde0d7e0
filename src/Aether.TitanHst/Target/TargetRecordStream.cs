using System;
using System.Collections;
using System.Collections.Generic;
using System.Threading;

namespace Aether.TitanHst.Target
{
    /// <summary>
    /// A read of TitanHST's records that can be stopped and watched (counted for progress) record by record, and
    /// that keeps a snapshot file's compact path: when the diff reads it into its table, the snapshot's records go
    /// straight into the table (no record object each) and the stop and the count still apply after every record.
    /// </summary>
    public static class TargetRecordStream
    {
        /// <summary>
        /// The records <paramref name="read"/> gives, read once as they are enumerated; the read stops with an
        /// <see cref="OperationCanceledException"/> at the next record once <paramref name="stop"/> or
        /// <paramref name="alsoStop"/> is cancelled (and a live read gets a token that stops its request in flight);
        /// <paramref name="eachRecord"/> runs after each record (on the reading thread).
        /// </summary>
        public static IEnumerable<TargetStaffRecord> Read(Func<CancellationToken, IEnumerable<TargetStaffRecord>> read, Action? eachRecord,
            CancellationToken stop, CancellationToken alsoStop = default)
        {
            if (read is null)
            {
                throw new ArgumentNullException(nameof(read));
            }

            return new WatchedRead(read, eachRecord, stop, alsoStop);
        }

        private sealed class WatchedRead : IEnumerable<TargetStaffRecord>, ITargetTableSource
        {
            private readonly Func<CancellationToken, IEnumerable<TargetStaffRecord>> _read;
            private readonly CancellationToken _stop;
            private readonly CancellationToken _alsoStop;
            private readonly Action? _eachRecord;

            internal WatchedRead(Func<CancellationToken, IEnumerable<TargetStaffRecord>> read, Action? eachRecord, CancellationToken stop, CancellationToken alsoStop)
            {
                _read = read;
                _stop = stop;
                _alsoStop = alsoStop;
                _eachRecord = eachRecord;
            }

            public IEnumerator<TargetStaffRecord> GetEnumerator()
            {
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(_stop, _alsoStop);
                var token = stop.Token;
                foreach (var record in _read(token))
                {
                    token.ThrowIfCancellationRequested();
                    _eachRecord?.Invoke();
                    yield return record;
                }
            }

            IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

            TargetTable ITargetTableSource.ReadTable(Action? afterEachRecord)
            {
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(_stop, _alsoStop);
                var token = stop.Token;
                var each = _eachRecord;
                return TargetTable.From(_read(token), () =>
                {
                    token.ThrowIfCancellationRequested();
                    each?.Invoke();
                    afterEachRecord?.Invoke();
                });
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Aether.TitanHst.Target;

namespace Aether.TitanHst.Preview
{
    /// <summary>
    /// Reads TitanHST's records (a snapshot or a live read) into memory on a thread of its own while the preview copies
    /// and extracts the exports, as a diff reads its target alongside its sources, instead of before them.
    /// </summary>
    /// <remarks>
    /// The worker touches nothing else: the read function must be safe on any thread (it writes to no cmdlet).
    /// <see cref="Join"/> rethrows its exception as itself. <see cref="Abandon"/> stops the read at its next record,
    /// waits for the worker and returns the worker's own failure, if it had one: a target that had already failed is
    /// the error reported, as when the target was read before the exports; one still reading is stopped, not waited
    /// for (an export error is not held back by a slow live read), so its error, if it was to come, is not seen.
    /// </remarks>
    internal sealed class TargetReadWorker : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task<List<TargetStaffRecord>> _task;

        private TargetReadWorker(Func<CancellationToken, IEnumerable<TargetStaffRecord>> read)
        {
            var token = _stop.Token;
            // CancellationToken.None to the task itself: a cancellation inside the read is a fault like any other.
            _task = Task.Factory.StartNew(() => UntilStopped(read(token), token).ToList(), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }

        public static TargetReadWorker Start(Func<CancellationToken, IEnumerable<TargetStaffRecord>> read) => new(read);

        /// <summary>Waits for the records; rethrows the worker's exception unwrapped.</summary>
        public List<TargetStaffRecord> Join() => _task.GetAwaiter().GetResult();

        /// <summary>The preview failed: stops the read, waits for the worker, and returns its own failure if it had one.</summary>
        public Exception? Abandon()
        {
            _stop.Cancel();
            try
            {
                _task.GetAwaiter().GetResult();
                return null;
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return null;
            }
            catch (Exception ex)
            {
                return ex;
            }
        }

        public void Dispose() => _stop.Dispose();

        private static IEnumerable<TargetStaffRecord> UntilStopped(IEnumerable<TargetStaffRecord> records, CancellationToken stop)
        {
            foreach (var record in records)
            {
                stop.ThrowIfCancellationRequested();
                yield return record;
            }
        }
    }
}

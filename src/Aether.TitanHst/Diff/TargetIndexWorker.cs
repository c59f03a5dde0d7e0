using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Target;

namespace Aether.TitanHst.Diff
{
    /// <summary>
    /// Reads TitanHST's side into a <see cref="TargetIndex"/> on a thread of its own while the caller's thread reads
    /// the sources (the extractor reads every export before its first person), so the two reads share the machine's
    /// cores instead of taking turns.
    /// </summary>
    /// <remarks>
    /// The worker touches nothing the caller's thread uses: the target's records (read, then handed over by
    /// <see cref="Join"/>), the contract's key rules and target scope (stateless). Its exception is rethrown by
    /// <see cref="Join"/> as itself (never wrapped), so callers see the errors they saw when the index was built on
    /// their thread. <see cref="Abandon"/> stops it at the next record and waits for it, so no thread is left reading
    /// a file or the API once the diff has failed, and its exception is always observed.
    /// </remarks>
    internal sealed class TargetIndexWorker : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task<TargetIndex> _task;

        private TargetIndexWorker(MappingContract contract, Func<CancellationToken, IEnumerable<TargetStaffRecord>> read, Func<string, bool> wanted)
        {
            var token = _stop.Token;
            // CancellationToken.None to the task itself: a cancellation inside the read is a fault like any other and
            // comes back from Join as the exception the read threw, not as a TaskCanceledException.
            _task = Task.Factory.StartNew(
                () => new TargetIndex(contract, UntilStopped(read(token), token), wanted),
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default);
        }

        internal static TargetIndexWorker Start(MappingContract contract, Func<CancellationToken, IEnumerable<TargetStaffRecord>> read, Func<string, bool> wanted) =>
            new(contract, read, wanted);

        /// <summary>
        /// Waits for the index; <paramref name="whileWaiting"/> runs on the caller's thread every
        /// <paramref name="interval"/> meanwhile (progress from the thread that may report it). Rethrows the worker's
        /// exception unwrapped.
        /// </summary>
        internal TargetIndex Join(Action? whileWaiting, TimeSpan interval)
        {
            if (whileWaiting is not null)
            {
                var done = ((IAsyncResult)_task).AsyncWaitHandle;
                while (!done.WaitOne(interval))
                {
                    whileWaiting();
                }
            }

            return _task.GetAwaiter().GetResult();
        }

        /// <summary>
        /// The caller failed: stops the read at its next record, waits until the worker has left it (its enumerator
        /// disposed) and returns the worker's own failure, if it had one before it was stopped.
        /// </summary>
        internal Exception? Abandon()
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

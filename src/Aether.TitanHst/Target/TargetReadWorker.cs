using System;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;

namespace Aether.TitanHst.Target
{
    /// <summary>
    /// Reads TitanHST's side (a snapshot or a live read) on a thread of its own while the caller's thread reads the
    /// exports, so the two reads share the machine's cores instead of taking turns; what the worker makes of the
    /// records (the diff's <c>TargetIndex</c>, the preview's list) is its <c>consume</c> function.
    /// </summary>
    /// <remarks>
    /// The worker touches nothing the caller's thread uses: the read must be safe on any thread (it writes to no
    /// cmdlet), and what it makes is handed over by <see cref="Join"/>. Its exception is rethrown by
    /// <see cref="Join"/> as itself (never wrapped), so callers see the errors they saw when the target was read on
    /// their thread. <see cref="StopAfterFailure"/> stops it at the next record and waits until it has left the read,
    /// so no thread is left reading a file or the API once the caller has failed, and its exception is always observed.
    /// </remarks>
    internal sealed class TargetReadWorker<T> : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task<T> _task;

        internal TargetReadWorker(Func<CancellationToken, IEnumerable<TargetStaffRecord>> read, Func<IEnumerable<TargetStaffRecord>, T> consume)
        {
            var token = _stop.Token;
            // CancellationToken.None to the task itself: a cancellation inside the read is a fault like any other and
            // comes back from Join as the exception the read threw, not as a TaskCanceledException.
            // Stopped at the next record once the token is cancelled; a snapshot read into the diff's table stays compact.
            _task = Task.Factory.StartNew(
                () => consume(TargetRecordStream.Read(read, null, token)),
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default);
        }

        /// <summary>
        /// Waits for what the worker made; <paramref name="whileWaiting"/>, when given, runs on the caller's thread every
        /// <paramref name="interval"/> meanwhile (progress from the thread that may report it). Rethrows the worker's
        /// exception unwrapped; if the wait itself fails (the caller's progress report was stopped), the worker is
        /// stopped first.
        /// </summary>
        internal T Join(Action? whileWaiting = null, TimeSpan interval = default)
        {
            try
            {
                if (whileWaiting is not null)
                {
                    var done = ((IAsyncResult)_task).AsyncWaitHandle;
                    while (!done.WaitOne(interval))
                    {
                        whileWaiting();
                    }
                }
            }
            catch
            {
                Abandon();
                throw;
            }

            return _task.GetAwaiter().GetResult();
        }

        /// <summary>
        /// The caller failed: stops the read at its next record, waits until the worker has left it, and throws the
        /// worker's own failure if it had one before it was stopped (a target that had already failed is the error
        /// reported, as when the target was read before the exports). A read still going is stopped, not waited for,
        /// so an error it was yet to meet is not seen. Returns when the worker had not failed: the caller rethrows its own.
        /// </summary>
        internal void StopAfterFailure()
        {
            if (Abandon() is { } targetFailure)
            {
                ExceptionDispatchInfo.Capture(targetFailure).Throw();
            }
        }

        public void Dispose() => _stop.Dispose();

        private Exception? Abandon()
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
    }
}

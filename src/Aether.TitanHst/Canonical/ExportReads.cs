using System;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;

namespace Aether.TitanHst.Canonical
{
    /// <summary>
    /// The contract's exports read at the same time (each read is independent: its own file, reader and interners),
    /// on at most as many threads as the machine has cores, the caller's included; handed out in source order by
    /// <see cref="Get"/>, so what is done with them (issue order, duplicate and untrusted checks, hashes) is unchanged.
    /// </summary>
    /// <remarks>
    /// Sources are claimed in order; the caller reads the next unclaimed one itself while the one it needs is not
    /// claimed yet, so source 0 never waits for a worker. A read's error comes back from <see cref="Get"/> for that
    /// source, as itself, in source order: the first failing source's error is the one reported, as when they were
    /// read one after the other. <see cref="Dispose"/> waits for every worker, so no thread is left reading a file and
    /// no error goes unobserved when the extraction stops early.
    /// </remarks>
    internal sealed class ExportReads : IDisposable
    {
        private readonly Func<int, SourceFileRead> _read;
        private readonly Slot[] _slots;
        private readonly Task[] _workers;
        private int _next = -1;
        private volatile bool _stopped;

        internal ExportReads(int count, Func<int, SourceFileRead> read, int threads)
        {
            _read = read;
            _slots = new Slot[count];
            for (var i = 0; i < count; i++)
            {
                _slots[i] = new Slot();
            }

            // The caller is one of the threads; the others only help when there is more than one export to read.
            var helpers = Math.Max(0, Math.Min(threads, count) - 1);
            _workers = new Task[helpers];
            for (var i = 0; i < helpers; i++)
            {
                _workers[i] = Task.Factory.StartNew(Work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            }
        }

        /// <summary>Source <paramref name="index"/>'s read, waiting for it (or reading it) if needed; its error rethrown as itself.</summary>
        internal SourceFileRead Get(int index)
        {
            var slot = _slots[index];
            while (!slot.Done.IsSet && Volatile.Read(ref _next) < index && TryReadNext())
            {
            }

            slot.Done.Wait();
            if (slot.Error is not null)
            {
                ExceptionDispatchInfo.Capture(slot.Error).Throw();
            }

            // Handed over once: the caller holds the rows it keeps, the list goes when the caller is done with it.
            var read = slot.Read!;
            slot.Read = null;
            return read;
        }

        public void Dispose()
        {
            // Sources not claimed yet are not read at all; the ones being read are waited for.
            _stopped = true;
            Task.WaitAll(_workers);
            foreach (var slot in _slots)
            {
                slot.Dispose();
            }
        }

        private void Work()
        {
            while (!_stopped && TryReadNext())
            {
            }
        }

        /// <summary>Claims and reads the next unread source; false when every source is claimed.</summary>
        private bool TryReadNext()
        {
            var index = Interlocked.Increment(ref _next);
            if (index >= _slots.Length)
            {
                return false;
            }

            var slot = _slots[index];
            try
            {
                slot.Read = _read(index);
            }
            catch (Exception ex)
            {
                slot.Error = ex;
            }
            finally
            {
                slot.Done.Set();
            }

            return true;
        }

        private sealed class Slot : IDisposable
        {
            internal readonly ManualResetEventSlim Done = new();
            internal SourceFileRead? Read;
            internal Exception? Error;

            public void Dispose() => Done.Dispose();
        }
    }
}

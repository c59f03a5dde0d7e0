using System;
using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;

namespace Aether.TitanHst.Canonical
{
    /// <summary>
    /// Reads the exports on two threads (<typeparamref name="TRead"/>: a <see cref="SourceFileRead"/>; anything in
    /// tests): this one and a helper each take the next export nobody has started, and this thread takes the reads
    /// in the contract's order (<see cref="Take"/>), waiting only for one the helper is still reading. What a read
    /// gives does not depend on which thread read it or when; its failure is thrown where that export is due, as
    /// itself, so the extraction reports the same first problem as reading one by one.
    /// </summary>
    /// <remarks>
    /// The target snapshot is read alongside the exports on a thread of its own and is done long before them (round
    /// 17 in docs/benchmarks-history.md), which left the second core idle for most of the exports' read. Every export is
    /// read before anyone is built anyway (duplicates and untrusted rows are found across all of them), so reading
    /// them at once holds nothing longer. Disposing stops the helper after the read it is in and waits for it, so no
    /// export is still open once the extraction has ended, however it ended.
    /// </remarks>
    internal sealed class SourceReadAhead<TRead> : IDisposable
        where TRead : class
    {
        private readonly object _gate = new();
        private readonly Func<int, TRead> _read;
        private readonly TRead?[] _reads;
        private readonly ExceptionDispatchInfo?[] _failures;
        private readonly bool[] _done;
        private readonly Task _helper;
        private int _next;

        internal SourceReadAhead(int count, Func<int, TRead> read)
        {
            _read = read;
            _reads = new TRead?[count];
            _failures = new ExceptionDispatchInfo?[count];
            _done = new bool[count];
            var culture = CultureInfo.CurrentCulture;
            var uiCulture = CultureInfo.CurrentUICulture;
            _helper = Task.Factory.StartNew(
                () => Help(culture, uiCulture),
                CancellationToken.None,
                TaskCreationOptions.LongRunning | TaskCreationOptions.DenyChildAttach,
                TaskScheduler.Default);
        }

        /// <summary>The read of export <paramref name="index"/>, taken in order; meanwhile this thread reads the next export nobody has started.</summary>
        internal TRead Take(int index)
        {
            while (true)
            {
                int claimed;
                lock (_gate)
                {
                    if (_done[index])
                    {
                        var read = _reads[index];
                        // Let go of here: the extraction decides how long a read lives.
                        _reads[index] = null;
                        _failures[index]?.Throw();
                        return read!;
                    }

                    claimed = _next < _reads.Length ? _next++ : -1;
                    if (claimed < 0)
                    {
                        Monitor.Wait(_gate);
                        continue;
                    }
                }

                ReadOne(claimed);
            }
        }

        public void Dispose()
        {
            lock (_gate)
            {
                _next = _reads.Length;
            }

            try
            {
                _helper.Wait();
            }
            catch (AggregateException)
            {
                // The helper keeps its failures for Take; nothing else can fail it.
            }
        }

        private void Help(CultureInfo culture, CultureInfo uiCulture)
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = uiCulture;
            while (true)
            {
                int claimed;
                lock (_gate)
                {
                    if (_next == _reads.Length)
                    {
                        return;
                    }

                    claimed = _next++;
                }

                ReadOne(claimed);
            }
        }

        private void ReadOne(int index)
        {
            TRead? read = null;
            ExceptionDispatchInfo? failure = null;
            try
            {
                read = _read(index);
            }
            catch (Exception ex)
            {
                failure = ExceptionDispatchInfo.Capture(ex);
            }

            lock (_gate)
            {
                _reads[index] = read;
                _failures[index] = failure;
                _done[index] = true;
                Monitor.PulseAll(_gate);
            }
        }
    }
}

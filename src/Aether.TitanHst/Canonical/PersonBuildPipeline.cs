using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;

namespace Aether.TitanHst.Canonical
{
    /// <summary>
    /// Builds the walk's people in batches on two threads: a helper thread and this one (the consumer's) both take
    /// the next batch nobody has taken, and this thread hands the batches out in the walk's order. The items come out
    /// exactly as one thread would give them, whoever built which batch.
    /// </summary>
    /// <remarks>
    /// The consumer compares each person as it gets it, on this thread, so this thread has more to do than the
    /// helper: it builds a batch only when the next one to hand out is not ready, and otherwise hands out. The helper
    /// never waits for this thread except when it is a whole window of batches ahead (the people built and not yet
    /// handed out are bounded). An earlier design split each batch between the threads and joined them per batch;
    /// the helper then sat idle for half the build (round 17 in docs/benchmarks-history.md). Each thread has its own record
    /// builder; each batch its own statistics, added just before its people are handed out. The helper runs under this
    /// thread's culture, so any culture-sensitive rule reads the same on both. Rows are let go of on this thread only,
    /// a batch's once it is handed out.
    /// </remarks>
    internal static class PersonBuildPipeline
    {
        internal const int DefaultBatchSize = 256;

        // Batches built and not yet handed out, at most: enough that the threads rarely wait on each other, few enough
        // that what is held ahead stays small. Every collection copies the people in flight: 8 x 512 of them paid
        // ~10 % more GC pause at 100k than 4 x 256 (round 17), for no gain in time.
        private const int Window = 4;

        /// <summary>The walk's items, built by <paramref name="main"/> alone when <paramref name="helper"/> is null.</summary>
        internal static IEnumerable<ExtractItem> Run(PersonWalk walk, PersonBuild main, PersonBuild? helper, ExtractStatistics statistics, int batchSize = DefaultBatchSize)
        {
            if (helper is null || walk.Count <= batchSize)
            {
                var items = new List<ExtractItem>();
                for (var i = 0; i < walk.Count; i++)
                {
                    items.Clear();
                    main.Step(walk, i, statistics, items);
                    main.Release(walk, i, i + 1);
                    for (var j = 0; j < items.Count; j++)
                    {
                        yield return items[j];
                    }
                }

                yield break;
            }

            var shared = new Batches(walk, batchSize);
            var culture = CultureInfo.CurrentCulture;
            var uiCulture = CultureInfo.CurrentUICulture;
            var running = Task.Factory.StartNew(
                () => Helper(helper, shared, culture, uiCulture),
                CancellationToken.None,
                TaskCreationOptions.LongRunning | TaskCreationOptions.DenyChildAttach,
                TaskScheduler.Default);
            try
            {
                for (var next = 0; next < shared.Count; next++)
                {
                    var batch = TakeReady(main, shared, next);
                    statistics.Add(batch.Statistics);
                    for (var j = 0; j < batch.Items.Count; j++)
                    {
                        yield return batch.Items[j];
                    }

                    main.Release(walk, batch.From, batch.To);
                    shared.HandedOut(next);
                }
            }
            finally
            {
                // Done, stopped early (the consumer stopped) or failed: the helper leaves before the extract ends.
                shared.Stop();
                try
                {
                    running.Wait();
                }
                catch (AggregateException)
                {
                    // A failure of the helper's was thrown where its batch was due, or is not the one being reported.
                }
            }
        }

        /// <summary>The batch <paramref name="next"/>, once built: meanwhile this thread builds the next batch nobody has taken.</summary>
        [MethodImpl(Hot.Path)]
        private static Batch TakeReady(PersonBuild main, Batches shared, int next)
        {
            while (true)
            {
                var (ready, claimed) = shared.ReadyOrClaim(next, wait: false);
                if (ready is null && claimed is null)
                {
                    // Nothing left to take: the helper is building the batch due.
                    (ready, _) = shared.ReadyOrClaim(next, wait: true);
                }

                if (ready is not null)
                {
                    ready.ThrowIfFailed();
                    return ready;
                }

                shared.Build(main, claimed!);
            }
        }

        [MethodImpl(Hot.Path)]
        private static void Helper(PersonBuild helper, Batches shared, CultureInfo culture, CultureInfo uiCulture)
        {
            var (ownCulture, ownUiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = uiCulture;
            try
            {
                while (shared.ClaimForHelper() is { } batch)
                {
                    shared.Build(helper, batch);
                }
            }
            finally
            {
                CultureInfo.CurrentCulture = ownCulture;
                CultureInfo.CurrentUICulture = ownUiCulture;
            }
        }

        /// <summary>The walk cut into batches, who has taken which, and the built ones not yet handed out (a ring of slots).</summary>
        private sealed class Batches
        {
            private readonly object _gate = new();
            private readonly PersonWalk _walk;
            private readonly int _size;
            private readonly Batch[] _slots = new Batch[Window];
            private int _claimed;
            private int _handedOut;
            private bool _stopped;

            internal Batches(PersonWalk walk, int size)
            {
                _walk = walk;
                _size = size;
                Count = (walk.Count + size - 1) / size;
                for (var i = 0; i < _slots.Length; i++)
                {
                    _slots[i] = new Batch();
                }
            }

            internal int Count { get; }

            /// <summary>
            /// The batch <paramref name="next"/> if it is built; else a batch for the caller to build, if one may be
            /// taken; else, with <paramref name="wait"/>, waits until <paramref name="next"/> is built.
            /// </summary>
            [MethodImpl(Hot.Path)]
            internal (Batch? Ready, Batch? Claimed) ReadyOrClaim(int next, bool wait)
            {
                lock (_gate)
                {
                    while (true)
                    {
                        var slot = _slots[next % Window];
                        if (slot.Index == next && slot.Built)
                        {
                            return (slot, null);
                        }

                        if (!wait && TryClaim() is { } claimed)
                        {
                            return (null, claimed);
                        }

                        if (!wait)
                        {
                            return (null, null);
                        }

                        Monitor.Wait(_gate);
                    }
                }
            }

            /// <summary>The next batch for the helper, waiting while it is a window ahead; null once there is none or the run stopped.</summary>
            [MethodImpl(Hot.Path)]
            internal Batch? ClaimForHelper()
            {
                lock (_gate)
                {
                    while (true)
                    {
                        if (_stopped || _claimed == Count)
                        {
                            return null;
                        }

                        if (TryClaim() is { } claimed)
                        {
                            return claimed;
                        }

                        Monitor.Wait(_gate);
                    }
                }
            }

            /// <summary>Builds a claimed batch's people, then marks it built; a failure is kept for where the batch is due.</summary>
            [MethodImpl(Hot.Path)]
            internal void Build(PersonBuild build, Batch batch)
            {
                try
                {
                    build.Run(_walk, batch.From, batch.To, batch.Statistics, batch.Items);
                }
                catch (Exception ex)
                {
                    batch.Failure = ExceptionDispatchInfo.Capture(ex);
                    Stop();
                }

                lock (_gate)
                {
                    batch.Built = true;
                    Monitor.PulseAll(_gate);
                }
            }

            /// <summary>The batch <paramref name="index"/> is handed out: its slot may take a batch a window later.</summary>
            [MethodImpl(Hot.Path)]
            internal void HandedOut(int index)
            {
                lock (_gate)
                {
                    _handedOut = index + 1;
                    Monitor.PulseAll(_gate);
                }
            }

            internal void Stop()
            {
                lock (_gate)
                {
                    _stopped = true;
                    Monitor.PulseAll(_gate);
                }
            }

            // Under the gate: the next batch, unless all are taken or its slot still holds one not handed out.
            private Batch? TryClaim()
            {
                if (_stopped || _claimed == Count || _claimed >= _handedOut + Window)
                {
                    return null;
                }

                var index = _claimed++;
                var from = index * _size;
                var batch = _slots[index % Window];
                batch.Reset(index, from, Math.Min(from + _size, _walk.Count));
                return batch;
            }
        }

        /// <summary>One batch of the walk's people: which, their items in order, their counts, and whether it is built.</summary>
        private sealed class Batch
        {
            internal int Index { get; private set; } = -1;

            internal int From { get; private set; }

            internal int To { get; private set; }

            internal bool Built { get; set; }

            internal ExceptionDispatchInfo? Failure { get; set; }

            internal List<ExtractItem> Items { get; } = new();

            internal ExtractStatistics Statistics { get; private set; } = new();

            internal void Reset(int index, int from, int to)
            {
                (Index, From, To) = (index, from, to);
                Built = false;
                Failure = null;
                Items.Clear();
                Statistics = new ExtractStatistics();
            }

            internal void ThrowIfFailed() => Failure?.Throw();
        }
    }
}

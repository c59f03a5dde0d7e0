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
    /// Builds the walk's people in batches, the tail of each batch on a second thread while this thread builds the
    /// head and hands out what is ready, so the second core works once the exports are read. The items come out in
    /// exactly the walk's order, whatever the split: a batch's head, then its tail.
    /// </summary>
    /// <remarks>
    /// While this thread hands out a batch's tail (the consumer compares each person as it gets it), the helper
    /// already builds the next batch's tail: two item lists, used in turn. The split adapts: when the helper is
    /// found finished, it is given more of the next batch; when it is waited for, less. Each thread has its own
    /// record builder and statistics; the helper's counts are added just before its people are handed out. The
    /// helper runs under this thread's culture, so any culture-sensitive rule reads the same on both. Rows are let go
    /// of on this thread only, the helper's people's once their batch is joined.
    /// </remarks>
    internal static class PersonBuildPipeline
    {
        internal const int DefaultBatchSize = 1024;

        private const double MinShare = 0.1;
        private const double MaxShare = 0.9;
        private const double ShareStep = 0.03125;

        /// <summary>The walk's items, built by <paramref name="main"/> alone when <paramref name="helper"/> is null.</summary>
        internal static IEnumerable<ExtractItem> Run(PersonWalk walk, PersonBuild main, PersonBuild? helper, ExtractStatistics statistics, int batchSize = DefaultBatchSize)
        {
            var items = new List<ExtractItem>();
            if (helper is null || walk.Count <= batchSize)
            {
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

            var culture = CultureInfo.CurrentCulture;
            var uiCulture = CultureInfo.CurrentUICulture;
            var outputs = new[] { new HelperOutput(), new HelperOutput() };
            var turn = 0;
            var helperShare = 0.5;
            Task? running = null;
            HelperOutput? runningOutput = null;
            try
            {
                for (var from = 0; from < walk.Count;)
                {
                    HelperOutput? previous = null;
                    if (running is not null)
                    {
                        helperShare = running.IsCompleted ? Math.Min(MaxShare, helperShare + ShareStep) : Math.Max(MinShare, helperShare - ShareStep);
                        Join(running);
                        running = null;
                        previous = runningOutput;
                        main.Release(walk, previous!.From, previous.To);
                    }

                    var to = Math.Min(from + batchSize, walk.Count);
                    var split = to - (int)((to - from) * helperShare);
                    var output = runningOutput = outputs[turn];
                    turn ^= 1;
                    output.Clear(split, to);
                    var (tailFrom, tailTo) = (split, to);
                    running = Task.Factory.StartNew(
                        () => Helper(helper, walk, tailFrom, tailTo, output, culture, uiCulture),
                        CancellationToken.None,
                        TaskCreationOptions.DenyChildAttach,
                        TaskScheduler.Default);

                    if (previous is not null)
                    {
                        statistics.Add(previous.Statistics);
                        for (var j = 0; j < previous.Items.Count; j++)
                        {
                            yield return previous.Items[j];
                        }
                    }

                    for (var i = from; i < split; i++)
                    {
                        items.Clear();
                        main.Step(walk, i, statistics, items);
                        main.Release(walk, i, i + 1);
                        for (var j = 0; j < items.Count; j++)
                        {
                            yield return items[j];
                        }
                    }

                    from = to;
                }

                Join(running!);
                running = null;
                main.Release(walk, runningOutput!.From, runningOutput.To);
                statistics.Add(runningOutput.Statistics);
                for (var j = 0; j < runningOutput.Items.Count; j++)
                {
                    yield return runningOutput.Items[j];
                }
            }
            finally
            {
                // Stopped early (the consumer stopped, or this thread failed): the helper leaves its batch before the extract ends.
                if (running is not null)
                {
                    try
                    {
                        running.Wait();
                    }
                    catch (AggregateException)
                    {
                        // Its failure is not the one being reported.
                    }
                }
            }
        }

        [MethodImpl(Hot.Path)]
        private static void Helper(PersonBuild helper, PersonWalk walk, int from, int to, HelperOutput output, CultureInfo culture, CultureInfo uiCulture)
        {
            var (ownCulture, ownUiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = uiCulture;
            try
            {
                helper.Run(walk, from, to, output.Statistics, output.Items);
            }
            finally
            {
                CultureInfo.CurrentCulture = ownCulture;
                CultureInfo.CurrentUICulture = ownUiCulture;
            }
        }

        /// <summary>Waits for the helper's batch; its failure is thrown here as itself, not wrapped.</summary>
        [MethodImpl(Hot.Path)]
        private static void Join(Task running)
        {
            try
            {
                running.Wait();
            }
            catch (AggregateException ex) when (ex.InnerExceptions.Count == 1)
            {
                ExceptionDispatchInfo.Capture(ex.InnerException!).Throw();
            }
        }

        /// <summary>What the helper built of one batch: which of the walk's people, their items in order, and their counts.</summary>
        private sealed class HelperOutput
        {
            internal int From { get; private set; }

            internal int To { get; private set; }

            internal List<ExtractItem> Items { get; } = new();

            internal ExtractStatistics Statistics { get; private set; } = new();

            [MethodImpl(Hot.Path)]
            internal void Clear(int from, int to)
            {
                (From, To) = (from, to);
                Items.Clear();
                Statistics = new ExtractStatistics();
            }
        }
    }
}

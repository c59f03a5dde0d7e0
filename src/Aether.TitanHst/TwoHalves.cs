using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Aether.TitanHst
{
    /// <summary>
    /// Work over the items [0, count) whose items are independent, on the diff's one-thread tail: from
    /// <c>splitFrom</c> items on, the second half runs on another thread while this one runs the first, so the other
    /// core is not idle (the unique-value scan, the safety policy's verdicts). The results come back in the items' order.
    /// </summary>
    internal static class TwoHalves
    {
        /// <summary>The result of each half, the first half's first (one result when <paramref name="count"/> is under <paramref name="splitFrom"/>).</summary>
        internal static IReadOnlyList<T> Run<T>(int count, int splitFrom, Func<int, int, T> work)
        {
            var middle = count >= splitFrom ? count / 2 : count;
            var second = middle < count ? Task.Run(() => work(middle, count)) : null;
            var first = work(0, middle);
            return second is null ? new[] { first } : new[] { first, second.GetAwaiter().GetResult() };
        }
    }
}

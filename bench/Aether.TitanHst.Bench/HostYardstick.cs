using System;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Aether.TitanHst.Bench
{
    /// <summary>
    /// A fixed piece of work that never changes with the module, timed so that bench rows from different days can be
    /// told apart by the host's speed rather than the build's. This machine is a VM: on an idle guest the same build's
    /// diff took 0.34-0.41 s one night and 0.6-0.99 s the next (round 17 in docs/benchmarks-history.md), and nothing inside
    /// the guest showed why. The diff's time is arithmetic, memory latency and the GC's copying, so the yardstick
    /// times one of each, on one thread; each part is the best of three, so a stray interrupt does not count.
    /// A fourth figure, kept out of the sum so that rows stay comparable with the older ones: what the host charges for
    /// memory new to the process (the first touch of each page). Round 24 found it ~11 us a page here, where bare
    /// metal takes well under 1 us, and a diff touches 3-24k new pages at 100k and 72-163k at 1M.
    /// </summary>
    internal static class HostYardstick
    {
        private const int ChaseSteps = 4 << 20;

        internal static object Run()
        {
            // The inputs are made once, untimed: only the work itself is measured.
            var bytes = new byte[64 << 20];
            new Random(17).NextBytes(bytes);
            var cycle = Cycle(16 << 20);
            var arithmetic = Best(() => Arithmetic(bytes));
            var memory = Best(() => MemoryChase(cycle));
            var allocation = Best(Allocation);
            var freshPages = Best(FreshPages);
            return new
            {
                benchmark = "host-yardstick",
                arithmeticSeconds = Math.Round(arithmetic, 3),
                memorySeconds = Math.Round(memory, 3),
                memoryNanosecondsPerMiss = Math.Round(memory / ChaseSteps * 1e9),
                allocationSeconds = Math.Round(allocation, 3),
                freshPageMicroseconds = Math.Round(freshPages / (FreshBytes / PageBytes) * 1e6, 2),
                seconds = Math.Round(arithmetic + memory + allocation, 3),
            };
        }

        // Each part returns what it computed, through a delegate the JIT cannot see past, so the work is never dropped.
        private static double Best(Func<long> work)
        {
            var best = double.MaxValue;
            for (var i = 0; i < 3; i++)
            {
                var watch = Stopwatch.StartNew();
                _ = work();
                best = Math.Min(best, watch.Elapsed.TotalSeconds);
            }

            return best;
        }

        // FNV-1a over 64 MiB of fixed bytes, four times: the column interner's hash, the scanner's kind of loop.
        private static long Arithmetic(byte[] buffer)
        {
            var hash = 2166136261u;
            for (var pass = 0; pass < 4; pass++)
            {
                foreach (var b in buffer)
                {
                    hash = (hash ^ b) * 16777619u;
                }
            }

            return hash;
        }

        // One random cycle through 64 MiB of ints (far beyond the cache), followed for 4M steps: each step a cache
        // miss, as a look-up in the person or target index is at 1M.
        private static long MemoryChase(int[] next)
        {
            var at = 0;
            for (var step = 0; step < ChaseSteps; step++)
            {
                at = next[at];
            }

            return at;
        }

        private const int FreshBytes = 64 << 20;
        private const int PageBytes = 4096;

        // 64 MiB from the native heap (large enough that the C runtime maps it anew, and unmaps it when freed), one
        // byte written per 4 KiB page: nearly all of the time is the host's page faults, as for a heap that grows.
        private static long FreshPages()
        {
            var memory = Marshal.AllocHGlobal(FreshBytes);
            try
            {
                for (var at = 0; at < FreshBytes; at += PageBytes)
                {
                    Marshal.WriteByte(memory, at, 1);
                }

                return Marshal.ReadByte(memory, FreshBytes - PageBytes);
            }
            finally
            {
                Marshal.FreeHGlobal(memory);
            }
        }

        // Sattolo's shuffle of 0..count-1: one cycle through every slot.
        private static int[] Cycle(int count)
        {
            var next = new int[count];
            for (var i = 0; i < count; i++)
            {
                next[i] = i;
            }

            var random = new Random(29);
            for (var i = count - 1; i > 0; i--)
            {
                var j = random.Next(i);
                (next[i], next[j]) = (next[j], next[i]);
            }

            return next;
        }

        // 4M small objects, one in four kept in a ring of 256k: the gen0 collections copy survivors, as a diff's do.
        private static long Allocation()
        {
            var kept = new object[256 << 10];
            long sum = 0;
            for (var i = 0; i < 4 << 20; i++)
            {
                var item = new int[4] { i, i + 1, i + 2, i + 3 };
                sum += item[i & 3];
                if ((i & 3) == 0)
                {
                    kept[(i >> 2) & (kept.Length - 1)] = item;
                }
            }

            return sum + kept.Length;
        }
    }
}

using System;
using System.Collections.Generic;
using System.Diagnostics.Tracing;
using System.Linq;

namespace Aether.TitanHst.Bench
{
    /// <summary>
    /// What the JIT compiled in a round, with the time each method took and the tier it was compiled to, from the
    /// runtime's JIT events in-process: which code the second and later calls of a session still compile (the
    /// framework's hot methods through dynamic PGO's instrumented tier, ours reaching tier 1) and which of our loops
    /// were compiled on stack replacement (OSR: on the thread running the loop, so on that thread's path).
    /// </summary>
    /// <remarks>
    /// Tiers as the runtime's MethodLoadVerbose event reports them (MethodFlags bits 7-9): 2 optimized (methods
    /// marked AggressiveOptimization, as ours marked Hot.Path are, and dynamic methods), 3 tier 0, 4 tier 1, 5 tier 1 on stack replacement, 6 tier 0 instrumented, 7 tier 1
    /// instrumented (a ReadyToRun framework method found hot).
    /// </remarks>
    internal sealed class JitEventLog : EventListener
    {
        private readonly Dictionary<long, DateTime> _started = new();
        private readonly List<(string Namespace, string Name, int Tier, double Ms)> _compiled = new();

        protected override void OnEventSourceCreated(EventSource source)
        {
            if (source.Name == "Microsoft-Windows-DotNETRuntime")
            {
                // The JIT keyword (0x10) at verbose level: MethodJittingStarted and MethodLoadVerbose.
                EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x10);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs e)
        {
            if (e.EventName is null || e.Payload is null || e.PayloadNames is null)
            {
                return;
            }

            object? Field(string name) => e.PayloadNames.IndexOf(name) is var i and >= 0 ? e.Payload[i] : null;
            if (e.EventName.StartsWith("MethodJittingStarted", StringComparison.Ordinal))
            {
                lock (_compiled)
                {
                    _started[Convert.ToInt64(Field("MethodID"))] = e.TimeStamp;
                }
            }
            else if (e.EventName.StartsWith("MethodLoadVerbose", StringComparison.Ordinal))
            {
                var tier = (int)((Convert.ToInt64(Field("MethodFlags")) >> 7) & 0x7);
                var ns = Field("MethodNamespace") as string ?? "?";
                var name = Field("MethodName") as string ?? "?";
                lock (_compiled)
                {
                    var ms = _started.Remove(Convert.ToInt64(Field("MethodID")), out var at) ? (e.TimeStamp - at).TotalMilliseconds : 0;
                    _compiled.Add((ns, name, tier, ms));
                }
            }
        }

        /// <summary>
        /// Writes what was compiled since the last call to stderr: totals by tier, the 25 largest (owner, tier) groups
        /// (ours, a generic over our types, or the framework's namespace), our methods compiled at tier 1 or on stack
        /// replacement, and the 25 slowest compilations (BENCH_JIT_TOP sets how many).
        /// </summary>
        internal void Dump()
        {
            List<(string Namespace, string Name, int Tier, double Ms)> compiled;
            lock (_compiled)
            {
                compiled = _compiled.ToList();
                _compiled.Clear();
            }

            static bool Ours(string ns) => ns.StartsWith("Aether.", StringComparison.Ordinal);
            static string Owner(string ns) => Ours(ns) ? "ours" : ns.Contains("Aether.", StringComparison.Ordinal) ? "generic over ours" : ns.Split('`', '[', '+')[0];
            Console.Error.WriteLine($"  {compiled.Count} methods, {compiled.Sum(c => c.Ms):F0} ms; by tier: " +
                string.Join(", ", compiled.GroupBy(c => c.Tier).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()} ({g.Sum(c => c.Ms):F0} ms)")));
            foreach (var group in compiled.GroupBy(c => (Owner: Owner(c.Namespace), c.Tier)).OrderByDescending(g => g.Sum(c => c.Ms)).Take(25))
            {
                Console.Error.WriteLine($"  {group.Sum(c => c.Ms),7:F1} ms {group.Count(),4} tier {group.Key.Tier} {group.Key.Owner}");
            }

            foreach (var c in compiled.Where(c => Ours(c.Namespace) && c.Tier is 4 or 5).OrderByDescending(c => c.Ms))
            {
                Console.Error.WriteLine($"    ours {c.Ms,6:F1} ms tier {c.Tier} {c.Namespace}::{c.Name}");
            }

            // BENCH_JIT_TOP=N lists the N slowest instead (to see which framework methods a call tiers up).
            var top = int.TryParse(Environment.GetEnvironmentVariable("BENCH_JIT_TOP"), out var n) && n > 0 ? n : 25;
            foreach (var c in compiled.OrderByDescending(c => c.Ms).Take(top))
            {
                Console.Error.WriteLine($"    {c.Ms,6:F1} ms tier {c.Tier} {c.Namespace}::{c.Name}");
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.Diagnostics.Tracing;
using System.Linq;

namespace Aether.TitanHst.Bench
{
    /// <summary>
    /// Which types the allocations are, sampled in-process from the runtime's GCAllocationTick events (one per
    /// ~100 KB allocated): dotnet-trace is not on the bench machine, and the type names point at the code.
    /// </summary>
    internal sealed class AllocationSampler : EventListener
    {
        private readonly Dictionary<string, long> _bytes = new(StringComparer.Ordinal);

        protected override void OnEventSourceCreated(EventSource source)
        {
            if (source.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs e)
        {
            if (e.EventName is null || !e.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.Payload is null)
            {
                return;
            }

            var type = e.PayloadNames!.IndexOf("TypeName") is var t and >= 0 ? e.Payload[t] as string ?? "?" : "?";
            var amount = e.PayloadNames.IndexOf("AllocationAmount64") is var a and >= 0 ? Convert.ToInt64(e.Payload[a]) : 100_000;
            lock (_bytes)
            {
                _bytes[type] = (_bytes.TryGetValue(type, out var n) ? n : 0) + amount;
            }
        }

        internal void Clear()
        {
            lock (_bytes)
            {
                _bytes.Clear();
            }
        }

        internal IEnumerable<string> Top(int count)
        {
            lock (_bytes)
            {
                return _bytes.OrderByDescending(p => p.Value).Take(count).Select(p => $"{p.Value / (1024 * 1024)} MiB {p.Key}").ToList();
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Tracing;

namespace Aether.TitanHst.Bench
{
    /// <summary>
    /// Each collection's generation and what it promoted (GCHeapStats), and the bytes allocated by type
    /// (GCAllocationTick), from the runtime's GC events in-process: the pause is the copying of survivors, and this
    /// says how much survived which collection and what was made. dotnet-trace is not on the bench machine.
    /// </summary>
    internal sealed class GcEventLog : EventListener
    {
        private readonly List<string> _lines = new();
        private readonly Dictionary<string, long> _types = new(StringComparer.Ordinal);
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private int _generation = -1;
        private string _reason = "?";
        private double _startedAt;
        private DateTime _suspendedAt;

        protected override void OnEventSourceCreated(EventSource source)
        {
            if (source.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs e)
        {
            if (e.EventName is null || e.Payload is null)
            {
                return;
            }

            if (e.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal))
            {
                var type = e.PayloadNames!.IndexOf("TypeName") is var t and >= 0 ? e.Payload[t] as string ?? "?" : "?";
                var amount = e.PayloadNames.IndexOf("AllocationAmount64") is var a and >= 0 ? Convert.ToInt64(e.Payload[a]) : 100_000;
                if (e.PayloadNames.IndexOf("AllocationKind") is var k and >= 0 && Convert.ToInt32(e.Payload[k]) is var kind and not 0)
                {
                    // Large (1) or pinned (2) object heap: never copied, but the large one's budget starts gen2 collections.
                    type = (kind == 2 ? "(POH) " : "(LOH) ") + type;
                }

                lock (_lines)
                {
                    _types[type] = (_types.TryGetValue(type, out var n) ? n : 0) + amount;
                }
            }
            else if (e.EventName.StartsWith("GCSuspendEEBegin", StringComparison.Ordinal))
            {
                _suspendedAt = e.TimeStamp;
            }
            else if (e.EventName.StartsWith("GCRestartEEEnd", StringComparison.Ordinal) && _suspendedAt != default)
            {
                // The pause (threads suspended to resumed), on the line of the collection it belongs to.
                lock (_lines)
                {
                    if (_lines.Count > 0)
                    {
                        _lines[_lines.Count - 1] += $"; paused {(e.TimeStamp - _suspendedAt).TotalMilliseconds:F1} ms";
                    }
                }

                _suspendedAt = default;
            }
            else if (e.EventName.StartsWith("GCStart", StringComparison.Ordinal))
            {
                _generation = Convert.ToInt32(e.Payload[e.PayloadNames!.IndexOf("Depth")]);
                _reason = Convert.ToString(e.Payload[e.PayloadNames.IndexOf("Reason")]) ?? "?";
                _startedAt = _clock.Elapsed.TotalSeconds;
            }
            else if (e.EventName.StartsWith("GCHeapStats", StringComparison.Ordinal))
            {
                long Get(string name) => e.PayloadNames!.IndexOf(name) is var i and >= 0 ? Convert.ToInt64(e.Payload[i]) : -1;
                lock (_lines)
                {
                    _lines.Add($"{_startedAt:F3} gen{_generation} reason {_reason}: promoted gen0 {Get("TotalPromotedSize0") >> 20} MiB, gen1 {Get("TotalPromotedSize1") >> 20} MiB, gen2 {Get("TotalPromotedSize2") >> 20} MiB; sizes gen0 {Get("GenerationSize0") >> 20} gen1 {Get("GenerationSize1") >> 20} gen2 {Get("GenerationSize2") >> 20} loh {Get("GenerationSize3") >> 20} MiB");
                }
            }
        }

        /// <summary>A line of its own among the collections' (a stage's end), on the same clock.</summary>
        internal void Mark(string what)
        {
            lock (_lines)
            {
                _lines.Add($"{_clock.Elapsed.TotalSeconds:F3} -- {what}");
            }
        }

        internal void Dump()
        {
            lock (_lines)
            {
                foreach (var line in _lines)
                {
                    Console.Error.WriteLine(line);
                }

                _lines.Clear();
                foreach (var pair in System.Linq.Enumerable.Take(System.Linq.Enumerable.OrderByDescending(_types, p => p.Value), 40))
                {
                    Console.Error.WriteLine($"  {pair.Value / 1024.0 / 1024.0:F1} MiB {pair.Key}");
                }

                _types.Clear();
            }
        }
    }
}

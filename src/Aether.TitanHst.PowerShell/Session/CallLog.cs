using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Aether.TitanHst.Client;

namespace Aether.TitanHst.PowerShell.Session
{
    /// <summary>
    /// Collects the client's per-call reports and wait notices, which arrive on pool threads, until a cmdlet drains
    /// them on the pipeline thread (the only thread allowed to write to PowerShell's streams). Bounded, so an
    /// undrained log cannot grow; <see cref="Arrived"/> lets a cmdlet that is waiting for a call write a wait
    /// notice while the wait is still going on.
    /// </summary>
    internal sealed class CallLog
    {
        private const int Capacity = 1000;
        private readonly ConcurrentQueue<object> _entries = new();

        /// <summary>Set whenever an entry is added; reset by <see cref="Drain"/>.</summary>
        internal AutoResetEvent Arrived { get; } = new(false);

        internal void Add(TitanHstCallInfo call) => Enqueue(call);

        internal void AddWait(TitanHstWait wait) => Enqueue(wait);

        /// <summary>Call reports (<see cref="TitanHstCallInfo"/>) and wait notices (<see cref="TitanHstWait"/>), oldest first.</summary>
        internal IEnumerable<object> Drain()
        {
            while (_entries.TryDequeue(out var entry))
            {
                yield return entry;
            }
        }

        private void Enqueue(object entry)
        {
            _entries.Enqueue(entry);
            while (_entries.Count > Capacity && _entries.TryDequeue(out _))
            {
            }

            Arrived.Set();
        }
    }
}

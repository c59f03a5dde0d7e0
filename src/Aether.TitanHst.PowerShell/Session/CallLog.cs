using System.Collections.Concurrent;
using System.Collections.Generic;
using Aether.TitanHst.Client;

namespace Aether.TitanHst.PowerShell.Session
{
    /// <summary>
    /// Collects the client's per-call reports, which arrive on pool threads, until a cmdlet drains them on the
    /// pipeline thread (the only thread allowed to WriteVerbose). Bounded, so an undrained log cannot grow.
    /// </summary>
    internal sealed class CallLog
    {
        private const int Capacity = 1000;
        private readonly ConcurrentQueue<TitanHstCallInfo> _calls = new();

        internal void Add(TitanHstCallInfo call)
        {
            _calls.Enqueue(call);
            while (_calls.Count > Capacity && _calls.TryDequeue(out _))
            {
            }
        }

        internal IEnumerable<TitanHstCallInfo> Drain()
        {
            while (_calls.TryDequeue(out var call))
            {
                yield return call;
            }
        }
    }
}

using System.Management.Automation;
using System.Threading;

namespace Aether.TitanHst.PowerShell.Diff
{
    /// <summary>
    /// Counts TitanHST's records as the diff's worker thread reads them; only the pipeline thread reports the count
    /// (PowerShell refuses WriteProgress from any other thread).
    /// </summary>
    internal sealed class TargetReadCounter
    {
        private int _count;

        internal int Count => Volatile.Read(ref _count);

        /// <summary>Counts one record read; safe on any thread (writes nothing to the cmdlet).</summary>
        internal void Add() => Interlocked.Increment(ref _count);

        /// <summary>Writes the count so far; call from the pipeline thread only.</summary>
        internal void Report(Cmdlet cmdlet, ProgressRecord progress)
        {
            progress.StatusDescription = $"Exports read; {Count:N0} TitanHST records read";
            cmdlet.WriteProgress(progress);
        }
    }
}

using System.Collections.Generic;
using System.Management.Automation;

namespace Aether.TitanHst.PowerShell.Diff
{
    /// <summary>Reports progress while an engine consumes a stream, from the pipeline thread the engine runs on.</summary>
    internal static class ProgressCounter
    {
        internal static IEnumerable<T> Count<T>(IEnumerable<T> items, Cmdlet cmdlet, ProgressRecord progress, string what, int every = 5000)
        {
            var n = 0;
            foreach (var item in items)
            {
                if (++n % every == 0)
                {
                    progress.StatusDescription = $"{n:N0} {what}";
                    cmdlet.WriteProgress(progress);
                }

                yield return item;
            }
        }

        internal static void Complete(Cmdlet cmdlet, ProgressRecord progress)
        {
            progress.RecordType = ProgressRecordType.Completed;
            cmdlet.WriteProgress(progress);
        }
    }
}

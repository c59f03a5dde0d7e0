using System.Diagnostics;

namespace Aether.TitanHst.Bench
{
    internal static class Memory
    {
        internal static long PeakWorkingSetMiB()
        {
            using var process = Process.GetCurrentProcess();
            return process.PeakWorkingSet64 / (1024 * 1024);
        }
    }
}

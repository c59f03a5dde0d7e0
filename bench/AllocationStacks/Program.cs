using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace Aether.TitanHst.AllocationStacks
{
    /// <summary>
    /// Sums a trace's allocation ticks by allocated type and the innermost calling frames, largest first. Each tick
    /// stands for ~100 KB allocated, so the sums are samples: divide by the rounds traced for MiB per diff.
    /// </summary>
    /// <remarks>
    /// Usage: AllocationStacks &lt;trace.nettrace&gt; [frames (default 3)] [rows (default 40)]. The trace comes from
    /// <c>dotnet-trace collect --profile gc-verbose -o trace.nettrace -- dotnet Aether.TitanHst.Bench.dll diff ...</c>.
    /// </remarks>
    internal static class Program
    {
        private static int Main(string[] args)
        {
            if (args.Length is < 1 or > 3)
            {
                Console.Error.WriteLine("usage: AllocationStacks <trace.nettrace> [frames] [rows]");
                return 2;
            }

            var frames = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
            var rows = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 40;
            using var log = new TraceLog(TraceLog.CreateFromEventPipeDataFile(args[0]));
            var bySite = new Dictionary<string, double>(StringComparer.Ordinal);
            double total = 0;
            foreach (var traced in log.Events)
            {
                if (traced is not GCAllocationTickTraceData tick)
                {
                    continue;
                }

                var mib = tick.AllocationAmount64 / (1024.0 * 1024.0);
                total += mib;
                var callers = new List<string>();
                for (var frame = tick.CallStack(); frame is not null && callers.Count < frames; frame = frame.Caller)
                {
                    var name = frame.CodeAddress.FullMethodName;
                    callers.Add(string.IsNullOrEmpty(name) ? frame.CodeAddress.ModuleName + "!?" : Short(name));
                }

                var site = tick.TypeName + " <- " + string.Join(" <- ", callers);
                bySite[site] = bySite.GetValueOrDefault(site) + mib;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{total:F0} MiB sampled"));
            foreach (var (site, mib) in bySite.OrderByDescending(pair => pair.Value).Take(rows))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{mib,8:F1}  {site}"));
            }

            return 0;
        }

        // A method's name without its signature or our namespace, so a line fits a terminal.
        private static string Short(string name)
        {
            var signature = name.IndexOf('(', StringComparison.Ordinal);
            return (signature > 0 ? name.Substring(0, signature) : name).Replace("Aether.TitanHst.", string.Empty, StringComparison.Ordinal);
        }
    }
}

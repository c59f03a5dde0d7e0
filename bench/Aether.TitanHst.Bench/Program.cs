using System;
using System.Text.Json;

namespace Aether.TitanHst.Bench
{
    /// <summary>One measurement per process, printed as one JSON line, so peak memory belongs to that measurement.</summary>
    internal static class Program
    {
        private static int Main(string[] args)
        {
            switch (args.Length > 0 ? args[0] : string.Empty)
            {
                case "extract" when args.Length == 2:
                    return Report(ExtractBenchmark.Run(args[1]));
                case "diff" when args.Length is 3 or 4:
                    return Report(DiffBenchmark.Run(args[1], args[2], args.Length == 4 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 1));
                case "preview" when args.Length is 3 or 4 or 5:
                    return Report(PreviewBenchmark.Run(args[1], args[2], args.Length >= 4 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 1,
                        args.Length == 5 ? args[4] : Environment.GetEnvironmentVariable("BENCH_PREVIEW_DIFFERENCE")));
                case "read-snapshot" when args.Length == 2:
                    return Report(SnapshotBenchmark.Run(args[1]));
                case "profile" when args.Length is 3 or 4:
                    return Report(ProfileBenchmark.Run(args[1], args[2], args.Length == 4 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 3));
                case "host-yardstick" when args.Length == 1:
                    return Report(HostYardstick.Run());
                case "seed-to-snapshot" when args.Length == 3:
                    SeedSnapshot.Convert(args[1], args[2]);
                    return 0;
                default:
                    Console.Error.WriteLine("usage: Aether.TitanHst.Bench extract <contract> | diff <contract> <snapshot> [rounds] | preview <contract> <snapshot> [rounds] [difference-contract] | read-snapshot <snapshot> | profile <contract> <snapshot> [rounds] | seed-to-snapshot <seed.json> <snapshot.jsonl> | host-yardstick");
                    return 2;
            }
        }

        private static int Report(object result)
        {
            Console.WriteLine(JsonSerializer.Serialize(result));
            return 0;
        }
    }
}

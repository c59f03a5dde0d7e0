using System;
using System.IO;
using System.Threading.Tasks;

namespace Aether.TitanHst.Emulator;

/// <summary>Command-line entry: parse options, start, announce the port on stdout, run until stopped.</summary>
internal static class Program
{
    public const string ListeningMarker = "TITANHST_EMULATOR_LISTENING";

    public static async Task<int> Main(string[] args)
    {
        EmulatorOptions options;
        try
        {
            options = EmulatorOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync("titanhst-emulator: " + e.Message);
            return 2;
        }

        try
        {
            await using var host = await EmulatorHost.StartAsync(options);
            // Exactly one line on stdout: a launcher reads the port from it.
            await Console.Out.WriteLineAsync($"{ListeningMarker} http://127.0.0.1:{host.BaseUri.Port}");
            await Console.Out.FlushAsync();
            await host.WaitForShutdownAsync();
            return 0;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync("titanhst-emulator: " + e.Message);
            return 1;
        }
    }
}

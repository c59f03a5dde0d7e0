using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Threading;

namespace Aether.TitanHst.PowerShell.Emulator
{
    /// <summary>Starts and stops the emulator executable. Only the launcher knows about it; the engine does not.</summary>
    internal static class EmulatorProcess
    {
        internal const string ListeningMarker = "TITANHST_EMULATOR_LISTENING ";
        internal const string AssemblyFileName = "Aether.TitanHst.Emulator.dll";
        internal const string PathVariable = "AETHER_TITANHST_EMULATOR";
        internal const string SecretVariable = "TITANHST_EMULATOR_CLIENT_SECRET";
        internal const string ReadSecretVariable = "TITANHST_EMULATOR_READ_CLIENT_SECRET";

        /// <summary>DOTNET_HOST_PATH, else this process if it is the dotnet host, else "dotnet" from PATH.</summary>
        internal static string ResolveDotnetHost()
        {
            var fromEnvironment = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
            if (!string.IsNullOrEmpty(fromEnvironment) && File.Exists(fromEnvironment))
            {
                return fromEnvironment!;
            }

            using (var current = Process.GetCurrentProcess())
            {
                var path = current.MainModule?.FileName;
                var name = Path.GetFileNameWithoutExtension(path ?? string.Empty);
                if (path is not null && string.Equals(name, "dotnet", StringComparison.OrdinalIgnoreCase))
                {
                    return path;
                }
            }

            return "dotnet";
        }

        /// <summary>The folder holding the emulator: AETHER_TITANHST_EMULATOR, else "emulator" beside the module folder.</summary>
        internal static string DefaultEmulatorPath(string? moduleBase)
        {
            var fromEnvironment = Environment.GetEnvironmentVariable(PathVariable);
            if (!string.IsNullOrEmpty(fromEnvironment))
            {
                return fromEnvironment!;
            }

            return Path.GetFullPath(Path.Combine(moduleBase ?? AppDomain.CurrentDomain.BaseDirectory, "..", "emulator"));
        }

        internal static string NewSecret()
        {
            var bytes = new byte[24];
            using (var random = RandomNumberGenerator.Create())
            {
                random.GetBytes(bytes);
            }

            return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        }

        /// <summary>Starts the emulator and waits for its LISTENING line; throws <see cref="InvalidOperationException"/> when it fails.</summary>
        internal static (Process Process, Uri BaseUri) Start(string dotnet, string assembly, IEnumerable<string> arguments, string secret, TimeSpan timeout, string? readSecret = null)
        {
            var info = new ProcessStartInfo(dotnet, Quote(new[] { assembly }.Concat(arguments)))
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                CreateNoWindow = true,
            };
            info.EnvironmentVariables[SecretVariable] = secret;
            if (readSecret is not null)
            {
                info.EnvironmentVariables[ReadSecretVariable] = readSecret;
            }

            var process = new Process { StartInfo = info, EnableRaisingEvents = true };
            var listening = new ManualResetEventSlim();
            string? url = null;
            var errors = new StringBuilder();
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is not null && e.Data.StartsWith(ListeningMarker, StringComparison.Ordinal))
                {
                    url = e.Data.Substring(ListeningMarker.Length).Trim();
                    listening.Set();
                }
            };
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is not null)
                {
                    lock (errors) { errors.AppendLine(e.Data); }
                }
            };
            process.Exited += (_, _) => listening.Set();

            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var signalled = listening.Wait(timeout);
            if (url is not null)
            {
                var baseUri = new Uri(url);
                lock (Started) { Started[process.Id] = (process, baseUri); }
                return (process, baseUri);
            }

            if (!signalled)
            {
                Stop(process.Id, null, TimeSpan.Zero);
                throw new TimeoutException($"The emulator did not report that it was listening within {timeout.TotalSeconds:0} s.");
            }

            process.WaitForExit();
            string message;
            lock (errors) { message = errors.ToString().Trim(); }
            throw new InvalidOperationException(
                $"The emulator exited with code {process.ExitCode} before listening. {message}".Trim());
        }

        /// <summary>
        /// Whether process <paramref name="processId"/> still runs and, if it does, the URL of the emulator this module
        /// started as that process: from its record (<see cref="EmulatorRecords"/>, any session), else from this
        /// session's own list. A null URL for a running process means it is some other program, named by Name.
        /// </summary>
        internal static (bool Running, Uri? BaseUri, string Name) Identify(int processId)
        {
            Process process;
            try
            {
                process = Process.GetProcessById(processId);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                return (false, null, string.Empty);
            }

            using (process)
            {
                if (EmulatorRecords.Find(process) is { } recorded)
                {
                    return (true, recorded, string.Empty);
                }

                lock (Started)
                {
                    // Started here and not exited: the same process, not a later one given the same id.
                    if (Started.TryGetValue(processId, out var ours) && !ours.Process.HasExited)
                    {
                        return (true, ours.BaseUri, string.Empty);
                    }
                }

                return (true, null, NameOf(process));
            }
        }

        /// <summary>The process's name, for a message; "unknown" when it cannot be read (it exited meanwhile).</summary>
        private static string NameOf(Process process)
        {
            try
            {
                return process.ProcessName;
            }
            catch (Exception e) when (e is InvalidOperationException or NotSupportedException)
            {
                return "unknown";
            }
        }

        /// <summary>Asks the emulator to stop gracefully (so it writes its state file), then kills what is left.</summary>
        internal static bool Stop(int processId, Uri? baseUri, TimeSpan grace)
        {
            Process process;
            try
            {
                process = Process.GetProcessById(processId);
            }
            catch (ArgumentException)
            {
                EmulatorRecords.Remove(processId);
                return false; // already gone
            }

            EmulatorRecords.Remove(processId);
            lock (Started)
            {
                if (Started.TryGetValue(processId, out var ours))
                {
                    Started.Remove(processId);
                    ours.Process.Dispose();
                }
            }

            using (process)
            {
                if (baseUri is not null && grace > TimeSpan.Zero)
                {
                    try
                    {
                        using (var http = new HttpClient { Timeout = grace })
                        using (http.PostAsync(new Uri(baseUri, "/_emulator/shutdown"), null).GetAwaiter().GetResult())
                        {
                        }

                        if (process.WaitForExit((int)grace.TotalMilliseconds))
                        {
                            return true;
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or System.Threading.Tasks.TaskCanceledException)
                    {
                        // not answering: fall through to kill
                    }
                }

                KillTree(process);
                process.WaitForExit(10_000);
                return true;
            }
        }

        // Process.Kill(bool entireProcessTree) exists on .NET Core 3+ (PowerShell 7) but not in netstandard2.0.
        private static void KillTree(Process process)
        {
            try
            {
                var killTree = typeof(Process).GetMethod("Kill", new[] { typeof(bool) });
                if (killTree is not null)
                {
                    killTree.Invoke(process, new object[] { true });
                }
                else
                {
                    process.Kill();
                }
            }
            catch (Exception e) when (e is InvalidOperationException or TargetInvocationException)
            {
                // exited in the meantime
            }
        }

        private static readonly char[] NeedsQuotes = { ' ', '"', '\t' };

        // Started processes stay referenced (and their output pipes drained) until stopped, so the emulator
        // never writes into a closed pipe.
        private static readonly Dictionary<int, (Process Process, Uri BaseUri)> Started = new Dictionary<int, (Process, Uri)>();

        private static string Quote(IEnumerable<string> arguments) =>
            string.Join(" ", arguments.Select(a => a.Length > 0 && a.IndexOfAny(NeedsQuotes) < 0 ? a : "\"" + a.Replace("\"", "\\\"") + "\""));
    }
}

using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using Aether.TitanHst.Security;

namespace Aether.TitanHst.PowerShell.Emulator
{
    /// <summary>
    /// The emulators this module started, one small file per process in the user's data folder
    /// (Aether.TitanHst/emulators/&lt;pid&gt;): its start time and URL. Stop-TitanHstEmulator stops only a process with
    /// such a record, so a mistyped or piped process id never kills another program. The start time is compared
    /// because process ids are reused; the file works across sessions and on every platform, where reading another
    /// process's command line does not.
    /// </summary>
    internal static class EmulatorRecords
    {
        // Process.StartTime is derived from the boot time on Linux; allow for its rounding between two reads.
        private static readonly TimeSpan StartTimeTolerance = TimeSpan.FromSeconds(1);

        internal static string Folder =>
            Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "Aether.TitanHst", "emulators");

        /// <summary>Records a started emulator; false when the record cannot be written (then only its instance object stops it).</summary>
        internal static bool Add(Process process, Uri baseUri)
        {
            try
            {
                PrivateFiles.EnsureFolder(Folder);
                RemoveStale();
                var startedAt = process.StartTime.ToUniversalTime().Ticks.ToString(CultureInfo.InvariantCulture);
                PrivateFiles.WriteAllText(PathOf(process.Id), startedAt + "\n" + baseUri + "\n", new System.Text.UTF8Encoding(false));
                return true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                return false;
            }
        }

        /// <summary>
        /// The recorded URL of the running emulator <paramref name="process"/>, or null when it is not one this module
        /// started (no record, or a record of an earlier process that had the same id).
        /// </summary>
        internal static Uri? Find(Process process)
        {
            var path = PathOf(process.Id);
            string[] lines;
            try
            {
                lines = File.ReadAllLines(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return null;
            }

            if (lines.Length < 2
                || !long.TryParse(lines[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                || !Uri.TryCreate(lines[1], UriKind.Absolute, out var baseUri)
                || !SameStart(process, ticks))
            {
                return null;
            }

            return baseUri;
        }

        /// <summary>Forgets a stopped emulator.</summary>
        internal static void Remove(int processId)
        {
            try
            {
                File.Delete(PathOf(processId));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A stale record is harmless: the start time no longer matches any process with that id.
            }
        }

        private static bool SameStart(Process process, long recordedTicks)
        {
            try
            {
                var started = process.StartTime.ToUniversalTime().Ticks;
                return Math.Abs(started - recordedTicks) <= StartTimeTolerance.Ticks;
            }
            catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
            {
                return false; // exited, or not ours to inspect
            }
        }

        // Records of emulators that ended without Stop-TitanHstEmulator (killed, machine restarted) are removed.
        private static void RemoveStale()
        {
            foreach (var file in Directory.GetFiles(Folder))
            {
                if (!int.TryParse(Path.GetFileName(file), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                {
                    continue;
                }

                try
                {
                    using var process = Process.GetProcessById(id);
                    if (Find(process) is not null)
                    {
                        continue;
                    }
                }
                catch (Exception e) when (e is ArgumentException or InvalidOperationException)
                {
                    // gone
                }

                Remove(id);
            }
        }

        private static string PathOf(int processId) => Path.Combine(Folder, processId.ToString(CultureInfo.InvariantCulture));
    }
}

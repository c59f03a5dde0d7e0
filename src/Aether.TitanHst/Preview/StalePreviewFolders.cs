using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using Aether.TitanHst.Security;

namespace Aether.TitanHst.Preview
{
    /// <summary>
    /// The export copies a contract comparison makes live in a folder named for its process. A comparison killed
    /// (SIGTERM from a scheduler, a closed terminal) never reaches its cleanup and leaves a copy of the staff data in
    /// the temp folder; the next comparison removes the folders whose process is gone.
    /// </summary>
    internal static class StalePreviewFolders
    {
        internal const string Prefix = "aether-titanhst-preview-";

        /// <summary>A new folder's name: the prefix, this process's id, a random part.</summary>
        internal static string NewName() =>
            Prefix + Process.GetCurrentProcess().Id.ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N");

        /// <summary>
        /// Removes the folders under <paramref name="tempFolder"/> left by a process that no longer runs. A folder of a
        /// live process (another comparison, or a process that got a dead one's id) is left; so is anything that is
        /// a link, or whose name carries no process id, or that this user may not remove (another user's).
        /// </summary>
        internal static int Sweep(string tempFolder)
        {
            var removed = 0;
            string[] folders;
            try
            {
                folders = Directory.GetDirectories(tempFolder, Prefix + "*");
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return 0;
            }

            foreach (var folder in folders)
            {
                var rest = Path.GetFileName(folder).Substring(Prefix.Length);
                var dash = rest.IndexOf('-');
                if (dash <= 0 || !int.TryParse(rest.Substring(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                    || Running(pid) || RegularFiles.IsLink(folder))
                {
                    continue;
                }

                try
                {
                    Directory.Delete(folder, recursive: true);
                    removed++;
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // Another user's, or in use: left as it is.
                }
            }

            return removed;
        }

        private static bool Running(int pid)
        {
            // A process that exists is taken as running: asking more of another user's process (HasExited) can be refused.
            try
            {
                using var process = Process.GetProcessById(pid);
                return true;
            }
            catch (ArgumentException)
            {
                return false; // No such process.
            }
        }
    }
}

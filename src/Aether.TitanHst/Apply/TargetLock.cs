using System;
using System.IO;
using System.Text;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Security;
using Aether.TitanHst.Target;

namespace Aether.TitanHst.Apply
{
    /// <summary>
    /// One apply at a time per TitanHST: an exclusively opened lock file. The operating system releases it when the
    /// process ends, however it ends, so a killed run never leaves a stale lock behind.
    /// </summary>
    /// <remarks>
    /// Keyed by the target's identity (normalized base URI and instance id), so <c>localhost</c> and <c>127.0.0.1</c>
    /// are one lock; kept in one folder per user (AETHER_TITANHST_LOCKS, else the local data folder), not in the
    /// journal folder, so another -JournalPath is not another lock.
    /// </remarks>
    internal sealed class TargetLock : IDisposable
    {
        internal const string FolderVariable = "AETHER_TITANHST_LOCKS";

        private readonly FileStream _stream;

        private TargetLock(FileStream stream) => _stream = stream;

        internal static string DefaultFolder =>
            Environment.GetEnvironmentVariable(FolderVariable) is { Length: > 0 } configured
                ? configured
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "Aether.TitanHst", "locks");

        /// <exception cref="ApplyRefusedException">Another apply holds the lock.</exception>
        internal static TargetLock Acquire(TargetIdentity target, string runId, string? folder = null)
        {
            folder ??= DefaultFolder;
            PrivateFiles.EnsureFolder(folder);
            var path = PathOf(target, folder);
            FileStream stream;
            try
            {
                // FileShare.None is an exclusive lock on Windows and flock(LOCK_EX) on Unix, across processes.
                stream = OpenExclusive(path);
            }
            catch (IOException)
            {
                throw new ApplyRefusedException(ApplyErrorIds.TargetBusy,
                    $"Another apply is running against {target} ({Describe(path + ".owner")}). Two applies at once could overwrite each other; wait for it to finish, or resume it if it died.");
            }

            // The lock file itself cannot be read while held, so who holds it is written beside it.
            var note = $"run {runId}, process {System.Diagnostics.Process.GetCurrentProcess().Id}, since {DateTimeOffset.UtcNow:u}";
            // Through a new file renamed into place: a link planted at that name is replaced, never followed.
            PrivateFiles.WriteAllText(path + ".owner", note, new UTF8Encoding(false));
            return new TargetLock(stream);
        }

        /// <summary>
        /// True when another process holds the lock for <paramref name="runId"/>: that run is being applied now. Asked
        /// without taking the lock: a shared, read-only open that fails while the lock is held, and closes at once.
        /// </summary>
        /// <remarks>The lock's own process is never asked about: it knows whether it is still applying (an engine summarizing its own run).</remarks>
        internal static bool HeldByOtherProcess(TargetIdentity target, string runId, string? folder = null)
        {
            var path = PathOf(target, folder ?? DefaultFolder);
            var owner = ReadOwner(path + ".owner");
            var prefix = $"run {runId}, process ";
            if (owner is null || !owner.StartsWith(prefix, StringComparison.Ordinal)
                || owner.Substring(prefix.Length).Split(',')[0] == System.Diagnostics.Process.GetCurrentProcess().Id.ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                return false;
            }

            try
            {
                using var probe = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                return false;
            }
            catch (FileNotFoundException)
            {
                return false;
            }
            catch (IOException)
            {
                return true;
            }
            catch (UnauthorizedAccessException)
            {
                return false;
            }
        }

        public void Dispose() => _stream.Dispose();

        private static string PathOf(TargetIdentity target, string folder) => Path.Combine(folder, ContentHash.OfText(target.Key).Substring(7, 16) + ".lock");

        // A listing's probe holds a shared handle for an instant; a few short retries keep it from reading as a busy target.
        private static FileStream OpenExclusive(string path)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return PrivateFiles.Open(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                }
                catch (IOException) when (attempt < 5)
                {
                    System.Threading.Thread.Sleep(20);
                }
            }
        }

        private static string? ReadOwner(string path)
        {
            try
            {
                return File.Exists(path) ? File.ReadAllText(path) : null;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }

        private static string Describe(string path) => ReadOwner(path) is { Length: <= 200 } text ? text : "details unavailable";
    }
}

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
            var path = Path.Combine(folder, ContentHash.OfText(target.Key).Substring(7, 16) + ".lock");
            FileStream stream;
            try
            {
                // FileShare.None is an exclusive lock on Windows and flock(LOCK_EX) on Unix, across processes.
                stream = PrivateFiles.Open(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
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

        public void Dispose() => _stream.Dispose();

        private static string Describe(string path)
        {
            try
            {
                var text = File.ReadAllText(path);
                return text.Length <= 200 ? text : "details unavailable";
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return "details unavailable";
            }
        }
    }
}

using System;
using System.IO;
using System.Text;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Security;

namespace Aether.TitanHst.Apply
{
    /// <summary>
    /// One apply at a time per TitanHST: an exclusively opened lock file. The operating system releases it when the
    /// process ends, however it ends, so a killed run never leaves a stale lock behind.
    /// </summary>
    internal sealed class TargetLock : IDisposable
    {
        private readonly FileStream _stream;

        private TargetLock(FileStream stream) => _stream = stream;

        /// <exception cref="ApplyRefusedException">Another apply holds the lock.</exception>
        internal static TargetLock Acquire(string root, string target, string runId)
        {
            var folder = Path.Combine(root, "locks");
            PrivateFiles.EnsureFolder(root);
            PrivateFiles.EnsureFolder(folder);
            var path = Path.Combine(folder, ContentHash.OfText(target.TrimEnd('/').ToLowerInvariant()).Substring(7, 16) + ".lock");
            FileStream stream;
            try
            {
                // FileShare.None is an exclusive lock on Windows and flock(LOCK_EX) on Unix, across processes.
                stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                PrivateFiles.RestrictToOwner(path, directory: false);
            }
            catch (IOException)
            {
                throw new ApplyRefusedException(ApplyErrorIds.TargetBusy,
                    $"Another apply is running against {target} ({Describe(path)}). Two applies at once could overwrite each other; wait for it to finish, or resume it if it died.");
            }

            var note = Encoding.UTF8.GetBytes($"run {runId}, process {System.Diagnostics.Process.GetCurrentProcess().Id}, since {DateTimeOffset.UtcNow:u}");
            stream.SetLength(0);
            stream.Write(note, 0, note.Length);
            stream.Flush(flushToDisk: true);
            return new TargetLock(stream);
        }

        public void Dispose() => _stream.Dispose();

        private static string Describe(string path)
        {
            try
            {
                using var reader = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                using var text = new StreamReader(reader);
                return text.ReadToEnd();
            }
            catch (IOException)
            {
                return "details unavailable";
            }
        }
    }
}

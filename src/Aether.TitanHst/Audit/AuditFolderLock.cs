using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using Aether.TitanHst.Errors;
using Aether.TitanHst.Security;

namespace Aether.TitanHst.Audit
{
    /// <summary>
    /// Exclusive hold on an audit folder, between threads and processes: <c>audit.lock</c> opened with
    /// FileShare.None (LockFileEx on Windows, flock on Unix), retried until the timeout. Whoever holds it reads the
    /// chain's head and appends, so two writers never both extend the same entry and the chain cannot fork.
    /// </summary>
    internal sealed class AuditFolderLock : IDisposable
    {
        private readonly FileStream _stream;

        private AuditFolderLock(FileStream stream) => _stream = stream;

        public static AuditFolderLock Acquire(string folder, TimeSpan timeout)
        {
            // Every time, not only when creating: a folder made world-readable before (or by hand) is tightened.
            PrivateFiles.CreateFolder(folder);

            var path = Path.Combine(folder, AuditFolder.LockFileName);
            var clock = Stopwatch.StartNew();
            var delay = 1;
            while (true)
            {
                try
                {
                    // The lock file is never deleted: deleting a held lock file lets a third writer lock a new one.
                    var stream = PrivateFiles.Open(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1);
                    return new AuditFolderLock(stream);
                }
                catch (IOException) when (clock.Elapsed < timeout)
                {
                    Thread.Sleep(delay);
                    delay = Math.Min(delay * 2, 50);
                }
                catch (IOException e)
                {
                    throw new InputFileException(AuditErrorIds.AuditLockTimeout, path, 0, string.Empty,
                        $"another process has held the audit log for more than {timeout.TotalSeconds:0} s", e);
                }
            }
        }

        public void Dispose() => _stream.Dispose();
    }
}

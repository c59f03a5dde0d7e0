using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace Aether.TitanHst.Security
{
    /// <summary>
    /// Owner-only folders and files for everything that holds personal data or a key (plans, run folders, snapshots,
    /// reports, keys, the audit log): mode 0700/0600 on POSIX from the moment they exist (<see cref="OwnerOnlyMask"/>).
    /// On Windows a new file inherits its folder's ACL; under the default folders (%LOCALAPPDATA%) that is the user's
    /// own, and docs/security.md says how to lock a shared one.
    /// </summary>
    public static class PrivateFiles
    {
        private const uint OwnerOnlyFolder = 0x1C0; // 0700
        private const uint OwnerOnlyFile = 0x180;   // 0600

        /// <summary>
        /// Creates the folder and its missing parents, each owner-only from the start, and makes the folder itself
        /// owner-only when it existed already. A parent that existed is left as the operator set it.
        /// </summary>
        public static DirectoryInfo CreateFolder(string path)
        {
            var info = OwnerOnlyMask.Run(() => Directory.CreateDirectory(path));
            RestrictToOwner(info.FullName, directory: true);
            return info;
        }

        /// <summary>Makes an existing file or folder owner-only (best effort on file systems without POSIX modes).</summary>
        public static void RestrictToOwner(string path, bool directory)
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                return;
            }

            _ = NativeMethods.chmod(Encoding.UTF8.GetBytes(path + "\0"), directory ? OwnerOnlyFolder : OwnerOnlyFile);
        }

        /// <summary>
        /// Opens a new file for writing that nobody but the owner can read, even for an instant. With
        /// <see cref="FileMode.Create"/> an existing file is removed first rather than truncated, so a handle someone
        /// kept to it (from when it was readable) never sees the new content, and a link there is not followed.
        /// </summary>
        public static FileStream CreateNew(string path, FileMode mode = FileMode.CreateNew)
        {
            if (mode == FileMode.Create)
            {
                File.Delete(path);
            }
            else if (mode != FileMode.CreateNew)
            {
                throw new ArgumentOutOfRangeException(nameof(mode), mode, "A new file is opened with CreateNew or Create.");
            }

            // CreateNew is O_CREAT|O_EXCL: it fails on anything already there, a link included.
            return Open(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        }

        /// <summary>
        /// Creates a folder the module owns (a run, the reports folder) owner-only when it does not exist yet; one
        /// that exists is left as the operator set it (it may be a share they secured themselves).
        /// </summary>
        public static void EnsureFolder(string path)
        {
            if (!Directory.Exists(path))
            {
                CreateFolder(path);
            }
        }

        /// <summary>
        /// Writes a whole text file (created or replaced) that only the owner can read, even for an instant: under a
        /// name nobody can guess, flushed to disk, then renamed over <paramref name="path"/> (<see cref="PendingFile"/>).
        /// </summary>
        public static void WriteAllText(string path, string text, Encoding encoding) =>
            ReplacedFile.Write(path, ownerOnly: true, stream =>
            {
                using var writer = new StreamWriter(stream, encoding, 1 << 16, leaveOpen: true);
                writer.Write(text);
            });

        /// <summary>Opens a file for appending (created when absent) owner-only, for journals and logs.</summary>
        public static FileStream OpenAppend(string path, FileShare share = FileShare.Read, int bufferSize = 4096) =>
            Open(path, FileMode.Append, FileAccess.Write, share, bufferSize);

        /// <summary>
        /// Opens or creates a file: one it creates is owner-only from the start; with <paramref name="tightenExisting"/>
        /// one that existed is made owner-only too (a log or lock file an older version left readable).
        /// </summary>
        public static FileStream Open(string path, FileMode mode, FileAccess access, FileShare share, int bufferSize = 4096, bool tightenExisting = true)
        {
            var stream = OwnerOnlyMask.Run(() => new FileStream(path, mode, access, share, bufferSize));
            if (tightenExisting)
            {
                RestrictToOwner(path, directory: false);
            }

            return stream;
        }

        private static class NativeMethods
        {
#pragma warning disable CA5392, SA1300, IDE1006 // libc is resolved by the runtime; the name is libc's.
            [DllImport("libc", SetLastError = true)]
            internal static extern int chmod(byte[] path, uint mode);
#pragma warning restore CA5392, SA1300, IDE1006
        }
    }
}

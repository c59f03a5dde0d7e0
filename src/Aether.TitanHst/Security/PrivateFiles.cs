using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace Aether.TitanHst.Security
{
    /// <summary>
    /// Owner-only folders and files for everything that holds personal data or a key (plans, run folders, snapshots,
    /// reports, keys, the audit log): mode 0700/0600 on POSIX. On Windows a new file inherits its folder's ACL; under
    /// the default folders (%LOCALAPPDATA%) that is the user's own, and docs/security.md says how to lock a shared one.
    /// </summary>
    public static class PrivateFiles
    {
        private const uint OwnerOnlyFolder = 0x1C0; // 0700
        private const uint OwnerOnlyFile = 0x180;   // 0600

        /// <summary>Creates the folder (and its missing parents) and makes the folder itself owner-only.</summary>
        public static DirectoryInfo CreateFolder(string path)
        {
            var info = Directory.CreateDirectory(path);
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

        /// <summary>Opens a new file for writing that nobody but the owner can read, even for an instant.</summary>
        public static FileStream CreateNew(string path, FileMode mode = FileMode.CreateNew)
        {
            var stream = new FileStream(path, mode, FileAccess.Write, FileShare.None);
            RestrictToOwner(path, directory: false);
            return stream;
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

        /// <summary>Writes a whole text file (created or replaced) that only the owner can read, even for an instant.</summary>
        public static void WriteAllText(string path, string text, Encoding encoding)
        {
            using (var stream = CreateNew(path, FileMode.Create))
            using (var writer = new StreamWriter(stream, encoding))
            {
                writer.Write(text);
            }
        }

        /// <summary>Opens a file for appending (created when absent) and makes it owner-only, for journals and logs.</summary>
        public static FileStream OpenAppend(string path, FileShare share = FileShare.Read, int bufferSize = 4096)
        {
            var stream = new FileStream(path, FileMode.Append, FileAccess.Write, share, bufferSize);
            RestrictToOwner(path, directory: false);
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

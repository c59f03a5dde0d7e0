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

        private static class NativeMethods
        {
#pragma warning disable CA5392, SA1300, IDE1006 // libc is resolved by the runtime; the name is libc's.
            [DllImport("libc", SetLastError = true)]
            internal static extern int chmod(byte[] path, uint mode);
#pragma warning restore CA5392, SA1300, IDE1006
        }
    }
}

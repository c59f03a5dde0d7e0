using System.Runtime.InteropServices;
using System.Text;

namespace Aether.TitanHst.Audit
{
    /// <summary>
    /// Owner-only permissions on Unix (0700 folder, 0600 key). On Windows the files inherit the folder's ACL, which
    /// under the default folder (%LOCALAPPDATA%) is the user's own; a shared folder is the operator's to secure.
    /// </summary>
    internal static class AuditPermissions
    {
        public static void RestrictToOwner(string path, bool directory)
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                return;
            }

            // Best effort: a file system without Unix modes leaves the file as it is.
            _ = NativeMethods.chmod(Encoding.UTF8.GetBytes(path + "\0"), directory ? 0x1C0u : 0x180u);
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

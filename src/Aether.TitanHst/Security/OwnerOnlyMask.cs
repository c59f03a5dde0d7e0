using System;
using System.Runtime.InteropServices;

namespace Aether.TitanHst.Security
{
    /// <summary>
    /// Runs a file or folder creation under umask 077, so what it creates is 0600/0700 from the moment it exists: a
    /// chmod afterwards leaves an instant in which another local user can open the file and keep a readable handle.
    /// netstandard2.0 has no UnixCreateMode, and the variadic open() cannot be called portably (macOS arm64 passes its
    /// mode differently), so the process umask is narrowed around .NET's own open. The umask is process-wide: the lock
    /// keeps two scopes from restoring each other's mask, and another thread creating a file meanwhile only gets a
    /// narrower mode.
    /// </summary>
    internal static class OwnerOnlyMask
    {
        private const uint GroupAndOthers = 0x3F; // 077
        private const uint ModeBits = 0x1FF;      // 0777: mode_t is 16 bits on macOS, so the high bits of the result are not ours
        private static readonly object Gate = new();

        /// <summary>Runs <paramref name="create"/> with group and others masked out of every mode it creates.</summary>
        internal static T Run<T>(Func<T> create)
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                return create();
            }

            lock (Gate)
            {
                var previous = NativeMethods.umask(GroupAndOthers) & ModeBits;
                try
                {
                    return create();
                }
                finally
                {
                    _ = NativeMethods.umask(previous);
                }
            }
        }

        private static class NativeMethods
        {
#pragma warning disable CA5392, SA1300, IDE1006 // libc is resolved by the runtime; the name is libc's.
            [DllImport("libc")]
            internal static extern uint umask(uint mask);
#pragma warning restore CA5392, SA1300, IDE1006
        }
    }
}

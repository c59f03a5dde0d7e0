using System;
using System.IO;
using System.Runtime.InteropServices;

namespace Aether.TitanHst.Security
{
    /// <summary>
    /// Names in folders someone else may be able to write (the audit folder, a run folder) are used only while they are
    /// regular files. A symbolic link (or a Windows reparse point) planted under such a name would send a truncation, an
    /// append or a chmod to whatever it points to (the installation key, an operator's file), so it is refused, never
    /// followed. netstandard2.0 has no lstat: a link shows as <see cref="FileAttributes.ReparsePoint"/> (.NET on Unix
    /// and Windows alike), and a pipe or a device, which cannot seek, is told apart once opened.
    /// </summary>
    public static class RegularFiles
    {
        private const uint OwnerOnlyFile = 0x180; // 0600

        /// <summary>Why <paramref name="path"/> is not a regular file ("a symbolic link", "a folder"), or null when it is one or does not exist.</summary>
        public static string? WhyNotRegular(string path)
        {
            FileAttributes attributes;
            try
            {
                attributes = File.GetAttributes(path);
            }
            catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
            {
                return null;
            }

            if ((attributes & FileAttributes.ReparsePoint) != 0)
            {
                return "a symbolic link (or another reparse point)";
            }

            if ((attributes & FileAttributes.Directory) != 0)
            {
                return "a folder";
            }

            return (attributes & FileAttributes.Device) != 0 ? "a device" : null;
        }

        /// <summary>Whether <paramref name="path"/> (a file or a folder) is a symbolic link or another reparse point.</summary>
        public static bool IsLink(string path)
        {
            try
            {
                return (File.GetAttributes(path) & FileAttributes.ReparsePoint) != 0;
            }
            catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
            {
                return false;
            }
        }

        /// <summary>
        /// Opens <paramref name="path"/> only as a regular file: checked before opening, and again once open (the handle can
        /// seek, and the name was not swapped for a link meanwhile), before anything is read or written through it.
        /// </summary>
        /// <remarks><paramref name="refuse"/> builds the error from the reason; the file (or what a link points to) is left untouched.</remarks>
        public static FileStream Open(string path, FileMode mode, FileAccess access, FileShare share, int bufferSize, Func<string, Exception> refuse)
        {
            if (WhyNotRegular(path) is { } before)
            {
                throw refuse(before);
            }

            // Created under umask 077: owner-only from the moment it exists (OwnerOnlyMask).
            var stream = OwnerOnlyMask.Run(() => new FileStream(path, mode, access, share, bufferSize));
            var after = stream.CanSeek ? WhyNotRegular(path) : "not a regular file (a pipe or a device)";
            if (after is not null)
            {
                stream.Dispose();
                throw refuse(after);
            }

            return stream;
        }

        /// <summary>Checks that a name is a regular file (or absent) before it is read: a link is refused, not followed.</summary>
        public static void Require(string path, Func<string, Exception> refuse)
        {
            if (WhyNotRegular(path) is { } why)
            {
                throw refuse(why);
            }
        }

        /// <summary>Makes an open file owner-only through its handle (fchmod on POSIX), so no name, and no link, is followed.</summary>
        public static void RestrictToOwner(FileStream stream)
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                return;
            }

            _ = NativeMethods.fchmod(stream.SafeFileHandle.DangerousGetHandle().ToInt32(), OwnerOnlyFile);
        }

        private static class NativeMethods
        {
#pragma warning disable CA5392, SA1300, IDE1006 // libc is resolved by the runtime; the name is libc's.
            [DllImport("libc", SetLastError = true)]
            internal static extern int fchmod(int fd, uint mode);
#pragma warning restore CA5392, SA1300, IDE1006
        }
    }
}

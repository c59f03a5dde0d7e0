using System;
using System.IO;

namespace Aether.TitanHst.Security
{
    /// <summary>
    /// Writes a whole small file through "&lt;path&gt;.partial" and a rename, so a crash never leaves half a file where the
    /// module will read it back (a contract's version history or header baseline, a plan's approvals).
    /// </summary>
    internal static class ReplacedFile
    {
        /// <summary>Writes <paramref name="path"/> with <paramref name="write"/>; <paramref name="ownerOnly"/> makes the new file owner-only before anything is written.</summary>
        internal static void Write(string path, bool ownerOnly, Action<Stream> write)
        {
            var partial = path + ".partial";
            using (var stream = ownerOnly ? PrivateFiles.CreateNew(partial, FileMode.Create) : new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                write(stream);
            }

            if (File.Exists(path))
            {
                File.Replace(partial, path, null);
            }
            else
            {
                File.Move(partial, path);
            }
        }
    }
}

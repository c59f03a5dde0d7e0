using System;
using System.IO;

namespace Aether.TitanHst.Security
{
    /// <summary>
    /// Writes a whole file through a <see cref="PendingFile"/>, so a crash never leaves half a file where the module
    /// will read it back (a plan, a review sheet, run.json, a contract's version history, a plan's approvals).
    /// </summary>
    internal static class ReplacedFile
    {
        /// <summary>Writes <paramref name="path"/> with <paramref name="write"/>; <paramref name="ownerOnly"/> makes the new file owner-only from the moment it exists.</summary>
        internal static void Write(string path, bool ownerOnly, Action<Stream> write)
        {
            using var pending = PendingFile.Create(path, ownerOnly);
            write(pending.Stream);
            pending.Commit();
        }
    }
}

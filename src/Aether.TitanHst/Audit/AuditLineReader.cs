using System;
using System.Collections.Generic;
using System.IO;
using Aether.TitanHst.Security;

namespace Aether.TitanHst.Audit
{
    /// <summary>One raw line of a log file: its bytes (without the newline), 1-based number, and whether it ended.</summary>
    internal readonly struct AuditLine
    {
        public AuditLine(byte[] bytes, int length, int number, bool terminated)
        {
            Bytes = bytes;
            Length = length;
            Number = number;
            Terminated = terminated;
        }

        public byte[] Bytes { get; }

        public int Length { get; }

        public int Number { get; }

        /// <summary>False for a last line without its newline: a write that was cut off.</summary>
        public bool Terminated { get; }
    }

    /// <summary>Streams a log file's lines as bytes, so hashes are checked on exactly what is on disk.</summary>
    internal static class AuditLineReader
    {
        /// <summary>Reads a file of the audit folder, refusing a link planted under its name; <paramref name="folderEntry"/> false for the anchor, a path the operator chose.</summary>
        public static IEnumerable<AuditLine> Read(string file, bool folderEntry = true)
        {
            // FileShare.ReadWrite: reading never blocks a writer appending at the same time.
            const FileShare share = FileShare.ReadWrite | FileShare.Delete;
            using var stream = folderEntry
                ? RegularFiles.Open(file, FileMode.Open, FileAccess.Read, share, 1 << 16, why => AuditFolder.NotRegular(file, why))
                : new FileStream(file, FileMode.Open, FileAccess.Read, share, 1 << 16);
            var chunk = new byte[1 << 16];
            var line = new byte[1024];
            var length = 0;
            var number = 0;
            int read;
            while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
            {
                for (var i = 0; i < read; i++)
                {
                    var b = chunk[i];
                    if (b == (byte)'\n')
                    {
                        yield return new AuditLine(line, length, ++number, terminated: true);
                        line = new byte[Math.Max(1024, length)];
                        length = 0;
                        continue;
                    }

                    if (length == line.Length)
                    {
                        Array.Resize(ref line, line.Length * 2);
                    }

                    line[length++] = b;
                }
            }

            if (length > 0)
            {
                yield return new AuditLine(line, length, ++number, terminated: false);
            }
        }
    }
}

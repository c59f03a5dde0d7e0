using System;
using System.Collections.Generic;
using System.IO;
using Aether.TitanHst.Security;

namespace Aether.TitanHst.Audit
{
    /// <summary>
    /// The chain's head: the last complete entry on disk. A last line without its newline is a write cut off by a
    /// crash. When everything but the newline reached the disk (the line ends with its hash and reads as an entry),
    /// the entry may have been acknowledged, so the newline is completed and the entry kept: an audit entry is never
    /// dropped. Only a line that is not a whole entry (never acknowledged) is cut off rather than chained onto.
    /// </summary>
    internal readonly struct AuditHead
    {
        private AuditHead(long sequence, string? hash)
        {
            Sequence = sequence;
            Hash = hash;
        }

        public long Sequence { get; }

        public string? Hash { get; }

        /// <summary>Reads the head from the newest file that holds an entry. Call under the folder lock.</summary>
        public static AuditHead Read(IReadOnlyList<string> files)
        {
            for (var i = files.Count - 1; i >= 0; i--)
            {
                var last = LastLine(files[i]);
                if (last is { } line)
                {
                    var entry = AuditEntryReader.Parse(line, files[i]);
                    return new AuditHead(entry.Sequence, entry.Hash);
                }
            }

            return new AuditHead(0, null);
        }

        private static AuditLine? LastLine(string file)
        {
            // Opened for writing (a torn tail is cut): a link planted under the name is refused, never followed to its target.
            using var stream = RegularFiles.Open(file, FileMode.Open, FileAccess.ReadWrite, FileShare.Read, 4096, why => AuditFolder.NotRegular(file, why));
            var end = stream.Length;
            if (end == 0)
            {
                return null;
            }

            if (ByteAt(stream, end - 1) != (byte)'\n')
            {
                var tailStart = StartOfLine(stream, end - 1);
                if (IsWholeEntry(stream, tailStart, end, file))
                {
                    stream.Position = end;
                    stream.WriteByte((byte)'\n');
                    end++;
                }
                else
                {
                    end = tailStart;
                    stream.SetLength(end);
                }

                stream.Flush(flushToDisk: true);
                if (end == 0)
                {
                    return null;
                }
            }

            var start = StartOfLine(stream, end - 1);
            var bytes = new byte[end - 1 - start];
            stream.Position = start;
            ReadExactly(stream, bytes);
            return new AuditLine(bytes, bytes.Length, 0, terminated: true);
        }

        // A line that ends with its hash and parses as an entry: only its newline is missing.
        private static bool IsWholeEntry(FileStream stream, long start, long end, string file)
        {
            var bytes = new byte[end - start];
            stream.Position = start;
            ReadExactly(stream, bytes);
            if (!AuditHashing.TrySplit(bytes, bytes.Length, out _, out _))
            {
                return false;
            }

            try
            {
                AuditEntryReader.Parse(new AuditLine(bytes, bytes.Length, 0, terminated: false), file);
                return true;
            }
            catch (Errors.InputFileException)
            {
                return false;
            }
        }

        // The offset just after the last newline before position, or 0.
        private static long StartOfLine(FileStream stream, long position)
        {
            var block = new byte[4096];
            var to = position;
            while (to > 0)
            {
                var from = Math.Max(0, to - block.Length);
                var count = (int)(to - from);
                stream.Position = from;
                ReadExactly(stream, block, count);
                for (var i = count - 1; i >= 0; i--)
                {
                    if (block[i] == (byte)'\n')
                    {
                        return from + i + 1;
                    }
                }

                to = from;
            }

            return 0;
        }

        private static byte ByteAt(FileStream stream, long position)
        {
            stream.Position = position;
            return (byte)stream.ReadByte();
        }

        private static void ReadExactly(Stream stream, byte[] buffer, int? count = null)
        {
            var total = count ?? buffer.Length;
            var read = 0;
            while (read < total)
            {
                var n = stream.Read(buffer, read, total - read);
                if (n == 0)
                {
                    throw new EndOfStreamException();
                }

                read += n;
            }
        }
    }
}

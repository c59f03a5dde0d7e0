using System;

namespace Aether.TitanHst.Sources
{
    /// <summary>The byte order marks a source file may start with.</summary>
    internal enum ByteOrderMark
    {
        None,
        Utf8,
        Utf16LittleEndian,
        Utf16BigEndian,
    }

    internal static class ByteOrderMarks
    {
        internal static ByteOrderMark Detect(ReadOnlySpan<byte> head)
        {
            var count = head.Length;
            if (count >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF)
            {
                return ByteOrderMark.Utf8;
            }

            if (count >= 2 && head[0] == 0xFF && head[1] == 0xFE)
            {
                return ByteOrderMark.Utf16LittleEndian;
            }

            return count >= 2 && head[0] == 0xFE && head[1] == 0xFF ? ByteOrderMark.Utf16BigEndian : ByteOrderMark.None;
        }

        internal static int Length(ByteOrderMark mark) => mark switch
        {
            ByteOrderMark.Utf8 => 3,
            ByteOrderMark.None => 0,
            _ => 2,
        };
    }
}

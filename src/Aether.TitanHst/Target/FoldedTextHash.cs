using System;
using System.Runtime.CompilerServices;
using System.Text;

namespace Aether.TitanHst.Target
{
    /// <summary>
    /// A hash of a text with ASCII letters folded to lower case (FNV-1a over its UTF-8 bytes), the same for a string and
    /// for a <see cref="TargetTexts"/> cell read in place: a filter before a look-up that ignores case, so a scan of
    /// many rows for a few values makes a string only for the rows that may match (Diff/UniqueValueCheck). 0 is blank.
    /// </summary>
    internal static class FoldedTextHash
    {
        /// <summary>The hash of a string; 0 for null or empty.</summary>
        internal static ulong Of(string? value) => string.IsNullOrEmpty(value) ? 0 : Of(Encoding.UTF8.GetBytes(value));

        /// <summary><see cref="Of(string)"/> for many strings: their bytes go through <paramref name="buffer"/>, grown when short, not an array each.</summary>
        internal static ulong Of(string? value, ref byte[] buffer)
        {
            if (string.IsNullOrEmpty(value))
            {
                return 0;
            }

            var most = Encoding.UTF8.GetMaxByteCount(value!.Length);
            if (buffer.Length < most)
            {
                buffer = new byte[most];
            }

            return Of(new ReadOnlySpan<byte>(buffer, 0, Encoding.UTF8.GetBytes(value, 0, value.Length, buffer, 0)));
        }

        /// <summary>
        /// The hash of a cell whose bytes (if it has any) start at <paramref name="at"/> of <paramref name="chunk"/>
        /// (as <see cref="TargetTexts.SameIn"/> reads it): no string is made for a cell kept as bytes.
        /// </summary>
        [MethodImpl(Hot.Path)]
        internal static ulong OfCell(TargetTexts texts, uint cell, byte[]? chunk, int at)
        {
            if ((cell & TargetTexts.HeldBit) != 0)
            {
                return Of(texts.Get(cell, 0)); // A held string is read by its id; the position plays no part.
            }

            var length = TargetTexts.RunLength(cell);
            return length == 0 || chunk is null ? 0 : Of(new ReadOnlySpan<byte>(chunk, at, length));
        }

        [MethodImpl(Hot.Path)]
        private static ulong Of(ReadOnlySpan<byte> bytes)
        {
            var hash = 14695981039346656037UL;
            foreach (var b in bytes)
            {
                hash = (hash ^ (b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b | 0x20) : b)) * 1099511628211UL;
            }

            return hash == 0 ? 1 : hash;
        }
    }
}

using System;

namespace Aether.TitanHst
{
    /// <summary>
    /// Well-formed UTF-8, byte by byte, exactly as the strict decoder (<c>new UTF8Encoding(false, true)</c>) takes it:
    /// Unicode's table 3-7, so no overlong form, no surrogate, nothing above U+10FFFF and nothing cut short. The one
    /// copy of these rules for the snapshot scan, the snapshot reader's line check and the export encoding sniffers.
    /// </summary>
    internal static class Utf8Sequence
    {
        /// <summary>What <see cref="LengthAt"/> gives when the bytes end inside a sequence that is well-formed so far.</summary>
        internal const int Truncated = -1;

        /// <summary>What the sniffers make of a sample of bytes (<see cref="Classify"/>).</summary>
        internal enum Kind
        {
            /// <summary>Nothing at or above 0x80.</summary>
            Ascii,

            /// <summary>Well-formed UTF-8 with at least one multi-byte sequence.</summary>
            Utf8,

            /// <summary>A byte that well-formed UTF-8 cannot hold there.</summary>
            NotUtf8,
        }

        /// <summary>
        /// The length of the well-formed sequence starting at <paramref name="at"/> (1 for an ASCII byte); 0 for an
        /// ill-formed one; <see cref="Truncated"/> when the bytes end before it does and what there is of it is well-formed.
        /// </summary>
        internal static int LengthAt(ReadOnlySpan<byte> bytes, int at)
        {
            var b = bytes[at];
            if (b < 0x80)
            {
                return 1;
            }

            int length;
            byte low = 0x80, high = 0xBF;
            if (b >= 0xC2 && b <= 0xDF)
            {
                length = 2;
            }
            else if (b >= 0xE0 && b <= 0xEF)
            {
                length = 3;
                low = b == 0xE0 ? (byte)0xA0 : (byte)0x80;
                high = b == 0xED ? (byte)0x9F : (byte)0xBF;
            }
            else if (b >= 0xF0 && b <= 0xF4)
            {
                length = 4;
                low = b == 0xF0 ? (byte)0x90 : (byte)0x80;
                high = b == 0xF4 ? (byte)0x8F : (byte)0xBF;
            }
            else
            {
                return 0;
            }

            var available = Math.Min(length, bytes.Length - at);

            // The second byte's range depends on the first; the others are any continuation byte.
            if (available > 1 && (bytes[at + 1] < low || bytes[at + 1] > high))
            {
                return 0;
            }

            for (var k = 2; k < available; k++)
            {
                if (bytes[at + k] < 0x80 || bytes[at + k] > 0xBF)
                {
                    return 0;
                }
            }

            return available < length ? Truncated : length;
        }

        /// <summary>True when all of <paramref name="bytes"/> is well-formed UTF-8 (what the strict decoder decodes without error).</summary>
        internal static bool IsValid(ReadOnlySpan<byte> bytes) => FirstInvalid(bytes) < 0;

        /// <summary>Where the first ill-formed (or cut short) sequence of <paramref name="bytes"/> starts; -1 when there is none.</summary>
        internal static int FirstInvalid(ReadOnlySpan<byte> bytes)
        {
            for (var i = 0; i < bytes.Length;)
            {
                if (bytes[i] < 0x80)
                {
                    i++;
                    continue;
                }

                var length = LengthAt(bytes, i);
                if (length <= 0)
                {
                    return i;
                }

                i += length;
            }

            return -1;
        }

        /// <summary>
        /// What a sample of a file's first bytes is: ASCII, UTF-8 or not UTF-8. A sequence cut by the sample's end says
        /// nothing (the file goes on after it), so the sample is judged by what comes before it.
        /// </summary>
        internal static Kind Classify(ReadOnlySpan<byte> sample)
        {
            var multiByte = false;
            for (var i = 0; i < sample.Length;)
            {
                var length = LengthAt(sample, i);
                if (length == Truncated)
                {
                    break;
                }

                if (length == 0)
                {
                    return Kind.NotUtf8;
                }

                multiByte |= length > 1;
                i += length;
            }

            return multiByte ? Kind.Utf8 : Kind.Ascii;
        }
    }
}

using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Aether.TitanHst.Canonical
{
    /// <summary>
    /// The values kept as bytes: a row's values, each with its length before it, one byte per character when all are
    /// Latin-1 (else two), copied into the text chunks when the row is added and made a string again when read.
    /// </summary>
    internal sealed partial class SourceRowStore
    {
        // Made once: decoding one byte per character is what Latin-1 is, on every runtime the module runs on.
        private static readonly Encoding Latin1 = Encoding.GetEncoding(28591);

        /// <summary>A value kept as bytes: the row's earlier byte values are skipped, then this one made a string.</summary>
        [MethodImpl(Hot.Path)]
        private string Decode(int row, ushort[] cells, int first, int column)
        {
            var bytes = Locate(row, cells, first, column, out var offset, out var length, out var wide);
            return !wide
                ? Latin1.GetString(bytes, offset, length)
                : MemoryMarshal.Cast<byte, char>(new ReadOnlySpan<byte>(bytes, offset, 2 * length)).ToString();
        }

        /// <summary>
        /// Whether the row's value of <paramref name="column"/> is empty or white space only (what a trimmed value
        /// reads as blank), read from its bytes without making the string.
        /// </summary>
        [MethodImpl(Hot.Path)]
        internal bool IsBlank(int row, int column)
        {
            if ((uint)column >= (uint)ColumnCount)
            {
                throw new ArgumentOutOfRangeException(nameof(column));
            }

            var cells = _cells[row >> _shift];
            var first = (row & _mask) * ColumnCount;
            var cell = cells[first + column];
            if (cell != Bytes)
            {
                return cell == Blank || string.IsNullOrWhiteSpace(ValueOf(row, column));
            }

            var bytes = Locate(row, cells, first, column, out var offset, out var length, out var wide);
            if (!wide)
            {
                for (var i = 0; i < length; i++)
                {
                    if (!char.IsWhiteSpace((char)bytes[offset + i]))
                    {
                        return false;
                    }
                }

                return true;
            }

            return MemoryMarshal.Cast<byte, char>(new ReadOnlySpan<byte>(bytes, offset, 2 * length)).IsWhiteSpace();
        }

        /// <summary>
        /// Whether the row's normalized join key is <paramref name="key"/>, read where the row keeps it (its key string,
        /// or its key column's shared value or bytes) without making a string.
        /// </summary>
        [MethodImpl(Hot.Path)]
        internal bool KeyEquals(int row, string key)
        {
            if (_keys[row] is { } own)
            {
                return string.Equals(own, key);
            }

            var cells = _cells[row >> _shift];
            var first = (row & _mask) * ColumnCount;
            if (cells[first + _keyColumn] != Bytes)
            {
                return string.Equals(ValueOf(row, _keyColumn), key);
            }

            var bytes = Locate(row, cells, first, _keyColumn, out var offset, out var length, out var wide);
            if (length != key.Length)
            {
                return false;
            }

            if (wide)
            {
                return MemoryMarshal.Cast<byte, char>(new ReadOnlySpan<byte>(bytes, offset, 2 * length)).SequenceEqual(key.AsSpan());
            }

            for (var i = 0; i < length; i++)
            {
                if (bytes[offset + i] != key[i])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Where a value kept as bytes is: its text chunk, offset, length in characters, and whether it is two bytes a character.</summary>
        [MethodImpl(Hot.Path)]
        private byte[] Locate(int row, ushort[] cells, int first, int column, out int offset, out int length, out bool wide)
        {
            var start = _textStarts[row] - 1;
            var bytes = _text[start >> _textShift];
            offset = start & _textMask;
            int prefix;
            for (var c = 0; c < column; c++)
            {
                if (cells[first + c] == Bytes)
                {
                    offset = ReadLength(bytes, offset, out prefix);
                    offset += (prefix & 1) == 0 ? prefix >> 1 : prefix & ~1;
                }
            }

            offset = ReadLength(bytes, offset, out prefix);
            length = prefix >> 1;
            wide = (prefix & 1) != 0;
            return bytes;
        }

        [MethodImpl(Hot.Path)]
        private int KeepRowText()
        {
            var length = _rowTextLength;
            if (_textChunk < 0 || _textUsed + length > _textMask + 1)
            {
                _textChunk++;
                if (_textChunk == _text.Length)
                {
                    Array.Resize(ref _text, _text.Length * 2);
                }

                if (((long)_textChunk << _textShift) + _textMask >= int.MaxValue)
                {
                    throw new InvalidOperationException("An export's values do not fit the row store (2 GiB of text).");
                }

                _text[_textChunk] = new byte[_textMask + 1];
                _textUsed = 0;
            }

            Buffer.BlockCopy(_rowText, 0, _text[_textChunk], _textUsed, length);
            var start = (_textChunk << _textShift) | _textUsed;
            _textUsed += length;
            return start;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static bool IsLatin1(ReadOnlySpan<char> value)
        {
            for (var i = 0; i < value.Length; i++)
            {
                if (value[i] > '\u00FF')
                {
                    return false;
                }
            }

            return true;
        }

        // Lengths as 7-bit groups, low first: one byte below 128.
        [MethodImpl(Hot.Path)]
        private static int WriteLength(byte[] bytes, int at, int length)
        {
            var rest = (uint)length;
            while (rest >= 0x80)
            {
                bytes[at++] = (byte)(rest | 0x80);
                rest >>= 7;
            }

            bytes[at++] = (byte)rest;
            return at;
        }

        [MethodImpl(Hot.Path)]
        private static int ReadLength(byte[] bytes, int at, out int length)
        {
            var value = 0;
            var shift = 0;
            byte b;
            do
            {
                b = bytes[at++];
                value |= (b & 0x7F) << shift;
                shift += 7;
            }
            while ((b & 0x80) != 0);

            length = value;
            return at;
        }
    }
}

using System;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;

namespace Aether.TitanHst.Canonical
{
    /// <summary>
    /// The rows of one source read, held until the last person is built (the duplicate-key and untrusted-row checks
    /// need every row first), as a few large arrays instead of objects: the values row by row in chunks of
    /// <c>rows x columns</c> strings, the lines and the join keys in chunks of their own. A row is a number;
    /// <see cref="SourceRow"/> is a view of one, made when it is read.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Before, every row was an object with its own values array (two objects and ~80 bytes per row besides its
    /// strings), all surviving to gen2 and traced and copied by every collection on the way. Chunks keep growth
    /// from copying what is held, and an array of references is traced far faster than the objects it replaces.
    /// </para>
    /// <para>
    /// A value that does not repeat (an e-mail, an id, a phone; <see cref="ColumnInterner"/> says which) is not
    /// held as a string either: <see cref="SetText"/> keeps its characters as one byte each in byte chunks (when
    /// they are all Latin-1, as nearly every export value is), the row's cell left null, and a string is made only
    /// when the value is read, short-lived. A row's bytes are contiguous, each value with its length before it, so
    /// one number per row finds them.
    /// </para>
    /// <para>
    /// Written by one thread during the read, never changed after it: a finished store may be read from several
    /// threads (<see cref="SharedSourceReads"/>).
    /// </para>
    /// </remarks>
    internal sealed class SourceRowStore
    {
        /// <summary>
        /// References per values chunk: 64 KiB, under the large-object threshold, so chunks are compacted with
        /// everything else and a dropped one frees room for any object (a freed large-object chunk serves only other
        /// large objects). 320 KiB chunks gave the same 1M peak (1507 MiB against 1506-1516).
        /// </summary>
        internal const int ChunkCells = 8192;

        /// <summary>Bytes per text chunk: under the large-object threshold, and a row's bytes never span two.</summary>
        internal const int DefaultTextChunkBytes = 1 << 16;

        // Made once: decoding one byte per character is what Latin-1 is, on every runtime the module runs on.
        private static readonly Encoding Latin1 = Encoding.GetEncoding(28591);

        private readonly int _shift;
        private readonly int _mask;
        private readonly int _textShift;
        private readonly int _textMask;
        private readonly string?[] _scratch;
        private string?[][] _values = new string?[4][];
        private int[][] _lines = new int[4][];
        private string[][] _keys = new string[4][];

        // Per row, where its bytes start in the text chunks (chunk << text shift | offset) plus one; 0 for a row
        // without values kept as bytes.
        private int[][] _textStarts = new int[4][];
        private byte[][] _text = new byte[4][];
        private int _textChunk = -1;
        private int _textUsed;

        // Per row chunk and text chunk, how many rows in it someone still holds; null unless the holds are tracked.
        private int[]? _heldRows;
        private int[]? _heldText;

        // The row being written: its bytes, copied to a chunk when the row is added.
        private byte[] _rowText = new byte[256];
        private int _rowTextLength;

        internal SourceRowStore(int sourceIndex, int columnCount)
            : this(sourceIndex, columnCount, ChunkRowsFor(columnCount), DefaultTextChunkBytes)
        {
        }

        /// <summary>The most rows, a power of two, whose values fit a chunk of <see cref="ChunkCells"/> references.</summary>
        internal static int ChunkRowsFor(int columnCount)
        {
            var rows = 1;
            while (rows * 2 * Math.Max(columnCount, 1) <= ChunkCells)
            {
                rows *= 2;
            }

            return rows;
        }

        /// <param name="sourceIndex">The source's position in the contract's source list.</param>
        /// <param name="columnCount">How many values each row has (the source's <c>columns</c>).</param>
        /// <param name="chunkRows">Rows per chunk, a power of two (tests use small ones to cross chunk boundaries).</param>
        /// <param name="textChunkBytes">Bytes per text chunk, a power of two of at least 16.</param>
        internal SourceRowStore(int sourceIndex, int columnCount, int chunkRows, int textChunkBytes = DefaultTextChunkBytes)
        {
            if (chunkRows < 1 || (chunkRows & (chunkRows - 1)) != 0)
            {
                throw new ArgumentOutOfRangeException(nameof(chunkRows), "The rows per chunk must be a power of two.");
            }

            if (textChunkBytes < 16 || (textChunkBytes & (textChunkBytes - 1)) != 0)
            {
                throw new ArgumentOutOfRangeException(nameof(textChunkBytes), "The bytes per text chunk must be a power of two of at least 16.");
            }

            if (columnCount < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(columnCount));
            }

            SourceIndex = sourceIndex;
            ColumnCount = columnCount;
            ChunkRows = chunkRows;
            _mask = chunkRows - 1;
            _shift = Log2(chunkRows);
            _textMask = textChunkBytes - 1;
            _textShift = Log2(textChunkBytes);
            _scratch = new string?[columnCount];
            for (var i = 0; i < columnCount; i++)
            {
                _scratch[i] = string.Empty;
            }
        }

        /// <summary>The source's position in the contract's source list.</summary>
        internal int SourceIndex { get; }

        internal int ColumnCount { get; }

        internal int ChunkRows { get; }

        /// <summary>How many rows are held.</summary>
        internal int Count { get; private set; }

        /// <summary>How many values are held as bytes rather than strings (for tests and measurements).</summary>
        internal int TextValues { get; private set; }

        /// <summary>How many chunks of rows are still held (all of them until holds are tracked and let go of).</summary>
        internal int ChunksHeld
        {
            get
            {
                var held = 0;
                for (var c = 0; c < _values.Length; c++)
                {
                    held += _values[c] is null ? 0 : 1;
                }

                return held;
            }
        }

        /// <summary>Row <paramref name="index"/> (0 = the first row held, not the file's line).</summary>
        internal SourceRow this[int index] => (uint)index < (uint)Count ? new SourceRow(this, index) : throw new ArgumentOutOfRangeException(nameof(index));

        /// <summary>
        /// Appends a row of strings, copying <paramref name="values"/> (a scratch array the caller may reuse); returns
        /// its number. A null value is held as blank, as a blank cell reads.
        /// </summary>
        internal int Add(int line, string key, string?[] values)
        {
            if (values.Length != ColumnCount)
            {
                throw new ArgumentException($"A row of this source has {ColumnCount} values, not {values.Length}.", nameof(values));
            }

            for (var i = 0; i < values.Length; i++)
            {
                SetValue(i, values[i]);
            }

            return AddRow(line, key);
        }

        /// <summary>Sets a value of the row being written to a string (a shared one: the column's repeating values).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal void SetValue(int column, string? value) => _scratch[column] = value ?? string.Empty;

        /// <summary>
        /// Sets a value of the row being written from the reader's characters, a value that does not repeat: kept as
        /// bytes when every character is Latin-1, else made a string now. Values of a row are set in column order.
        /// </summary>
        [MethodImpl(Hot.Path)]
        internal void SetText(int column, ReadOnlySpan<char> value)
        {
            if (value.Length == 0)
            {
                _scratch[column] = string.Empty;
                return;
            }

            var need = _rowTextLength + 5 + value.Length;
            if (need > (_textMask + 1) || !IsLatin1(value))
            {
                // A row's bytes fit one chunk; a value too long for that, or with other characters, stays a string.
                _scratch[column] = value.ToString();
                return;
            }

            if (need > _rowText.Length)
            {
                Array.Resize(ref _rowText, Math.Max(need, _rowText.Length * 2));
            }

            var at = WriteLength(_rowText, _rowTextLength, value.Length);
            for (var i = 0; i < value.Length; i++)
            {
                _rowText[at + i] = (byte)value[i];
            }

            _rowTextLength = at + value.Length;
            _scratch[column] = null;
            TextValues++;
        }

        /// <summary>Appends the row whose values were set (every column must have been); returns its number.</summary>
        [MethodImpl(Hot.Path)]
        internal int AddRow(int line, string key)
        {
            var row = Count;
            var chunk = row >> _shift;
            var at = row & _mask;
            if (at == 0)
            {
                AddChunk(chunk);
            }

            Array.Copy(_scratch, 0, _values[chunk], at * ColumnCount, ColumnCount);
            _lines[chunk][at] = line;
            _keys[chunk][at] = key;
            if (_rowTextLength > 0)
            {
                _textStarts[chunk][at] = KeepRowText() + 1;
                _rowTextLength = 0;
            }

            for (var i = 0; i < _scratch.Length; i++)
            {
                // A column the next row does not set reads blank, never as bytes it does not have.
                _scratch[i] = string.Empty;
            }

            Count = row + 1;
            return row;
        }

        /// <summary>The file line the row was read from.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal int LineOf(int row) => _lines[row >> _shift][row & _mask];

        /// <summary>The row's normalized join key.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal string KeyOf(int row) => _keys[row >> _shift][row & _mask];

        /// <summary>The row's value of the source's column <paramref name="column"/> (in the order of its <c>columns</c>).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal string ValueOf(int row, int column)
        {
            if ((uint)column >= (uint)ColumnCount)
            {
                throw new ArgumentOutOfRangeException(nameof(column));
            }

            var chunk = row >> _shift;
            var cells = _values[chunk];
            var first = (row & _mask) * ColumnCount;
            return cells[first + column] ?? Decode(chunk, row & _mask, cells, first, column);
        }

        /// <summary>
        /// Drops the join keys of a read one extraction owns, once its rows are grouped: only the grouping reads a
        /// row's key (the person index keeps each person's), so the keys of the rows of people met in an earlier
        /// source need not be held through the walk. Reading a key after it is a bug.
        /// </summary>
        internal void DropKeys()
        {
            for (var c = 0; c < _keys.Length; c++)
            {
                _keys[c] = null!;
            }
        }

        /// <summary>
        /// Starts counting holds (<see cref="Hold"/>, <see cref="LetGo"/>): from now on a chunk whose rows are all let
        /// go of is dropped. Only for a finished read that one extraction owns: a shared read is never let go of
        /// (the other extraction still reads it), so its holds are never tracked.
        /// </summary>
        internal void TrackHolds()
        {
            if (_heldRows is not null)
            {
                throw new InvalidOperationException("The rows' holds are tracked already: a read's rows are let go of by one extraction only.");
            }

            _heldRows = new int[_values.Length];
            _heldText = new int[Math.Max(_text.Length, 1)];
        }

        /// <summary>Counts one more holder of a row (its person), keeping its chunks.</summary>
        internal void Hold(int row)
        {
            _heldRows![row >> _shift]++;
            var start = _textStarts[row >> _shift][row & _mask];
            if (start > 0)
            {
                _heldText![(start - 1) >> _textShift]++;
            }
        }

        /// <summary>
        /// Lets go of a row held: once no row of its chunk (or of its bytes' chunk) is held, the chunk is dropped and
        /// reading any of its rows is a bug. Safe from several threads for different rows.
        /// </summary>
        internal void LetGo(int row)
        {
            var chunk = row >> _shift;
            var start = _textStarts[chunk][row & _mask];
            if (start > 0)
            {
                var text = (start - 1) >> _textShift;
                if (Interlocked.Decrement(ref _heldText![text]) == 0)
                {
                    _text[text] = null!;
                }
            }

            if (Interlocked.Decrement(ref _heldRows![chunk]) == 0)
            {
                _values[chunk] = null!;
                _lines[chunk] = null!;
                _textStarts[chunk] = null!;
            }
        }

        /// <summary>A value kept as bytes: the row's earlier byte values are skipped, then this one made a string.</summary>
        private string Decode(int chunk, int at, string?[] cells, int first, int column)
        {
            var start = _textStarts[chunk][at] - 1;
            var bytes = _text[start >> _textShift];
            var offset = start & _textMask;
            for (var c = 0; c < column; c++)
            {
                if (cells[first + c] is null)
                {
                    offset = ReadLength(bytes, offset, out var skipped) + skipped;
                }
            }

            offset = ReadLength(bytes, offset, out var length);
            return Latin1.GetString(bytes, offset, length);
        }

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

        private void AddChunk(int chunk)
        {
            if (chunk == _values.Length)
            {
                // Only the chunk tables grow by copying, never the rows.
                Array.Resize(ref _values, chunk * 2);
                Array.Resize(ref _lines, chunk * 2);
                Array.Resize(ref _keys, chunk * 2);
                Array.Resize(ref _textStarts, chunk * 2);
            }

            _values[chunk] = new string?[ChunkRows * ColumnCount];
            _lines[chunk] = new int[ChunkRows];
            _keys[chunk] = new string[ChunkRows];
            _textStarts[chunk] = new int[ChunkRows];
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

        private static int Log2(int powerOfTwo)
        {
            var shift = 0;
            while ((1 << shift) < powerOfTwo)
            {
                shift++;
            }

            return shift;
        }
    }
}

using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Aether.TitanHst.Canonical
{
    /// <summary>
    /// The rows of one source read, held until the last person is built (the duplicate-key and untrusted-row checks
    /// need every row first), as a few large arrays instead of objects: per row and column a two-byte cell, the
    /// lines and the join keys in chunks of their own, the characters of the values that do not repeat in byte
    /// chunks. A row is a number; <see cref="SourceRow"/> is a view of one, made when it is read.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Before, every row was an object with its own values array and a string per value that does not repeat (an
    /// e-mail, an id, a phone), all surviving to gen2 and traced and copied by every collection on the way. Now a
    /// cell says: blank; a repeated value, by its number in the column's <see cref="ColumnInterner"/>; or a value
    /// kept as bytes, one per character when all are Latin-1 (as nearly every export value is), else two. A row's
    /// bytes are contiguous, each value with its length before it, so one number per row finds them; a string is
    /// made only when a person built reads the value, and dies young.
    /// </para>
    /// <para>
    /// Written by one thread during the read, never changed after it (<see cref="Complete"/>) except for chunks let
    /// go of by the one extraction that owns the read (<see cref="TrackHolds"/>): a finished store may be read from
    /// several threads (<see cref="SharedSourceReads"/>).
    /// </para>
    /// </remarks>
    internal sealed partial class SourceRowStore
    {
        /// <summary>
        /// Cells per chunk: 64 KiB, under the large-object threshold, so chunks are compacted with everything else and
        /// a dropped one frees room for any object (a freed large-object chunk serves only other large objects).
        /// </summary>
        internal const int ChunkCells = 32768;

        /// <summary>Bytes per text chunk: under the large-object threshold, and a row's bytes never span two.</summary>
        internal const int DefaultTextChunkBytes = 1 << 16;

        // What a cell holds: a blank, a value kept as bytes, a value too long for a text chunk (a string on the side),
        // or from Shared on, a repeated value (the column interner's entry cell - Shared).
        private const ushort Blank = 0;
        private const ushort Bytes = 1;
        private const ushort Long = 2;
        private const ushort Shared = 3;

        private readonly int _shift;
        private readonly int _mask;
        private readonly int _textShift;
        private readonly int _textMask;
        private readonly ColumnInterner?[] _interners;
        private ushort[][] _cells = new ushort[4][];
        private readonly ChunkedColumn<int> _lines;
        // Per row its normalized join key, or null when the key is the row's own text in the key column (the
        // reader's usual case: no rule changes it), read back from there so the row needs no key string; and per row
        // the key's hash (KeyHash), taken on the reading thread so grouping the rows into people need not.
        private readonly ChunkedColumn<string?> _keys;
        private readonly ChunkedColumn<int> _keyHashes;
        private int _keyColumn = -1;

        // Per row, where its bytes start in the text chunks (chunk << text shift | offset) plus one; 0 for a row
        // without values kept as bytes.
        private readonly ChunkedColumn<int> _textStarts;
        private byte[][] _text = new byte[4][];
        private int _textChunk = -1;
        private int _textUsed;

        // Values too long for a text chunk, by row x columns + column; null until one is met.
        private Dictionary<long, string>? _long;

        // The row being written: its cells and bytes, copied to the chunks when the row is added.
        private readonly ushort[] _rowCells;
        private byte[] _rowText = new byte[256];
        private int _rowTextLength;
        private int _lastColumnSet = -1;

        internal SourceRowStore(int sourceIndex, int columnCount)
            : this(sourceIndex, columnCount, ChunkRowsFor(columnCount), DefaultTextChunkBytes)
        {
        }

        /// <param name="sourceIndex">The source's position in the contract's source list.</param>
        /// <param name="columnCount">How many values each row has (the source's <c>columns</c>).</param>
        /// <param name="chunkRows">Rows per chunk, a power of two (tests use small ones to cross chunk boundaries).</param>
        /// <param name="textChunkBytes">Bytes per text chunk, a power of two of at least 16.</param>
        /// <param name="share">False to keep every value as bytes (tests: the interner shares for thousands of rows first).</param>
        internal SourceRowStore(int sourceIndex, int columnCount, int chunkRows, int textChunkBytes = DefaultTextChunkBytes, bool share = true)
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
            _lines = new ChunkedColumn<int>(_shift);
            _keys = new ChunkedColumn<string?>(_shift);
            _keyHashes = new ChunkedColumn<int>(_shift);
            _textStarts = new ChunkedColumn<int>(_shift);
            _rowCells = new ushort[columnCount];
            _interners = new ColumnInterner?[columnCount];
            for (var i = 0; i < columnCount; i++)
            {
                _interners[i] = share ? new ColumnInterner() : null;
            }
        }

        /// <summary>The source's position in the contract's source list.</summary>
        internal int SourceIndex { get; }

        internal int ColumnCount { get; }

        internal int ChunkRows { get; }

        /// <summary>How many rows are held.</summary>
        internal int Count { get; private set; }

        /// <summary>How many values are held as bytes rather than shared strings (for tests and measurements).</summary>
        internal int TextValues { get; private set; }

        /// <summary>Row <paramref name="index"/> (0 = the first row held, not the file's line).</summary>
        internal SourceRow this[int index] => (uint)index < (uint)Count ? new SourceRow(this, index) : throw new ArgumentOutOfRangeException(nameof(index));

        /// <summary>The most rows, a power of two, whose cells fit a chunk of <see cref="ChunkCells"/>.</summary>
        internal static int ChunkRowsFor(int columnCount)
        {
            var rows = 1;
            while (rows * 2 * Math.Max(columnCount, 1) <= ChunkCells)
            {
                rows *= 2;
            }

            return rows;
        }

        /// <summary>
        /// Appends a row of strings (tests and callers without a reader's characters); returns its number. A null
        /// value is held as blank, as a blank cell reads.
        /// </summary>
        internal int Add(int line, string key, string?[] values)
        {
            if (values.Length != ColumnCount)
            {
                throw new ArgumentException($"A row of this source has {ColumnCount} values, not {values.Length}.", nameof(values));
            }

            for (var i = 0; i < values.Length; i++)
            {
                Set(i, (values[i] ?? string.Empty).AsSpan());
            }

            return AddRow(line, key);
        }

        /// <summary>
        /// Sets a value of the row being written from the reader's characters, columns in order (a column skipped
        /// reads blank): a repeated value is shared, another kept as bytes, a value too long for a text chunk as a
        /// string.
        /// </summary>
        [MethodImpl(Hot.Path)]
        internal void Set(int column, ReadOnlySpan<char> value)
        {
            if (column <= _lastColumnSet || (uint)column >= (uint)ColumnCount)
            {
                throw new ArgumentOutOfRangeException(nameof(column), "A row's values are set once each, in column order.");
            }

            for (var skipped = _lastColumnSet + 1; skipped < column; skipped++)
            {
                _rowCells[skipped] = Blank;
            }

            _lastColumnSet = column;
            if (value.Length == 0)
            {
                _rowCells[column] = Blank;
                return;
            }

            if (_interners[column] is { } interner && interner.TryGet(value, out var entry))
            {
                _rowCells[column] = (ushort)(Shared + entry);
                return;
            }

            var wide = !IsLatin1(value);
            var need = _rowTextLength + 5 + (wide ? 2 * value.Length : value.Length);
            if (need > (_textMask + 1))
            {
                // A row's bytes fit one chunk; a value too long for that (a broken export's field) stays a string.
                (_long ??= new Dictionary<long, string>())[((long)Count * ColumnCount) + column] = value.ToString();
                _rowCells[column] = Long;
                return;
            }

            if (need > _rowText.Length)
            {
                Array.Resize(ref _rowText, Math.Max(need, _rowText.Length * 2));
            }

            var at = WriteLength(_rowText, _rowTextLength, (value.Length << 1) | (wide ? 1 : 0));
            if (wide)
            {
                MemoryMarshal.AsBytes(value).CopyTo(new Span<byte>(_rowText, at, 2 * value.Length));
                at += 2 * value.Length;
            }
            else
            {
                for (var i = 0; i < value.Length; i++)
                {
                    _rowText[at + i] = (byte)value[i];
                }

                at += value.Length;
            }

            _rowTextLength = at;
            _rowCells[column] = Bytes;
            TextValues++;
        }

        /// <summary>Appends the row whose values were set, with its normalized join key; returns its number.</summary>
        internal int AddRow(int line, string key) => AddRow(line, key, KeyHash.Of(key));

        /// <summary>
        /// Appends the row whose values were set, its join key being its value of <paramref name="keyColumn"/> as it
        /// is (the contract's key rules leave it unchanged), with that key's hash; returns its number.
        /// </summary>
        [MethodImpl(Hot.Path)]
        internal int AddRowKeyedByColumn(int line, int keyColumn, int keyHash)
        {
            if (keyColumn != _keyColumn)
            {
                if (_keyColumn >= 0 || (uint)keyColumn >= (uint)ColumnCount || keyColumn > _lastColumnSet)
                {
                    throw new ArgumentOutOfRangeException(nameof(keyColumn), "A source's rows take their keys from one column, set for the row.");
                }

                _keyColumn = keyColumn;
            }

            return AddRow(line, null, keyHash);
        }

        [MethodImpl(Hot.Path)]
        private int AddRow(int line, string? key, int keyHash)
        {
            var row = Count;
            var chunk = row >> _shift;
            var at = row & _mask;
            if (at == 0)
            {
                AddChunk(chunk);
            }

            // Columns the row skipped are blank: the cells are set for every column, then cleared for the next row.
            for (var c = _lastColumnSet + 1; c < _rowCells.Length; c++)
            {
                _rowCells[c] = Blank;
            }

            Array.Copy(_rowCells, 0, _cells[chunk], at * ColumnCount, ColumnCount);
            _lines.Add(line);
            _keys.Add(key);
            _keyHashes.Add(keyHash);
            if (_rowTextLength > 0)
            {
                _textStarts.Add(KeepRowText() + 1);
                _rowTextLength = 0;
            }
            else
            {
                _textStarts.Add(0);
            }

            _lastColumnSet = -1;
            Count = row + 1;
            return row;
        }

        /// <summary>Ends the read: the interners stop looking values up (their strings, by number, stay).</summary>
        internal void Complete()
        {
            foreach (var interner in _interners)
            {
                interner?.StopLooking();
            }
        }

        /// <summary>The file line the row was read from.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal int LineOf(int row) => _lines[row];

        /// <summary>The row's normalized join key (a string made now when the row keeps none of its own).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal string KeyOf(int row) => _keys[row] ?? ValueOf(row, _keyColumn);

        /// <summary>The hash (KeyHash) of the row's normalized join key.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal int KeyHashOf(int row) => _keyHashes[row];

        /// <summary>The row's value of the source's column <paramref name="column"/> (in the order of its <c>columns</c>).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal string ValueOf(int row, int column)
        {
            if ((uint)column >= (uint)ColumnCount)
            {
                throw new ArgumentOutOfRangeException(nameof(column));
            }

            var chunk = row >> _shift;
            var cells = _cells[chunk];
            var first = (row & _mask) * ColumnCount;
            var cell = cells[first + column];
            if (cell >= Shared)
            {
                return _interners[column]!.EntryAt(cell - Shared);
            }

            return cell == Blank ? string.Empty
                : cell == Bytes ? Decode(row, cells, first, column)
                : _long![((long)row * ColumnCount) + column];
        }

        /// <summary>
        /// The number of the row's value of <paramref name="column"/> in the column's shared strings, or -1 when the
        /// value is not shared (blank, kept as bytes, or long): equal numbers in one store are equal values, so what
        /// rules made of one holds for all (<see cref="SharedValueMemo{T}"/>).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal int SharedEntryOf(int row, int column)
        {
            if ((uint)column >= (uint)ColumnCount)
            {
                throw new ArgumentOutOfRangeException(nameof(column));
            }

            var cell = _cells[row >> _shift][((row & _mask) * ColumnCount) + column];
            return cell >= Shared ? cell - Shared : -1;
        }

        /// <summary>
        /// Whether the read gave up sharing the column's values because they rarely repeat
        /// (<see cref="ColumnInterner.Distinct"/>): what rules make of its values is then not worth remembering.
        /// </summary>
        internal bool IsDistinct(int column) => _interners[column]?.Distinct ?? false;

        /// <summary>How many shared values the column has (all of them once the read is complete).</summary>
        internal int SharedCount(int column) => _interners[column]?.Count ?? 0;

        [MethodImpl(Hot.Path)]
        private void AddChunk(int chunk)
        {
            if (chunk == _cells.Length)
            {
                // Only the chunk table grows by copying, never the rows.
                Array.Resize(ref _cells, chunk * 2);
            }

            _cells[chunk] = new ushort[ChunkRows * ColumnCount];
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

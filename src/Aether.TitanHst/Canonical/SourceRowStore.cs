using System;
using System.Runtime.CompilerServices;

namespace Aether.TitanHst.Canonical
{
    /// <summary>
    /// The rows of one source read, held until the last person is built (the duplicate-key and untrusted-row checks
    /// need every row first), as a few large arrays instead of objects: the values row by row in chunks of
    /// <c>rows x columns</c> strings, the lines and the join keys in chunks of their own. A row is a number;
    /// <see cref="SourceRow"/> is a view of one, made when it is read.
    /// </summary>
    /// <remarks>
    /// Before, every row was an object with its own values array (two objects and ~80 bytes per row besides its
    /// strings), all surviving to gen2 and traced and copied by every collection on the way. Chunks keep growth
    /// from copying what is held, and an array of references is traced far faster than the objects it replaces.
    /// Written by one thread during the read, never changed after it: a finished store may be read from several
    /// threads (<see cref="SharedSourceReads"/>).
    /// </remarks>
    internal sealed class SourceRowStore
    {
        /// <summary>Rows per chunk: at the contracts' ten or so columns a values chunk is a few hundred KiB.</summary>
        internal const int DefaultChunkRows = 4096;

        private readonly int _shift;
        private readonly int _mask;
        private string[][] _values = new string[4][];
        private int[][] _lines = new int[4][];
        private string[][] _keys = new string[4][];

        internal SourceRowStore(int sourceIndex, int columnCount)
            : this(sourceIndex, columnCount, DefaultChunkRows)
        {
        }

        /// <param name="sourceIndex">The source's position in the contract's source list.</param>
        /// <param name="columnCount">How many values each row has (the source's <c>columns</c>).</param>
        /// <param name="chunkRows">Rows per chunk, a power of two (tests use small ones to cross chunk boundaries).</param>
        internal SourceRowStore(int sourceIndex, int columnCount, int chunkRows)
        {
            if (chunkRows < 1 || (chunkRows & (chunkRows - 1)) != 0)
            {
                throw new ArgumentOutOfRangeException(nameof(chunkRows), "The rows per chunk must be a power of two.");
            }

            if (columnCount < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(columnCount));
            }

            SourceIndex = sourceIndex;
            ColumnCount = columnCount;
            ChunkRows = chunkRows;
            _mask = chunkRows - 1;
            while ((1 << _shift) < chunkRows)
            {
                _shift++;
            }
        }

        /// <summary>The source's position in the contract's source list.</summary>
        internal int SourceIndex { get; }

        internal int ColumnCount { get; }

        internal int ChunkRows { get; }

        /// <summary>How many rows are held.</summary>
        internal int Count { get; private set; }

        /// <summary>Row <paramref name="index"/> (0 = the first row held, not the file's line).</summary>
        internal SourceRow this[int index] => (uint)index < (uint)Count ? new SourceRow(this, index) : throw new ArgumentOutOfRangeException(nameof(index));

        /// <summary>
        /// Appends a row, copying <paramref name="values"/> (a scratch array the caller may reuse); returns its number.
        /// A null value is held as blank, as a blank cell reads.
        /// </summary>
        [MethodImpl(Hot.Path)]
        internal int Add(int line, string key, string?[] values)
        {
            if (values.Length != ColumnCount)
            {
                throw new ArgumentException($"A row of this source has {ColumnCount} values, not {values.Length}.", nameof(values));
            }

            var row = Count;
            var chunk = row >> _shift;
            var at = row & _mask;
            if (at == 0)
            {
                AddChunk(chunk);
            }

            var target = _values[chunk];
            var start = at * ColumnCount;
            for (var i = 0; i < values.Length; i++)
            {
                target[start + i] = values[i] ?? string.Empty;
            }

            _lines[chunk][at] = line;
            _keys[chunk][at] = key;
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

            return _values[row >> _shift][((row & _mask) * ColumnCount) + column];
        }

        private void AddChunk(int chunk)
        {
            if (chunk == _values.Length)
            {
                // Only the chunk tables grow by copying, never the rows.
                Array.Resize(ref _values, chunk * 2);
                Array.Resize(ref _lines, chunk * 2);
                Array.Resize(ref _keys, chunk * 2);
            }

            _values[chunk] = new string[ChunkRows * ColumnCount];
            _lines[chunk] = new int[ChunkRows];
            _keys[chunk] = new string[ChunkRows];
        }
    }
}

using System;
using System.Runtime.CompilerServices;

namespace Aether.TitanHst
{
    /// <summary>
    /// A growing array of values kept in fixed-size chunks: appending never copies what is already held (a list of a
    /// million values grown by doubling copies them ~20 times and leaves each old array to the GC), and each chunk
    /// is one object however many values it holds. Only the small directory of chunks is ever copied.
    /// </summary>
    /// <remarks>
    /// Written by one thread while it is built; read after it has been handed over (the target read's worker hands the
    /// table over through its task; a source read is finished before it is shared), so no locking. A chunk let go of
    /// (<see cref="DropChunk"/>) is null: reading a value in it is a bug.
    /// </remarks>
    internal sealed class ChunkedColumn<T>
    {
        private readonly int _shift;
        private readonly int _mask;
        private T[][] _chunks = new T[4][];
        private int _chunkCount;

        internal ChunkedColumn(int chunkShift)
        {
            if (chunkShift < 0 || chunkShift > 24)
            {
                throw new ArgumentOutOfRangeException(nameof(chunkShift));
            }

            _shift = chunkShift;
            _mask = (1 << chunkShift) - 1;
        }

        internal long Count { get; private set; }

        /// <summary>How many values one chunk holds.</summary>
        internal int ChunkSize => _mask + 1;

        internal T this[long index]
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get => _chunks[index >> _shift][index & _mask];
            set => _chunks[index >> _shift][index & _mask] = value;
        }

        /// <summary>The value at <paramref name="index"/> in place: a struct's fields read without copying it.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal ref readonly T At(long index) => ref _chunks[index >> _shift][index & _mask];

        /// <summary>Adds a value at the end and gives its index.</summary>
        internal long Add(T value)
        {
            var index = Count;
            var chunk = (int)(index >> _shift);
            if (chunk == _chunkCount)
            {
                AddChunk();
            }

            _chunks[chunk][index & _mask] = value;
            Count = index + 1;
            return index;
        }

        /// <summary>
        /// Reserves <paramref name="count"/> values next to each other in one chunk (skipping the end of the current
        /// chunk when they do not fit) and gives the first one's index; the caller sets them.
        /// </summary>
        internal long Reserve(int count)
        {
            if (count > ChunkSize)
            {
                throw new ArgumentOutOfRangeException(nameof(count), "More values than one chunk holds.");
            }

            var start = Count;
            if (count == 0)
            {
                return start;
            }

            if ((start & _mask) + count > ChunkSize)
            {
                start = (start | (long)_mask) + 1;
            }

            while ((int)((start + count - 1) >> _shift) >= _chunkCount)
            {
                AddChunk();
            }

            Count = start + count;
            return start;
        }

        /// <summary>The chunk that holds <paramref name="index"/> and where in it, for reading a run of values in place.</summary>
        internal T[] ChunkOf(long index, out int offset)
        {
            offset = (int)(index & _mask);
            return _chunks[index >> _shift];
        }

        /// <summary>Lets go of chunk number <paramref name="chunk"/>, whose values are not read again.</summary>
        internal void DropChunk(long chunk) => _chunks[chunk] = null!;

        /// <summary>Lets go of every chunk: no value is read again.</summary>
        internal void DropAll()
        {
            for (var c = 0; c < _chunks.Length; c++)
            {
                _chunks[c] = null!;
            }
        }

        private void AddChunk()
        {
            if (_chunkCount == _chunks.Length)
            {
                Array.Resize(ref _chunks, _chunks.Length * 2);
            }

            _chunks[_chunkCount++] = new T[ChunkSize];
        }
    }
}

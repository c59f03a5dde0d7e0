using System;
using System.Runtime.CompilerServices;
using System.Threading;

namespace Aether.TitanHst.Canonical
{
    /// <summary>
    /// Letting go of a finished read one extraction owns, as its people are built: the join keys once the rows are
    /// grouped, and a chunk of rows (or of their bytes) once no row in it is held.
    /// </summary>
    internal sealed partial class SourceRowStore
    {
        // Per row chunk and text chunk, how many rows in it someone still holds; null unless the holds are tracked.
        private int[]? _heldRows;
        private int[]? _heldText;

        /// <summary>How many chunks of rows are still held (all of them until holds are tracked and let go of).</summary>
        internal int ChunksHeld
        {
            get
            {
                var held = 0;
                for (var c = 0; c < _cells.Length; c++)
                {
                    held += _cells[c] is null ? 0 : 1;
                }

                return held;
            }
        }

        /// <summary>
        /// Drops the join keys of a read one extraction owns, once its rows are grouped: only the grouping reads a
        /// row's key (the person index keeps each person's), so the keys of the rows of people met in an earlier
        /// source need not be held through the walk. Reading a key after it is a bug.
        /// </summary>
        internal void DropKeys()
        {
            _keys.DropAll();
            _keyHashes.DropAll();
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

            _heldRows = new int[_cells.Length];
            _heldText = new int[Math.Max(_text.Length, 1)];
        }

        /// <summary>Counts one more holder of a row (its person), keeping its chunks.</summary>
        [MethodImpl(Hot.Path)]
        internal void Hold(int row)
        {
            _heldRows![row >> _shift]++;
            var start = _textStarts[row];
            if (start > 0)
            {
                _heldText![(start - 1) >> _textShift]++;
            }
        }

        /// <summary>
        /// Lets go of a row held: once no row of its chunk (or of its bytes' chunk) is held, the chunk is dropped and
        /// reading any of its rows is a bug. Safe from several threads for different rows.
        /// </summary>
        [MethodImpl(Hot.Path)]
        internal void LetGo(int row)
        {
            var chunk = row >> _shift;
            var start = _textStarts[row];
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
                _cells[chunk] = null!;
                _lines.DropChunk(chunk);
                _textStarts.DropChunk(chunk);
            }
        }
    }
}

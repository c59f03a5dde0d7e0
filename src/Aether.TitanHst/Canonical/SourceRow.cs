using System.Runtime.CompilerServices;

namespace Aether.TitanHst.Canonical
{
    /// <summary>
    /// One row of a source export, as a view of its <see cref="SourceRowStore"/>: the columns the contract reads, and
    /// its normalized join key. Made when a row is read (a struct, nothing held), so the rows kept until the last
    /// person is built are a few large arrays rather than an object each. Never changed after the read, so one read
    /// can serve two extractions (<see cref="SharedSourceReads"/>); keep it that way.
    /// </summary>
    internal readonly struct SourceRow
    {
        private readonly SourceRowStore _store;

        internal SourceRow(SourceRowStore store, int index)
        {
            _store = store;
            Index = index;
        }

        /// <summary>The row's number in its store (0 = its first row held), not its line.</summary>
        internal int Index { get; }

        /// <summary>The source's position in the contract's source list.</summary>
        internal int SourceIndex => _store.SourceIndex;

        internal int Line => _store.LineOf(Index);

        internal string Key => _store.KeyOf(Index);

        /// <summary>The rows this one is a view of.</summary>
        internal SourceRowStore Store => _store;

        /// <summary>The value's number among its column's shared strings, or -1 when it is not shared (<see cref="SourceRowStore.SharedEntryOf"/>).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal int SharedEntry(int column) => _store.SharedEntryOf(Index, column);

        /// <summary>How many values the row has (the source's <c>columns</c>).</summary>
        internal int ColumnCount => _store.ColumnCount;

        /// <summary>Whether the value of <paramref name="column"/> is empty or white space only, without making its string.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal bool IsBlank(int column) => _store.IsBlank(Index, column);

        /// <summary>The value of the source's column <paramref name="column"/>, in the order of its <c>columns</c>.</summary>
        internal string this[int column]
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get => _store.ValueOf(Index, column);
        }
    }
}

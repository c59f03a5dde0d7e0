namespace Aether.TitanHst.Canonical
{
    /// <summary>
    /// One row of a source export: the columns the contract reads, and its normalized join key. Never changed after
    /// the read, so one read can serve two extractions (<see cref="SharedSourceReads"/>); keep it that way.
    /// </summary>
    internal sealed class SourceRow
    {
        internal SourceRow(int sourceIndex, int line, string key, string[] values)
        {
            SourceIndex = sourceIndex;
            Line = line;
            Key = key;
            Values = values;
        }

        /// <summary>The source's position in the contract's source list.</summary>
        internal int SourceIndex { get; }

        internal int Line { get; }

        internal string Key { get; }

        /// <summary>Values in the order of the source's <c>columns</c>.</summary>
        internal string[] Values { get; }
    }
}

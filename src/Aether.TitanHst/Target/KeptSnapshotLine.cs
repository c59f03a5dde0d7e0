namespace Aether.TitanHst.Target
{
    /// <summary>One record line of a kept snapshot, as bytes (without the newline), and the record's TitanHST id.</summary>
    internal readonly struct KeptSnapshotLine
    {
        internal KeptSnapshotLine(string id, byte[] buffer, int offset, int count)
        {
            Id = id;
            Buffer = buffer;
            Offset = offset;
            Count = count;
        }

        internal string Id { get; }

        /// <summary>Valid until the next line is read: the reader reuses its buffer.</summary>
        internal byte[] Buffer { get; }

        internal int Offset { get; }

        internal int Count { get; }
    }
}

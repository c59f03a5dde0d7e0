namespace Aether.TitanHst.Target
{
    /// <summary>What a merge did: kept lines copied as they were, records replaced by a newer version, records added.</summary>
    internal readonly struct SnapshotMergeCounts
    {
        internal SnapshotMergeCounts(long copied, long replaced, long added)
        {
            Copied = copied;
            Replaced = replaced;
            Added = added;
        }

        internal long Copied { get; }

        internal long Replaced { get; }

        internal long Added { get; }
    }
}

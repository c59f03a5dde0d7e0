namespace Aether.TitanHst.Target
{
    /// <summary>How a kept target snapshot was made, or how the next one should be.</summary>
    public enum TargetReadMode
    {
        /// <summary>Every page of TitanHST's staff list read again.</summary>
        Full,

        /// <summary>Only records updated since the last read's high-water mark, merged into the kept snapshot.</summary>
        Incremental,
    }
}

namespace Aether.TitanHst.Target
{
    /// <summary>
    /// Which records a snapshot holds. Only a complete snapshot lets the diff conclude that a record missing
    /// from it is missing from TitanHST.
    /// </summary>
    public enum TargetSnapshotScope
    {
        /// <summary>Every record, active and inactive.</summary>
        All,

        /// <summary>Every active record; inactive ones were left out.</summary>
        Active,

        /// <summary>Only records asked for by id or external id.</summary>
        Selection,
    }
}

namespace Aether.TitanHst.Safety
{
    /// <summary>What happens in TitanHST to a managed person who left the sources or the scope.</summary>
    public enum RemovalMode
    {
        /// <summary>The record is deactivated (the default: reversible, keeps history).</summary>
        Deactivate,

        /// <summary>The record is deleted. Only when the contract says so.</summary>
        Delete,
    }
}

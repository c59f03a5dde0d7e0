namespace Aether.TitanHst.Normalization
{
    /// <summary>A table that turns source codes into TitanHST codes (a contract's mapping table).</summary>
    public interface ICodeTable
    {
        /// <summary>The table's name in the contract.</summary>
        string Name { get; }

        /// <summary>What happens to a code the table does not list.</summary>
        UnmappedPolicy Unmapped { get; }

        /// <summary>Looks a code up after the table's own key normalization.</summary>
        bool TryMap(string code, out string value);
    }
}

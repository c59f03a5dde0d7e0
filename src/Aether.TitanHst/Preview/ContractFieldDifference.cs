namespace Aether.TitanHst.Preview
{
    /// <summary>One canonical field whose value differs between the two contracts for one person.</summary>
    public sealed class ContractFieldDifference
    {
        public ContractFieldDifference(string field, string? reference, string? difference)
        {
            Field = field;
            Reference = reference;
            Difference = difference;
        }

        public string Field { get; }

        /// <summary>The value under the reference (old) contract; null when blank or not defined there.</summary>
        public string? Reference { get; }

        /// <summary>The value under the difference (new) contract.</summary>
        public string? Difference { get; }

        public override string ToString() => $"{Field}: {Show(Reference)} → {Show(Difference)}";

        private static string Show(string? value) => value is null ? "(blank)" : "'" + value + "'";
    }
}

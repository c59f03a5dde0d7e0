using System;

namespace Aether.TitanHst.Diff
{
    /// <summary>What every change of one diff shares: the run and the contract it was computed with.</summary>
    public sealed class DiffIdentity
    {
        public DiffIdentity(string diffId, DateTimeOffset computedAt, string contractId, string contractVersion, string contractHash)
        {
            DiffId = diffId;
            ComputedAt = computedAt;
            ContractId = contractId;
            ContractVersion = contractVersion;
            ContractHash = contractHash;
        }

        public string DiffId { get; }

        public DateTimeOffset ComputedAt { get; }

        public string ContractId { get; }

        public string ContractVersion { get; }

        public string ContractHash { get; }
    }
}

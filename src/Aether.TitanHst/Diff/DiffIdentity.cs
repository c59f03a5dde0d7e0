using System;
using System.Collections.Generic;

namespace Aether.TitanHst.Diff
{
    /// <summary>What every change of one diff shares: the run and the contract it was computed with.</summary>
    public sealed class DiffIdentity
    {
        public DiffIdentity(string diffId, DateTimeOffset computedAt, string contractId, string contractVersion, string contractHash,
            IReadOnlyList<SourceFileHash>? sourceFiles = null, string? target = null)
        {
            SourceFiles = sourceFiles ?? Array.Empty<SourceFileHash>();
            Target = target ?? string.Empty;
            DiffId = diffId;
            ComputedAt = computedAt;
            ContractId = contractId;
            ContractVersion = contractVersion;
            ContractHash = contractHash;
        }

        /// <summary>A new identity for a diff computed now with <paramref name="contract"/>.</summary>
        public static DiffIdentity New(Contract.MappingContract contract, IReadOnlyList<SourceFileHash>? sourceFiles = null, string? target = null) =>
            new(Guid.NewGuid().ToString("N").Substring(0, 12), DateTimeOffset.UtcNow, contract.Id, contract.Version, contract.Hash, sourceFiles, target);

        public string DiffId { get; }

        public DateTimeOffset ComputedAt { get; }

        public string ContractId { get; }

        public string ContractVersion { get; }

        public string ContractHash { get; }

        /// <summary>The source exports the diff read, with their hashes, so a plan can prove what it was computed from.</summary>
        public IReadOnlyList<SourceFileHash> SourceFiles { get; }

        /// <summary>Where the TitanHST side came from: a base URI or a snapshot file.</summary>
        public string Target { get; }
    }
}

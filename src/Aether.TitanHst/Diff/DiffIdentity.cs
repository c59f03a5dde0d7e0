using System;
using System.Collections.Generic;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Target;

namespace Aether.TitanHst.Diff
{
    /// <summary>What every change of one diff shares: the run, the contract it was computed with, and the TitanHST it was computed against.</summary>
    public sealed class DiffIdentity
    {
        public DiffIdentity(string diffId, DateTimeOffset computedAt, string contractId, string contractVersion, string contractHash,
            IReadOnlyList<SourceFileHash>? sourceFiles = null, string? target = null, TargetIdentity? targetIdentity = null, string? contractPath = null, int? managedActive = null)
        {
            SourceFiles = sourceFiles ?? Array.Empty<SourceFileHash>();
            Target = target ?? string.Empty;
            DiffId = diffId;
            ComputedAt = computedAt;
            ContractId = contractId;
            ContractVersion = contractVersion;
            ContractHash = contractHash;
            TargetIdentity = targetIdentity;
            ContractPath = contractPath;
            ManagedActive = managedActive;
        }

        /// <summary>A new identity for a diff computed now with <paramref name="contract"/>.</summary>
        public static DiffIdentity New(MappingContract contract, IReadOnlyList<SourceFileHash>? sourceFiles = null, string? target = null, TargetIdentity? targetIdentity = null) =>
            new(Guid.NewGuid().ToString("N").Substring(0, 12), DateTimeOffset.UtcNow, contract.Id, contract.Version, contract.Hash, sourceFiles, target, targetIdentity, contract.Path)
            {
                Contract = contract,
            };

        public string DiffId { get; }

        public DateTimeOffset ComputedAt { get; }

        public string ContractId { get; }

        public string ContractVersion { get; }

        public string ContractHash { get; }

        /// <summary>The contract file the diff read; apply loads it from there when not given one (and checks its hash).</summary>
        public string? ContractPath { get; }

        /// <summary>The source exports the diff read, with their hashes, so a plan can prove what it was computed from.</summary>
        public IReadOnlyList<SourceFileHash> SourceFiles { get; private set; }

        /// <summary>
        /// Records the exports' hashes once the extract has read them (<see cref="Canonical.StaffExtractor.SourceHashes"/>):
        /// the hashes are then of exactly the bytes the changes came from, and each export is read once, not hashed
        /// first and read again. Only an identity created without source files can be given them.
        /// </summary>
        public void RecordSourceFiles(IReadOnlyList<SourceFileHash> sourceFiles)
        {
            if (SourceFiles.Count > 0)
            {
                throw new InvalidOperationException("The diff's source files are already recorded.");
            }

            SourceFiles = sourceFiles ?? throw new ArgumentNullException(nameof(sourceFiles));
        }

        /// <summary>Where the TitanHST side came from: a base URI or a snapshot file.</summary>
        public string Target { get; }

        /// <summary>The TitanHST (normalized base URI and instance id) the diff read; apply writes only there. Null when unknown.</summary>
        public TargetIdentity? TargetIdentity { get; }

        /// <summary>The managed active TitanHST records the diff saw: the baseline of the percentage thresholds.</summary>
        public int? ManagedActive { get; internal set; }

        /// <summary>The contract object itself, for changes that never left this process (not saved in a plan).</summary>
        internal MappingContract? Contract { get; set; }
    }
}

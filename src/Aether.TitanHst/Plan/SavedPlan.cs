using System;
using System.Collections.Generic;
using Aether.TitanHst.Diff;

namespace Aether.TitanHst.Plan
{
    /// <summary>A reviewed set of changes on disk, with what it was computed from and its own hash.</summary>
    public sealed class SavedPlan
    {
        internal SavedPlan(string path, string hash, string planId, DateTimeOffset createdAt, string @operator, DiffIdentity identity, IReadOnlyList<StaffChange> changes)
        {
            Path = path;
            Hash = hash;
            PlanId = planId;
            CreatedAt = createdAt;
            Operator = @operator;
            Identity = identity;
            Changes = changes;
        }

        public string Path { get; }

        /// <summary>"sha256:…" of the plan's content; the audit log records it with every action applied from the plan.</summary>
        public string Hash { get; }

        public string PlanId { get; }

        public DateTimeOffset CreatedAt { get; }

        /// <summary>Who exported it: user and machine.</summary>
        public string Operator { get; }

        public string DiffId => Identity.DiffId;

        public string ContractId => Identity.ContractId;

        public string ContractVersion => Identity.ContractVersion;

        public string ContractHash => Identity.ContractHash;

        public int ChangeCount => Changes.Count;

        public DiffIdentity Identity { get; }

        public IReadOnlyList<StaffChange> Changes { get; }

        public override string ToString() => $"{PlanId} ({Changes.Count} changes, {ContractId} {ContractVersion})";
    }
}

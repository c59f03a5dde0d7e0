using System;
using System.Collections.Generic;

namespace Aether.TitanHst.Plan
{
    // The saved plan file as written: { "hash": "sha256:…", "keyId": "…", "mac": "…", "plan": { …PlanContent… } }.
    // The hash and the MAC (HMAC-SHA256 under the installation key's "plan" key) cover the exact text of the "plan"
    // value, so any edit to it, even of white space, is detected, and re-hashing it does not help.

    internal sealed class PlanFileDocument
    {
        public string? Hash { get; set; }

        public PlanContentDocument? Plan { get; set; }
    }

    internal sealed class PlanContentDocument
    {
        public string Kind { get; set; } = PlanFormat.Kind;

        public int Format { get; set; } = PlanFormat.Current;

        public string PlanId { get; set; } = string.Empty;

        public DateTimeOffset CreatedAt { get; set; }

        public string Operator { get; set; } = string.Empty;

        public string DiffId { get; set; } = string.Empty;

        public DateTimeOffset ComputedAt { get; set; }

        public PlanContractDocument Contract { get; set; } = new();

        public List<PlanSourceDocument> SourceFiles { get; set; } = new();

        public string Target { get; set; } = string.Empty;

        /// <summary>The normalized base URI of the TitanHST the diff read (TargetIdentity); apply writes only there.</summary>
        public string? TargetBaseUri { get; set; }

        /// <summary>That TitanHST's instance id (GET /api/v1/schema).</summary>
        public string? TargetInstanceId { get; set; }

        /// <summary>The managed active records the diff saw: the baseline of the contract's percentage thresholds.</summary>
        public int? ManagedActive { get; set; }

        public List<PlanChangeDocument> Changes { get; set; } = new();
    }

    internal sealed class PlanContractDocument
    {
        public string Id { get; set; } = string.Empty;

        public string Version { get; set; } = string.Empty;

        public string Hash { get; set; } = string.Empty;

        /// <summary>Where the contract file was; apply loads it from there when not given one, and checks the hash.</summary>
        public string? Path { get; set; }
    }

    internal sealed class PlanSourceDocument
    {
        public string Source { get; set; } = string.Empty;

        public string Path { get; set; } = string.Empty;

        public string Hash { get; set; } = string.Empty;
    }

    internal sealed class PlanChangeDocument
    {
        public string Action { get; set; } = string.Empty;

        public string ExternalId { get; set; } = string.Empty;

        public string? TargetId { get; set; }

        public string? ETag { get; set; }

        public string? DisplayName { get; set; }

        public string? Site { get; set; }

        public string? Role { get; set; }

        public string Risk { get; set; } = string.Empty;

        public bool Blocked { get; set; }

        public bool HeldBack { get; set; }

        public string? BlockReason { get; set; }

        public List<PlanFieldChangeDocument> FieldChanges { get; set; } = new();

        public Dictionary<string, string?> Desired { get; set; } = new();

        public string Explanation { get; set; } = string.Empty;

        public List<PlanSourceRowDocument> Sources { get; set; } = new();
    }

    internal sealed class PlanFieldChangeDocument
    {
        public string Field { get; set; } = string.Empty;

        public string? Old { get; set; }

        public string? New { get; set; }

        /// <summary>The change in words for reviewers (assignments); never read as a value to write.</summary>
        [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
        public string? Description { get; set; }
    }

    internal sealed class PlanSourceRowDocument
    {
        public string Source { get; set; } = string.Empty;

        public string File { get; set; } = string.Empty;

        public int Line { get; set; }
    }

    internal static class PlanFormat
    {
        internal const string Kind = "titanhst-plan";
        // 2: authenticated (keyId and mac), bound to its target, with the threshold baseline and contract path.
        internal const int Current = 2;

        /// <summary>The installation key purpose that plan MACs are made under.</summary>
        internal const string MacPurpose = "plan";
    }
}

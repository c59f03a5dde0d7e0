using System;
using System.Collections.Generic;

namespace Aether.TitanHst.Plan
{
    // The saved plan file as written: { "hash": "sha256:…", "plan": { …PlanContent… } }. The hash covers the exact
    // text of the "plan" value, so any edit to it, even of white space, is detected. docs/plans.md describes it.

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

        public List<PlanChangeDocument> Changes { get; set; } = new();
    }

    internal sealed class PlanContractDocument
    {
        public string Id { get; set; } = string.Empty;

        public string Version { get; set; } = string.Empty;

        public string Hash { get; set; } = string.Empty;
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
        internal const int Current = 1;
    }
}

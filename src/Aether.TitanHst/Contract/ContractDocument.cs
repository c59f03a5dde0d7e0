using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Aether.TitanHst.Contract
{
    // The contract file as written, before validation. Property names are the JSON names (camelCase);
    // docs/mapping-contract.md and module/Aether.TitanHst/schemas/mapping-contract.schema.json describe them.

    internal sealed class ContractDocument
    {
        [JsonPropertyName("$schema")]
        public string? Schema { get; set; }

        public int? ContractFormat { get; set; }

        public string? Id { get; set; }

        public string? Version { get; set; }

        public string? Description { get; set; }

        public string? TitanHstSchemaVersion { get; set; }

        public Dictionary<string, SourceDocument>? Sources { get; set; }

        public JoinDocument? Join { get; set; }

        public string? MatchKeyField { get; set; }

        public ScopeDocument? Scope { get; set; }

        public Dictionary<string, FieldDocument>? Fields { get; set; }

        public Dictionary<string, MappingTableDocument>? MappingTables { get; set; }

        public List<string>? OwnedFields { get; set; }

        public ReviewDocument? Review { get; set; }

        public List<ConflictRuleDocument>? Conflicts { get; set; }

        public ScopeDocument? TargetScope { get; set; }

        public SafetyDocument? Safety { get; set; }

        public AuditDocument? Audit { get; set; }

        public InputSafetyDocument? InputSafety { get; set; }
    }

    internal sealed class InputSafetyDocument
    {
        public string? Description { get; set; }

        public string? UnsafeCharacters { get; set; }

        public bool? AllowFormulaKeys { get; set; }

        public bool? AllowPathsOutsideContractFolder { get; set; }
    }

    internal sealed class AuditDocument
    {
        public string? Description { get; set; }

        public int? RetentionDays { get; set; }

        public Dictionary<string, string>? Fields { get; set; }

        public string? Anchor { get; set; }
    }

    internal sealed class ReviewDocument
    {
        public List<string>? DisplayName { get; set; }

        public string? RoleField { get; set; }

        public string? SiteField { get; set; }
    }

    internal sealed class ConflictRuleDocument
    {
        public string? Name { get; set; }

        public string? Description { get; set; }

        public List<ScopeConditionDocument>? When { get; set; }
    }

    internal sealed class SafetyDocument
    {
        public string? Description { get; set; }

        public string? Removal { get; set; }

        public bool? AdditionsOnly { get; set; }

        public Dictionary<string, ThresholdDocument>? Thresholds { get; set; }

        public ApprovalsDocument? Approvals { get; set; }
    }

    internal sealed class ApprovalsDocument
    {
        public string? Description { get; set; }

        public int? Required { get; set; }

        public bool? DistinctFromAuthor { get; set; }

        public bool? OnlyWhenRisky { get; set; }

        public List<string>? TrustedSigners { get; set; }
    }

    internal sealed class ThresholdDocument
    {
        public int? MaxCount { get; set; }

        public double? MaxPercent { get; set; }
    }

    internal sealed class SourceDocument
    {
        public string? Description { get; set; }

        public string? Path { get; set; }

        public string? Encoding { get; set; }

        public string? Delimiter { get; set; }

        public List<string>? Columns { get; set; }

        /// <summary>"onePerPerson" (default) or "onePerPosition".</summary>
        public string? Rows { get; set; }

        public string? PositionKey { get; set; }

        /// <summary>True when the export may hold a header and no rows (default false: such an export is refused).</summary>
        public bool? AllowEmpty { get; set; }
    }

    internal sealed class JoinDocument
    {
        public Dictionary<string, string>? Keys { get; set; }

        public List<JsonElement>? Normalize { get; set; }

        public Dictionary<string, string>? OnlyIn { get; set; }

        public string? BlankKey { get; set; }
    }

    internal sealed class ScopeDocument
    {
        public string? Description { get; set; }

        public List<ScopeConditionDocument>? Include { get; set; }
    }

    internal sealed class ScopeConditionDocument
    {
        public string? Field { get; set; }

        public List<string>? In { get; set; }

        public List<string>? NotIn { get; set; }

        public bool? Blank { get; set; }
    }

    internal sealed class FieldDocument
    {
        public string? Description { get; set; }

        public List<CandidateDocument>? From { get; set; }

        public List<JsonElement>? Normalize { get; set; }

        public bool? Required { get; set; }

        public string? Invalid { get; set; }

        public bool? Pii { get; set; }

        public bool? Reportable { get; set; }

        /// <summary>No two active TitanHST records may hold one value (an e-mail, a login); see Diff/UniqueValueCheck.</summary>
        public bool? Unique { get; set; }

        public PositionsDocument? Positions { get; set; }

        /// <summary>"site" or "role": the field mirrors the primary assignment of the contract's positions field.</summary>
        public string? FromAssignments { get; set; }
    }

    internal sealed class PositionsDocument
    {
        public List<PositionSourceDocument>? From { get; set; }

        public List<PrimaryStepDocument>? Primary { get; set; }
    }

    internal sealed class PositionSourceDocument
    {
        public string? Source { get; set; }

        public PositionColumnDocument? Site { get; set; }

        public PositionColumnDocument? Role { get; set; }

        public PositionColumnDocument? Fte { get; set; }

        public PositionColumnDocument? PrimaryFlag { get; set; }

        public PositionColumnDocument? Start { get; set; }

        public PositionColumnDocument? End { get; set; }

        public PositionColumnDocument? Status { get; set; }
    }

    internal sealed class PositionColumnDocument
    {
        public string? Column { get; set; }

        public List<JsonElement>? Normalize { get; set; }

        /// <summary>For primaryFlag: the values meaning primary; for status: the values of a current position.</summary>
        public List<string>? Values { get; set; }
    }

    internal sealed class PrimaryStepDocument
    {
        public string? Flag { get; set; }

        public string? Highest { get; set; }

        public string? Earliest { get; set; }

        public string? Lowest { get; set; }
    }

    internal sealed class CandidateDocument
    {
        public string? Source { get; set; }

        public string? Column { get; set; }

        public List<JsonElement>? Normalize { get; set; }
    }

    internal sealed class MappingTableDocument
    {
        public string? Description { get; set; }

        public string? Path { get; set; }

        public string? Encoding { get; set; }

        public string? Delimiter { get; set; }

        public string? KeyColumn { get; set; }

        public string? ValueColumn { get; set; }

        public List<JsonElement>? KeyNormalize { get; set; }

        public JsonElement? Unmapped { get; set; }

        public string? Reference { get; set; }
    }
}

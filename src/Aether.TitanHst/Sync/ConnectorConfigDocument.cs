using System.Text.Json.Serialization;

namespace Aether.TitanHst.Sync
{
    // The connector's configuration file as written (JSON with comments). docs/scheduling.md describes it.
    // It never holds a secret: unknown properties, such as a "clientSecret", are refused.

    internal sealed class ConnectorConfigDocument
    {
        [JsonPropertyName("$schema")]
        public string? Schema { get; set; }

        public int? ConfigFormat { get; set; }

        public string? Version { get; set; }

        public string? Description { get; set; }

        public string? Contract { get; set; }

        public TitanHstSectionDocument? TitanHst { get; set; }

        public ApplySectionDocument? Apply { get; set; }

        public AuditSectionDocument? Audit { get; set; }

        public FolderSectionDocument? Runs { get; set; }

        public FolderSectionDocument? Reports { get; set; }

        public ValidationSectionDocument? Validation { get; set; }
    }

    internal sealed class TitanHstSectionDocument
    {
        public string? BaseUri { get; set; }

        public string? TokenUri { get; set; }

        public string? ClientId { get; set; }

        public string? WriteClientId { get; set; }

        public string? SecretName { get; set; }

        public string? WriteSecretName { get; set; }

        public bool? ReadOnly { get; set; }

        public double? RequestsPerSecond { get; set; }

        public string? ExpectedSchemaVersion { get; set; }
    }

    internal sealed class ApplySectionDocument
    {
        public int? ThrottleLimit { get; set; }

        public bool? AllowDelete { get; set; }

        public bool? AllowRoleChange { get; set; }
    }

    internal sealed class FolderSectionDocument
    {
        public string? Folder { get; set; }
    }

    internal sealed class AuditSectionDocument
    {
        public string? Folder { get; set; }

        public string? Anchor { get; set; }
    }

    internal sealed class ValidationSectionDocument
    {
        public int? SampleSize { get; set; }
    }
}

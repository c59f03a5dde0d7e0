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

        public NotifySectionDocument? Notify { get; set; }

        public TargetReadsSectionDocument? TargetReads { get; set; }
    }

    internal sealed class NotifySectionDocument
    {
        public string[]? On { get; set; }

        public EmailSectionDocument? Email { get; set; }

        public WebhookSectionDocument? Webhook { get; set; }
    }

    internal sealed class EmailSectionDocument
    {
        public string? SmtpHost { get; set; }

        public int? SmtpPort { get; set; }

        /// <summary>"starttls" (the default) or "none" (a server on this machine only).</summary>
        public string? Security { get; set; }

        public string? From { get; set; }

        public string[]? To { get; set; }

        public string? UserName { get; set; }

        /// <summary>A secret reference, "env:NAME" or "secret:NAME"; never the password itself.</summary>
        public string? Password { get; set; }

        public bool? AttachReport { get; set; }
    }

    internal sealed class WebhookSectionDocument
    {
        /// <summary>A secret reference, "env:NAME" or "secret:NAME": a webhook URL carries its own token.</summary>
        public string? Url { get; set; }
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

    /// <summary>targetReads: { mode, fullReadEvery, maxSnapshotAge, overlap, snapshotFolder } (docs/target-reads.md).</summary>
    internal sealed class TargetReadsSectionDocument
    {
        /// <summary>"full" (default) or "incremental".</summary>
        public string? Mode { get; set; }

        /// <summary>A TimeSpan, d.hh:mm:ss, e.g. "7.00:00:00".</summary>
        public string? FullReadEvery { get; set; }

        public string? MaxSnapshotAge { get; set; }

        public string? Overlap { get; set; }

        public string? SnapshotFolder { get; set; }
    }
}

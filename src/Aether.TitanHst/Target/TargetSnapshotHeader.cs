using System;

namespace Aether.TitanHst.Target
{
    /// <summary>The first line of a target snapshot: what it is, when and where it was taken, and what it covers.</summary>
    public sealed class TargetSnapshotHeader
    {
        /// <summary>The <c>kind</c> of the header line; anything else is not a snapshot.</summary>
        public const string Kind = "titanhst-target-snapshot";

        /// <summary>The format this code writes and reads; a reader refuses newer formats rather than guess.</summary>
        public const int CurrentFormat = 1;

        public TargetSnapshotHeader(DateTimeOffset takenAt, string baseUri, TargetSnapshotScope scope, string? apiVersion = null, string? schemaVersion = null, int format = CurrentFormat)
        {
            TakenAt = takenAt;
            BaseUri = baseUri;
            Scope = scope;
            ApiVersion = apiVersion;
            SchemaVersion = schemaVersion;
            Format = format;
        }

        public int Format { get; }

        /// <summary>When the first page was requested; records changed after it may show later values.</summary>
        public DateTimeOffset TakenAt { get; }

        /// <summary>The TitanHST instance the records came from (no credentials).</summary>
        public string BaseUri { get; }

        public TargetSnapshotScope Scope { get; }

        public string? ApiVersion { get; }

        public string? SchemaVersion { get; }

        /// <summary>The TitanHST instance id (GET /api/v1/schema) the records came from; null in older snapshots.</summary>
        public string? InstanceId { get; init; }
    }
}

namespace Aether.TitanHst.Target
{
    /// <summary>Member names of the snapshot file, shared by writer and reader. Our format, not TitanHST's.</summary>
    internal static class SnapshotNames
    {
        internal const string Kind = "kind";
        internal const string EndKind = "end";
        internal const string Format = "format";
        internal const string TakenAt = "takenAt";
        internal const string BaseUri = "baseUri";
        internal const string Scope = "scope";
        internal const string ApiVersion = "apiVersion";
        internal const string SchemaVersion = "schemaVersion";
        internal const string InstanceId = "instanceId";
        internal const string Count = "count";
        internal const string Id = "id";
        internal const string ExternalId = "externalId";
        internal const string Active = "active";
        internal const string Version = "version";
        internal const string ETag = "etag";
        internal const string CreatedAt = "createdAt";
        internal const string UpdatedAt = "updatedAt";
        internal const string Fields = "fields";
    }
}

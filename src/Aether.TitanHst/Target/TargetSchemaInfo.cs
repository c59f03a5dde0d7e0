using System.Collections.Generic;

namespace Aether.TitanHst.Target
{
    /// <summary>
    /// What TitanHST says about its own staff schema. The connector compares <see cref="SchemaVersion"/> and the
    /// field list with what its contract was written for and stops before writing when they differ.
    /// </summary>
    public sealed class TargetSchemaInfo
    {
        public TargetSchemaInfo(string apiVersion, string schemaVersion, IReadOnlyList<TargetFieldInfo> fields, string? instanceId = null)
        {
            InstanceId = instanceId;
            ApiVersion = apiVersion;
            SchemaVersion = schemaVersion;
            Fields = fields;
        }

        public string ApiVersion { get; }

        public string SchemaVersion { get; }

        /// <summary>The vendor tenant/instance behind the base URI (docs §9); null when the API does not say.</summary>
        public string? InstanceId { get; }

        /// <summary>Every member of the staff record, metadata included, in the API's order.</summary>
        public IReadOnlyList<TargetFieldInfo> Fields { get; }

        public override string ToString() => $"API {ApiVersion}, schema {SchemaVersion}";
    }
}

using System.Collections.Generic;

namespace Aether.TitanHst.Target
{
    /// <summary>A staff record to create: the match key, whether it starts active, and its fields by TitanHST name.</summary>
    public sealed class TargetStaffDraft
    {
        public TargetStaffDraft(string? externalId, IReadOnlyDictionary<string, string?> fields, bool active = true)
        {
            ExternalId = externalId;
            Fields = fields;
            Active = active;
        }

        public string? ExternalId { get; }

        public bool Active { get; }

        /// <summary>Writable fields by TitanHST name; a null value is sent as JSON null.</summary>
        public IReadOnlyDictionary<string, string?> Fields { get; }
    }
}

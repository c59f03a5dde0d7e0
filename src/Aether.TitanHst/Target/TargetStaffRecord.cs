using System;
using System.Collections.Generic;

namespace Aether.TitanHst.Target
{
    /// <summary>
    /// One staff record as TitanHST holds it: identity and concurrency metadata, plus every staff field by its
    /// TitanHST name. The diff compares canonical records with these; only the client knows the wire shape.
    /// </summary>
    /// <remarks>
    /// Field values are text: JSON strings as sent, null as null, and any other JSON value (a number or boolean a
    /// future API version may add) as its raw JSON text, so nothing the vendor returns is lost or reinterpreted.
    /// </remarks>
    public sealed class TargetStaffRecord
    {
        private static readonly IReadOnlyDictionary<string, string?> NoFields = new Dictionary<string, string?>(0);

        public TargetStaffRecord(
            string id,
            string? externalId,
            bool active,
            string etag,
            int version,
            DateTimeOffset? createdAt,
            DateTimeOffset updatedAt,
            IReadOnlyDictionary<string, string?>? fields)
        {
            if (string.IsNullOrEmpty(id))
            {
                throw new ArgumentException("A TitanHST id is required.", nameof(id));
            }

            Id = id;
            ExternalId = externalId;
            Active = active;
            ETag = etag ?? throw new ArgumentNullException(nameof(etag));
            Version = version;
            CreatedAt = createdAt;
            UpdatedAt = updatedAt;
            Fields = fields ?? NoFields;
        }

        /// <summary>TitanHST's own id; opaque beyond equality and list order.</summary>
        public string Id { get; }

        /// <summary>The connector's match key; null for records TitanHST admins created by hand.</summary>
        public string? ExternalId { get; }

        public bool Active { get; }

        /// <summary>The entity tag exactly as the API gave it (quotes included), sent back as If-Match.</summary>
        public string ETag { get; }

        public int Version { get; }

        /// <summary>When TitanHST created the record; null when the source (an older snapshot) did not say.</summary>
        public DateTimeOffset? CreatedAt { get; }

        public DateTimeOffset UpdatedAt { get; }

        /// <summary>The staff fields by TitanHST name (firstName, email, ...), metadata excluded.</summary>
        public IReadOnlyDictionary<string, string?> Fields { get; }

        /// <summary>The value of a field, or null when blank or absent.</summary>
        public string? this[string field] => Fields.TryGetValue(field, out var value) ? value : null;

        public override string ToString() => ExternalId is null ? Id : $"{Id} ({ExternalId})";
    }
}

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

        private readonly IReadOnlyDictionary<string, string?> _fields;
        private readonly TargetFieldLayout? _layout;
        private readonly string?[]? _values;

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
            _fields = fields ?? NoFields;
        }

        /// <summary>A record read from a snapshot: its fields by position in a layout shared with other records.</summary>
        internal TargetStaffRecord(
            string id,
            string? externalId,
            bool active,
            string etag,
            int version,
            DateTimeOffset? createdAt,
            DateTimeOffset updatedAt,
            TargetFieldLayout layout,
            string?[] values)
            : this(id, externalId, active, etag, version, createdAt, updatedAt, null)
        {
            _layout = layout;
            _values = values;
        }

        /// <summary>The shared layout of a record read from a snapshot or made from a table's row; null for one with its own dictionary.</summary>
        internal TargetFieldLayout? Layout => _layout;

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
        /// <remarks>A record read from a snapshot makes this view when asked; the diff reads fields through the indexer.</remarks>
        public IReadOnlyDictionary<string, string?> Fields => _layout is null ? _fields : new TargetFieldView(_layout, _values!);

        /// <summary>The value of a field, or null when blank or absent.</summary>
        public string? this[string field]
        {
            get
            {
                if (_layout is null)
                {
                    return _fields.TryGetValue(field, out var value) ? value : null;
                }

                return _layout.TryGetPosition(field, out var position) ? _values![position] : null;
            }
        }

        public override string ToString() => ExternalId is null ? Id : $"{Id} ({ExternalId})";
    }
}

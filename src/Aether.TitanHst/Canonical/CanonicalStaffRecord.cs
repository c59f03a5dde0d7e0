using System;
using System.Collections.Generic;
using System.Linq;

namespace Aether.TitanHst.Canonical
{
    /// <summary>
    /// One in-scope person after join and normalization: the match key, every contract field's value, and the
    /// source rows it was built from.
    /// </summary>
    /// <remarks>Values are canonical text (dates as yyyy-MM-dd, codes already mapped); null means blank.</remarks>
    public sealed class CanonicalStaffRecord
    {
        private readonly FieldSchema _schema;
        private readonly string?[] _values;

        public CanonicalStaffRecord(string externalId, FieldSchema schema, string?[] values, IReadOnlyList<SourceRowReference> provenance)
        {
            if (values.Length != schema.Count)
            {
                throw new ArgumentException("One value per schema field is expected.", nameof(values));
            }

            ExternalId = externalId;
            _schema = schema;
            _values = values;
            Provenance = provenance;
        }

        /// <summary>The match key: the normalized join key, written to TitanHST's match key field.</summary>
        public string ExternalId { get; }

        public FieldSchema Schema => _schema;

        public IReadOnlyList<SourceRowReference> Provenance { get; }

        private IReadOnlyDictionary<string, IReadOnlyList<SourceRowReference>>? _assignmentSources;

        /// <summary>Per assignment (SITE/ROLE), the source rows it was built from; null when the contract has no positions.</summary>
        public IReadOnlyDictionary<string, IReadOnlyList<SourceRowReference>>? AssignmentSources => _assignmentSources ??= AssignmentRows?.ToDictionary();

        /// <summary>What <see cref="AssignmentSources"/> is made from, on first read; null when the contract has no positions.</summary>
        internal AssignmentRows? AssignmentRows { get; set; }

        /// <summary>The value of a field, or null when blank or not defined.</summary>
        public string? this[string field] => _schema.TryGetOrdinal(field, out var i) ? _values[i] : null;

        /// <summary>The value at a schema ordinal (no name lookup), for callers walking the schema's names in order.</summary>
        internal string? ValueAt(int ordinal) => _values[ordinal];

        /// <summary>The fields as name/value pairs, in contract order.</summary>
        public IEnumerable<KeyValuePair<string, string?>> Fields => _schema.Names.Select((name, i) => new KeyValuePair<string, string?>(name, _values[i]));

        public override string ToString() => $"{ExternalId} ({string.Join(", ", Provenance)})";
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;

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

        /// <summary>A copy of the values by schema ordinal, for a record that differs from this one in a few fields.</summary>
        internal string?[] CopyValues() => (string?[])_values.Clone();

        /// <summary>The fields as name/value pairs, in contract order.</summary>
        public IEnumerable<KeyValuePair<string, string?>> Fields => _schema.Names.Select((name, i) => new KeyValuePair<string, string?>(name, _values[i]));

        /// <summary>
        /// True when <paramref name="other"/> holds exactly what this record holds: the key, the field names in order,
        /// every value, and the rows the record and each assignment came from (by source name, file and line). Such
        /// records are interchangeable for every reader, so a contract preview keeps one of the two.
        /// </summary>
        [MethodImpl(Hot.Path)]
        internal bool SameContent(CanonicalStaffRecord other)
        {
            if (ReferenceEquals(this, other))
            {
                return true;
            }

            if (!string.Equals(ExternalId, other.ExternalId, StringComparison.Ordinal) || !_schema.SameNames(other._schema))
            {
                return false;
            }

            for (var i = 0; i < _values.Length; i++)
            {
                if (!string.Equals(_values[i], other._values[i], StringComparison.Ordinal))
                {
                    return false;
                }
            }

            // Provenance is always the extractor's compact rows; anything else is not compared, so not shared.
            if (Provenance is not SourceRowReferences rows || other.Provenance is not SourceRowReferences otherRows || !rows.SameRows(otherRows))
            {
                return false;
            }

            return AssignmentRows is null ? other.AssignmentRows is null : other.AssignmentRows is { } otherAssignments && AssignmentRows.SameSlotRows(otherAssignments);
        }

        public override string ToString() => $"{ExternalId} ({string.Join(", ", Provenance)})";
    }
}

using System;
using System.Collections.Generic;

namespace Aether.TitanHst.Target
{
    /// <summary>
    /// A partial update: only the fields named here change; a null value clears the field. The match key is
    /// changed only when <see cref="SetExternalId"/> was called, since null is a meaningful value for it.
    /// </summary>
    public sealed class TargetStaffChanges
    {
        private readonly Dictionary<string, string?> _fields = new(StringComparer.Ordinal);

        public TargetStaffChanges()
        {
        }

        public TargetStaffChanges(IEnumerable<KeyValuePair<string, string?>> fields)
        {
            foreach (var pair in fields)
            {
                _fields[pair.Key] = pair.Value;
            }
        }

        public IReadOnlyDictionary<string, string?> Fields => _fields;

        public bool ChangesExternalId { get; private set; }

        public string? ExternalId { get; private set; }

        public bool IsEmpty => _fields.Count == 0 && !ChangesExternalId;

        public TargetStaffChanges Set(string field, string? value)
        {
            _fields[field] = value;
            return this;
        }

        public TargetStaffChanges SetExternalId(string? externalId)
        {
            ChangesExternalId = true;
            ExternalId = externalId;
            return this;
        }
    }
}

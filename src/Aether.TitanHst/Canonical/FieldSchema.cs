using System;
using System.Collections.Generic;
using System.Linq;

namespace Aether.TitanHst.Canonical
{
    /// <summary>The ordered field names shared by every record of one extraction, so records stay small.</summary>
    public sealed class FieldSchema
    {
        private readonly Dictionary<string, int> _ordinals;

        public FieldSchema(IEnumerable<string> names)
        {
            Names = names.ToList();
            _ordinals = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < Names.Count; i++)
            {
                _ordinals.Add(Names[i], i);
            }
        }

        public IReadOnlyList<string> Names { get; }

        public int Count => Names.Count;

        public bool TryGetOrdinal(string name, out int ordinal) => _ordinals.TryGetValue(name, out ordinal);
    }
}

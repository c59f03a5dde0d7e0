using System;
using System.Collections.Generic;
using System.Linq;

namespace Aether.TitanHst.Canonical
{
    /// <summary>The ordered field names shared by every record of one extraction, so records stay small.</summary>
    public sealed class FieldSchema
    {
        private readonly Dictionary<string, int> _ordinals;

        // The last other schema compared and the answer: a contract preview compares its two extractions' schemas once
        // per person, always the same pair. One object, so a reader on another thread sees a whole answer or none.
        private Tuple<FieldSchema, bool>? _lastCompared;

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

        /// <summary>True when <paramref name="other"/> lists the same field names in the same order (two extractions of alike contracts).</summary>
        internal bool SameNames(FieldSchema other)
        {
            if (ReferenceEquals(this, other))
            {
                return true;
            }

            if (_lastCompared is { } last && ReferenceEquals(last.Item1, other))
            {
                return last.Item2;
            }

            var same = Names.SequenceEqual(other.Names, StringComparer.Ordinal);
            _lastCompared = Tuple.Create(other, same);
            return same;
        }
    }
}

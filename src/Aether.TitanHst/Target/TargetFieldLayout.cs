using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace Aether.TitanHst.Target
{
    /// <summary>
    /// The field names of a run of snapshot records, in the order they were written, with each name's position. The
    /// records that share it hold only their values, by position: a million records then carry one name table instead
    /// of one dictionary each (the dictionaries were most of the snapshot's live memory during a diff).
    /// </summary>
    internal sealed class TargetFieldLayout
    {
        private readonly Dictionary<string, int> _positions;

        private TargetFieldLayout(string[] names, Dictionary<string, int> positions)
        {
            Names = names;
            _positions = positions;
        }

        internal string[] Names { get; }

        internal int Count => Names.Length;

        /// <summary>A layout for these names, or null when a name repeats (such a record keeps its dictionary).</summary>
        internal static TargetFieldLayout? Of(IReadOnlyList<string> names)
        {
            var positions = new Dictionary<string, int>(names.Count, StringComparer.Ordinal);
            var copy = new string[names.Count];
            for (var i = 0; i < names.Count; i++)
            {
                if (positions.ContainsKey(names[i]))
                {
                    return null;
                }

                positions.Add(names[i], i);
                copy[i] = names[i];
            }

            return new TargetFieldLayout(copy, positions);
        }

        /// <summary>True when a record's names, in order, are exactly this layout's.</summary>
        [MethodImpl(Hot.Path)]
        internal bool Matches(IReadOnlyList<string> names)
        {
            if (names.Count != Names.Length)
            {
                return false;
            }

            for (var i = 0; i < Names.Length; i++)
            {
                if (!string.Equals(names[i], Names[i], StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }

        internal bool TryGetPosition(string name, out int position) => _positions.TryGetValue(name, out position);
    }
}

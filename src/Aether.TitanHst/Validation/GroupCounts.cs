using System;
using System.Collections.Generic;
using System.Linq;

namespace Aether.TitanHst.Validation
{
    /// <summary>Counts people by the value of one review field (site or role) on both sides.</summary>
    internal sealed class GroupCounts
    {
        // Same label as the diff summary's groups, so a reviewer reads both alike.
        private const string None = "(none)";

        private readonly SortedDictionary<string, SyncGroupCount> _groups = new(StringComparer.Ordinal);

        internal GroupCounts(string? field) => Field = field;

        /// <summary>The contract's review field; null when the contract names none (nothing is counted).</summary>
        internal string? Field { get; }

        internal void AddSource(Func<string, string?> value)
        {
            if (Field is not null)
            {
                Group(value(Field)).Source++;
            }
        }

        internal void AddTarget(Func<string, string?> value)
        {
            if (Field is not null)
            {
                Group(value(Field)).Target++;
            }
        }

        internal IReadOnlyList<SyncGroupCount> Rows() => _groups.Values.ToList();

        private SyncGroupCount Group(string? name)
        {
            var key = string.IsNullOrEmpty(name) ? None : name!;
            if (!_groups.TryGetValue(key, out var group))
            {
                group = new SyncGroupCount(key);
                _groups.Add(key, group);
            }

            return group;
        }
    }
}

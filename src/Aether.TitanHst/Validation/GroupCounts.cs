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

        private readonly string? _assignments;
        private readonly bool _bySite;

        /// <param name="field">The review field (siteCode, roleCode).</param>
        /// <param name="assignments">
        /// The contract's assignments field, or null: when a person has assignments, each of their sites (roles)
        /// counts once, so a teacher at two schools counts at both (decision 0011).
        /// </param>
        /// <param name="bySite">True to count the assignments' sites, false their roles.</param>
        internal GroupCounts(string? field, string? assignments = null, bool bySite = true)
        {
            Field = field;
            _assignments = field is null ? null : assignments;
            _bySite = bySite;
        }

        /// <summary>True when every assignment counts, not only the primary.</summary>
        internal bool CountsAssignments => _assignments is not null;

        /// <summary>The contract's review field; null when the contract names none (nothing is counted).</summary>
        internal string? Field { get; }

        internal void AddSource(Func<string, string?> value)
        {
            foreach (var name in Names(value))
            {
                Group(name).Source++;
            }
        }

        internal void AddTarget(Func<string, string?> value)
        {
            foreach (var name in Names(value))
            {
                Group(name).Target++;
            }
        }

        internal IReadOnlyList<SyncGroupCount> Rows() => _groups.Values.ToList();

        private IEnumerable<string?> Names(Func<string, string?> value)
        {
            if (Field is null)
            {
                return Array.Empty<string?>();
            }

            if (_assignments is not null && Positions.AssignmentSet.TryParse(value(_assignments), out var set) && set.Count > 0)
            {
                return _bySite ? set.Sites : set.Roles;
            }

            return new[] { value(Field) };
        }

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

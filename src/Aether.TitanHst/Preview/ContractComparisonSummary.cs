using System;
using System.Collections.Generic;
using System.Linq;

namespace Aether.TitanHst.Preview
{
    /// <summary>One count of a comparison's summary: a kind, a field, a site or a role, and how many people.</summary>
    public sealed class ContractComparisonCount
    {
        internal ContractComparisonCount(string dimension, string name, int people)
        {
            Dimension = dimension;
            Name = name;
            People = people;
        }

        /// <summary>Kind, Field, Site or Role.</summary>
        public string Dimension { get; }

        public string Name { get; }

        public int People { get; }

        public override string ToString() => $"{Dimension} {Name}: {People}";
    }

    /// <summary>What a contract edit does to the same exports: how many people differ, by kind, field, site and role.</summary>
    public sealed class ContractComparisonSummary
    {
        private readonly SortedDictionary<string, int> _byKind = new(StringComparer.Ordinal);
        private readonly SortedDictionary<string, int> _byField = new(StringComparer.Ordinal);
        private readonly SortedDictionary<string, int> _bySite = new(StringComparer.Ordinal);
        private readonly SortedDictionary<string, int> _byRole = new(StringComparer.Ordinal);

        public string ReferenceContract { get; internal set; } = string.Empty;

        public string DifferenceContract { get; internal set; } = string.Empty;

        /// <summary>People either contract's extraction named.</summary>
        public int PeopleCompared { get; internal set; }

        /// <summary>People whose outcome differs.</summary>
        public int PeopleDiffering { get; internal set; }

        /// <summary>True when the comparison also ran both diffs against TitanHST's state.</summary>
        public bool WithTarget { get; internal set; }

        /// <summary>With a target: why the reference contract's thresholds block its diff (empty when they do not).</summary>
        public string ReferenceBlocked { get; internal set; } = string.Empty;

        /// <summary>With a target: why the difference contract's thresholds block its diff (empty when they do not): an edit that lifts or adds a block shows here.</summary>
        public string DifferenceBlocked { get; internal set; } = string.Empty;

        /// <summary>With a target: changes the reference contract holds back (additions-only mode).</summary>
        public int ReferenceHeldBack { get; internal set; }

        /// <summary>With a target: changes the difference contract holds back.</summary>
        public int DifferenceHeldBack { get; internal set; }

        public int EnteredScope => Count(_byKind, nameof(ContractDifferenceKind.EnteredScope));

        public int LeftScope => Count(_byKind, nameof(ContractDifferenceKind.LeftScope));

        public int FieldChanged => Count(_byKind, nameof(ContractDifferenceKind.FieldChanged));

        public int ConflictAdded => Count(_byKind, nameof(ContractDifferenceKind.ConflictAdded));

        public int ConflictCleared => Count(_byKind, nameof(ContractDifferenceKind.ConflictCleared));

        public int ErrorAdded => Count(_byKind, nameof(ContractDifferenceKind.ErrorAdded));

        public int ErrorCleared => Count(_byKind, nameof(ContractDifferenceKind.ErrorCleared));

        public int TargetChangeDiffers => Count(_byKind, nameof(ContractDifferenceKind.TargetChangeDiffers));

        /// <summary>Every count as rows (Kind, Field, Site, Role), for Format-Table and Export-Csv.</summary>
        public IReadOnlyList<ContractComparisonCount> GetCounts() =>
            Rows("Kind", _byKind).Concat(Rows("Field", _byField)).Concat(Rows("Site", _bySite)).Concat(Rows("Role", _byRole)).ToList();

        /// <summary>People by changed field, e.g. "role=12; email=3".</summary>
        public string ByField => string.Join("; ", _byField.Select(p => $"{p.Key}={p.Value}"));

        public string BySite => string.Join("; ", _bySite.Select(p => $"{p.Key}={p.Value}"));

        public string ByRole => string.Join("; ", _byRole.Select(p => $"{p.Key}={p.Value}"));

        internal void Add(ContractOutcomeDifference difference)
        {
            PeopleDiffering++;
            foreach (ContractDifferenceKind kind in Enum.GetValues(typeof(ContractDifferenceKind)))
            {
                if (kind != ContractDifferenceKind.None && (difference.GetKind() & kind) != 0)
                {
                    Increment(_byKind, kind.ToString());
                }
            }

            foreach (var field in difference.GetFieldDifferences())
            {
                Increment(_byField, field.Field);
            }

            Increment(_bySite, string.IsNullOrEmpty(difference.Site) ? "(none)" : difference.Site!);
            Increment(_byRole, string.IsNullOrEmpty(difference.Role) ? "(none)" : difference.Role!);
        }

        private static IEnumerable<ContractComparisonCount> Rows(string dimension, SortedDictionary<string, int> counts) =>
            counts.Select(p => new ContractComparisonCount(dimension, p.Key, p.Value));

        private static int Count(SortedDictionary<string, int> counts, string key) => counts.TryGetValue(key, out var n) ? n : 0;

        private static void Increment(SortedDictionary<string, int> counts, string key) => counts[key] = Count(counts, key) + 1;
    }
}

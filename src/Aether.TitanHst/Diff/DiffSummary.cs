using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;

using Aether.TitanHst.Reporting;

namespace Aether.TitanHst.Diff
{
    /// <summary>Counts of one group (a site or a role) by action.</summary>
    public sealed class DiffGroupCount
    {
        internal DiffGroupCount(string group) => Group = group;

        public string Group { get; }

        public int Create { get; internal set; }

        public int Update { get; internal set; }

        public int Deactivate { get; internal set; }

        public int Reactivate { get; internal set; }

        public int Delete { get; internal set; }

        public int Conflict { get; internal set; }

        public int Total => Create + Update + Deactivate + Reactivate + Delete + Conflict;

        public override string ToString() => $"{Group}: {Total}";

        [MethodImpl(Hot.Path)]
        internal void Add(ChangeAction action)
        {
            switch (action)
            {
                case ChangeAction.Create: Create++; break;
                case ChangeAction.Update: Update++; break;
                case ChangeAction.Deactivate: Deactivate++; break;
                case ChangeAction.Reactivate: Reactivate++; break;
                case ChangeAction.Delete: Delete++; break;
                case ChangeAction.Conflict: Conflict++; break;
            }
        }
    }

    /// <summary>A diff's counts by action, site and role, and whether safety blocked it.</summary>
    public sealed class DiffSummary
    {
        private readonly Dictionary<ChangeAction, int> _byAction = new();
        private readonly SortedDictionary<string, DiffGroupCount> _bySite = new(StringComparer.Ordinal);
        private readonly SortedDictionary<string, DiffGroupCount> _byRole = new(StringComparer.Ordinal);
        private IReadOnlyList<string> _blockReasons = Array.Empty<string>().AsDisplayList();

        public string DiffId { get; internal set; } = string.Empty;

        public string ContractId { get; internal set; } = string.Empty;

        public string ContractVersion { get; internal set; } = string.Empty;

        public int Create => Count(ChangeAction.Create);

        public int Update => Count(ChangeAction.Update);

        public int Deactivate => Count(ChangeAction.Deactivate);

        public int Reactivate => Count(ChangeAction.Reactivate);

        public int Delete => Count(ChangeAction.Delete);

        public int Conflict => Count(ChangeAction.Conflict);

        public int NoChange => Count(ChangeAction.NoChange);

        /// <summary>True when a safety threshold is exceeded; apply refuses the blocked changes without an override.</summary>
        public bool Blocked => BlockReasons.Count > 0;

        public IReadOnlyList<string> BlockReasons
        {
            get => _blockReasons;
            internal set => _blockReasons = value.AsDisplayList();
        }

        public bool AdditionsOnly { get; internal set; }

        /// <summary>Changes held back by additions-only mode.</summary>
        public int HeldBack { get; internal set; }

        /// <summary>Canonical records the sources gave.</summary>
        public int SourceRecords { get; internal set; }

        /// <summary>Source problems (errors) that turned into Conflict changes or kept a record back.</summary>
        public int SourceErrors { get; internal set; }

        public int TargetRecords { get; internal set; }

        /// <summary>Active TitanHST records the connector manages (the baseline for percentage thresholds).</summary>
        public int ManagedActive { get; internal set; }

        /// <summary>
        /// Active TitanHST records left as they are because the sources skipped their person by policy (join.onlyIn or an
        /// unmapped code set to skip): never updated, never deactivated, however long that lasts.
        /// </summary>
        public int LeftAlone { get; internal set; }

        /// <summary>TitanHST records without an externalId or outside the target scope: never touched.</summary>
        public int Unmanaged { get; internal set; }

        /// <summary>Counts by site; reads as "LHS: 3, VOE: 2" in text and CSV.</summary>
        public IReadOnlyCollection<DiffGroupCount> BySite => _bySite.Values.AsDisplayList(", ");

        /// <summary>Counts by role; reads as "TEACHER: 4, AIDE: 1" in text and CSV.</summary>
        public IReadOnlyCollection<DiffGroupCount> ByRole => _byRole.Values.AsDisplayList(", ");

        /// <summary>
        /// False when these are counts of changes piped to Measure-TitanHstDiff: the sources and TitanHST were not
        /// counted then, and SourceRecords, TargetRecords, ManagedActive and Unmanaged are not known (0).
        /// </summary>
        public bool CountedSourcesAndTarget { get; internal set; }

        /// <summary>The TitanHST side in one line, or why it was not counted.</summary>
        public string Target => CountedSourcesAndTarget
            ? $"{TargetRecords} records, {ManagedActive} managed active, {Unmanaged} never touched"
            : "not counted (only the changes given were counted; Get-TitanHstDiff -Summary counts TitanHST)";

        /// <summary>Counts the given changes (for example a filtered subset piped to Measure-TitanHstDiff).</summary>
        public static DiffSummary FromChanges(IEnumerable<StaffChange> changes)
        {
            var summary = new DiffSummary();
            var reasons = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var change in changes)
            {
                summary.Add(change);
                summary.DiffId = change.DiffId;
                summary.ContractId = change.ContractId;
                summary.ContractVersion = change.ContractVersion;
                if (change.Blocked && change.BlockReason is not null)
                {
                    reasons.Add(change.BlockReason);
                }

                summary.HeldBack += change.HeldBack ? 1 : 0;
            }

            summary.BlockReasons = reasons.ToList();
            return summary;
        }

        internal void Add(StaffChange change) => Add(change.GetAction(), change.Site, change.Role);

        [MethodImpl(Hot.Path)]
        internal void Add(ChangeAction action, string? site, string? role)
        {
            _byAction[action] = Count(action) + 1;
            if (action == ChangeAction.NoChange)
            {
                return;
            }

            Group(_bySite, site).Add(action);
            Group(_byRole, role).Add(action);
        }

        [MethodImpl(Hot.Path)]
        private int Count(ChangeAction action) => _byAction.TryGetValue(action, out var n) ? n : 0;

        [MethodImpl(Hot.Path)]
        private static DiffGroupCount Group(SortedDictionary<string, DiffGroupCount> groups, string? name)
        {
            var key = string.IsNullOrEmpty(name) ? "(none)" : name!;
            if (!groups.TryGetValue(key, out var group))
            {
                group = new DiffGroupCount(key);
                groups.Add(key, group);
            }

            return group;
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Target;

namespace Aether.TitanHst.Diff
{
    /// <summary>
    /// TitanHST's records by normalized externalId, split into what the connector manages and what it must never
    /// touch: records without an externalId (made by hand in TitanHST) and records outside the contract's target scope.
    /// </summary>
    internal sealed class TargetIndex
    {
        private readonly Dictionary<string, Entry> _managed = new(StringComparer.Ordinal);
        private readonly Dictionary<string, TargetStaffRecord> _outOfReach = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<TargetStaffRecord>> _duplicates = new(StringComparer.Ordinal);

        internal TargetIndex(MappingContract contract, IEnumerable<TargetStaffRecord> records, Func<string, bool> wanted)
        {
            var targetScope = contract.Policies.TargetScope;
            foreach (var record in records)
            {
                Total++;
                if (string.IsNullOrWhiteSpace(record.ExternalId))
                {
                    Unmanaged++;
                    continue;
                }

                var key = contract.Join.KeyRules.Apply(record.ExternalId!).Value;
                if (!wanted(key))
                {
                    continue;
                }

                if (!InScope(targetScope, record))
                {
                    Unmanaged++;
                    _outOfReach[key] = record;
                    continue;
                }

                if (_managed.TryGetValue(key, out var first))
                {
                    if (!_duplicates.TryGetValue(key, out var list))
                    {
                        list = new List<TargetStaffRecord> { first.Record };
                        _duplicates.Add(key, list);
                    }

                    list.Add(record);
                    continue;
                }

                _managed.Add(key, new Entry(record));
                ManagedActive += record.Active ? 1 : 0;
            }
        }

        internal int Total { get; }

        private static bool InScope(IReadOnlyList<ScopeCondition> scope, TargetStaffRecord record)
        {
            for (var i = 0; i < scope.Count; i++)
            {
                if (!scope[i].IsMetBy(record[scope[i].Field]))
                {
                    return false;
                }
            }

            return true;
        }

        internal int Unmanaged { get; }

        internal int ManagedActive { get; }

        internal IEnumerable<KeyValuePair<string, Entry>> Managed => _managed;

        /// <summary>Finds the managed record for a key and marks it as accounted for.</summary>
        internal TargetStaffRecord? Take(string key)
        {
            if (_managed.TryGetValue(key, out var entry))
            {
                entry.Seen = true;
                return entry.Record;
            }

            return null;
        }

        internal TargetStaffRecord? OutOfReach(string key) => _outOfReach.TryGetValue(key, out var record) ? record : null;

        internal IReadOnlyList<TargetStaffRecord>? Duplicates(string key) => _duplicates.TryGetValue(key, out var list) ? list : null;

        internal sealed class Entry
        {
            internal Entry(TargetStaffRecord record) => Record = record;

            internal TargetStaffRecord Record { get; }

            internal bool Seen { get; set; }
        }
    }
}

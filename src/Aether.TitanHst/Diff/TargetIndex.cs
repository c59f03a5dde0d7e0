using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Target;

namespace Aether.TitanHst.Diff
{
    /// <summary>
    /// TitanHST's records by normalized externalId, split into what the connector manages and what it must never
    /// touch: records without an externalId (made by hand in TitanHST) and records outside the contract's target scope.
    /// </summary>
    /// <remarks>
    /// The records are rows of a <see cref="TargetTable"/> (a snapshot's read straight into it); the index holds row
    /// numbers, and a <see cref="TargetStaffRecord"/> is made from a row only for a person whose change needs one.
    /// </remarks>
    internal sealed class TargetIndex
    {
        private readonly RowKeys _managed;
        private readonly bool[] _managedRow;
        private readonly Dictionary<string, int> _outOfReach = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<int>> _duplicates = new(StringComparer.Ordinal);
        private readonly bool[] _seen;

        internal TargetIndex(MappingContract contract, IEnumerable<TargetStaffRecord> records, Func<string, bool> wanted)
            : this(contract, TargetTable.From(records), wanted)
        {
        }

        internal TargetIndex(MappingContract contract, TargetTable table, Func<string, bool> wanted)
        {
            Table = table;
            var targetScope = contract.Policies.TargetScope;
            var scopeFields = new string[targetScope.Count];
            for (var i = 0; i < scopeFields.Length; i++)
            {
                scopeFields[i] = targetScope[i].Field;
            }

            var scope = new TargetFieldSelection(table, scopeFields);
            var keyRules = contract.Join.KeyRules;
            _managed = new RowKeys(table);
            _managedRow = new bool[table.Count];
            _seen = new bool[table.Count];
            Total = table.Count;
            for (var row = 0; row < table.Count; row++)
            {
                var externalId = table.ExternalId(row);
                if (string.IsNullOrWhiteSpace(externalId))
                {
                    Unmanaged++;
                    continue;
                }

                var key = keyRules.Apply(externalId!).Value;
                if (!wanted(key))
                {
                    continue;
                }

                if (!InScope(targetScope, scope, row))
                {
                    Unmanaged++;
                    _outOfReach[key] = row;
                    continue;
                }

                if (!_managed.TryAdd(key, externalId!, row, out var first))
                {
                    if (!_duplicates.TryGetValue(key, out var list))
                    {
                        list = new List<int> { first };
                        _duplicates.Add(key, list);
                    }

                    list.Add(row);
                    continue;
                }

                _managedRow[row] = true;
                ManagedActive += table.Active(row) ? 1 : 0;
            }
        }

        internal TargetTable Table { get; }

        internal int Total { get; }

        internal int Unmanaged { get; }

        internal int ManagedActive { get; }

        /// <summary>Every managed key with its row, in the order the records were read.</summary>
        internal IEnumerable<KeyValuePair<string, int>> Managed => ManagedRows(unseenOnly: false);

        /// <summary>The managed keys and rows no one has taken yet (<see cref="TakeRow"/>), in the order the records were read.</summary>
        /// <remarks>The seen rows are passed over before their keys are made: at 100k, ~85k key strings made only to be dropped.</remarks>
        internal List<KeyValuePair<string, int>> Unseen() => ManagedRows(unseenOnly: true).ToList();

        private IEnumerable<KeyValuePair<string, int>> ManagedRows(bool unseenOnly)
        {
            for (var row = 0; row < _managedRow.Length; row++)
            {
                if (_managedRow[row] && !(unseenOnly && _seen[row]))
                {
                    yield return new KeyValuePair<string, int>(_managed.KeyOf(row), row);
                }
            }
        }

        /// <summary>The record of a row, made now.</summary>
        internal TargetStaffRecord Record(int row) => Table.Record(row);

        /// <summary>Finds the managed row for a key and marks it as accounted for; -1 when there is none.</summary>
        internal int TakeRow(string key)
        {
            var row = RowOf(key);
            if (row >= 0)
            {
                _seen[row] = true;
            }

            return row;
        }

        /// <summary>The managed row for a key, not marked; -1 when there is none.</summary>
        [MethodImpl(Hot.Path)]
        internal int RowOf(string key) => _managed.TryGet(key, out var row) ? row : -1;

        /// <summary>Marks a managed row (<see cref="RowOf"/>) as accounted for, as <see cref="TakeRow"/> does.</summary>
        internal void MarkTaken(int row) => _seen[row] = true;

        /// <summary>Finds the managed record for a key and marks it as accounted for.</summary>
        internal TargetStaffRecord? Take(string key)
        {
            var row = TakeRow(key);
            return row < 0 ? null : Table.Record(row);
        }

        internal TargetStaffRecord? OutOfReach(string key) => _outOfReach.TryGetValue(key, out var row) ? Table.Record(row) : null;

        [MethodImpl(Hot.Path)]
        internal IReadOnlyList<TargetStaffRecord>? Duplicates(string key)
        {
            // Most targets hold no duplicate: no hash of the key then.
            if (_duplicates.Count == 0 || !_duplicates.TryGetValue(key, out var rows))
            {
                return null;
            }

            var records = new TargetStaffRecord[rows.Count];
            for (var i = 0; i < records.Length; i++)
            {
                records[i] = Table.Record(rows[i]);
            }

            return records;
        }

        /// <summary>True when TitanHST holds more than one managed record with this key.</summary>
        internal bool IsDuplicated(string key) => _duplicates.ContainsKey(key);

        [MethodImpl(Hot.Path)]
        private static bool InScope(IReadOnlyList<ScopeCondition> conditions, TargetFieldSelection scope, int row)
        {
            for (var i = 0; i < conditions.Count; i++)
            {
                if (!conditions[i].IsMetBy(scope.Value(row, i)))
                {
                    return false;
                }
            }

            return true;
        }
    }
}

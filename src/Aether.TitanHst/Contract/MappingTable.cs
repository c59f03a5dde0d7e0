using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Aether.TitanHst.Normalization;

namespace Aether.TitanHst.Contract
{
    /// <summary>One row of a mapping table.</summary>
    public sealed class MappingTableEntry
    {
        internal MappingTableEntry(string key, string value, int line)
        {
            Key = key;
            Value = value;
            Line = line;
        }

        /// <summary>The source code, after the table's key normalization.</summary>
        public string Key { get; }

        /// <summary>The TitanHST code.</summary>
        public string Value { get; }

        public int Line { get; }
    }

    /// <summary>A CSV table referenced by the contract, turning source codes into TitanHST codes.</summary>
    public sealed class MappingTable : ICodeTable
    {
        private readonly Dictionary<string, MappingTableEntry> _entries;

        internal MappingTable(string name, string path, string relativePath, string keyColumn, string valueColumn, string? reference,
            UnmappedPolicy unmapped, RulePipeline keyRules, Dictionary<string, MappingTableEntry> entries, IReadOnlyList<MappingTableEntry> duplicates, string hash)
        {
            Name = name;
            Path = path;
            RelativePath = relativePath;
            KeyColumn = keyColumn;
            ValueColumn = valueColumn;
            Reference = reference;
            Unmapped = unmapped;
            KeyRules = keyRules;
            _entries = entries;
            Duplicates = duplicates;
            Hash = hash;
        }

        public string Name { get; }

        public string Path { get; }

        public string RelativePath { get; }

        public string KeyColumn { get; }

        public string ValueColumn { get; }

        /// <summary>The TitanHST reference list the values must exist in (<c>role</c> or <c>site</c>), if any.</summary>
        public string? Reference { get; }

        public UnmappedPolicy Unmapped { get; }

        public RulePipeline KeyRules { get; }

        public IReadOnlyCollection<MappingTableEntry> Entries => _entries.Values;

        /// <summary>Rows repeating an earlier key with the same value (harmless, but worth tidying).</summary>
        public IReadOnlyList<MappingTableEntry> Duplicates { get; }

        /// <summary>SHA-256 of the file's bytes; part of the contract hash.</summary>
        public string Hash { get; }

        [MethodImpl(Hot.Path)]
        public bool TryMap(string code, out string value)
        {
            var key = KeyRules.Apply(code).Value;
            if (_entries.TryGetValue(key, out var entry))
            {
                value = entry.Value;
                return true;
            }

            value = string.Empty;
            return false;
        }

        internal static Dictionary<string, MappingTableEntry> NewIndex() => new(StringComparer.Ordinal);

        public override string ToString() => $"{Name} ({RelativePath}, {_entries.Count} codes)";
    }
}

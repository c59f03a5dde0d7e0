using System.Collections.Generic;

namespace Aether.TitanHst.Contract
{
    /// <summary>One source export (for example the Aeries staff export or the HR employee export).</summary>
    public sealed class SourceDefinition
    {
        internal SourceDefinition(string name, string path, string relativePath, string encoding, string delimiter, IReadOnlyList<string> columns, string keyColumn, string? positionKeyColumn = null, bool allowEmpty = false)
        {
            AllowEmpty = allowEmpty;
            PositionKeyColumn = positionKeyColumn;
            Name = name;
            Path = path;
            RelativePath = relativePath;
            Encoding = encoding;
            Delimiter = delimiter;
            Columns = columns;
            KeyColumn = keyColumn;
        }

        /// <summary>The source's name in the contract (the key under <c>sources</c>).</summary>
        public string Name { get; }

        /// <summary>The full path of the export.</summary>
        public string Path { get; }

        /// <summary>The path as written in the contract (relative to the contract's folder).</summary>
        public string RelativePath { get; }

        public string Encoding { get; }

        public string Delimiter { get; }

        /// <summary>Every column the contract reads from this export, the join key included.</summary>
        public IReadOnlyList<string> Columns { get; }

        /// <summary>The column joined on.</summary>
        public string KeyColumn { get; }

        /// <summary>
        /// The column that tells one position of a person from another when the export has one row per position
        /// (<c>"rows": "onePerPosition"</c>); null when it has one row per person.
        /// </summary>
        public string? PositionKeyColumn { get; }

        /// <summary>
        /// True when the export may hold a header and no rows (<c>"allowEmpty": true</c>); by default such an export is
        /// refused as a failed export job, which would otherwise read as everyone in it gone.
        /// </summary>
        public bool AllowEmpty { get; }

        /// <summary>True when the same person may appear on several rows, one per position.</summary>
        public bool OnePerPosition => PositionKeyColumn is not null;

        internal SourceDefinition WithPath(string path) => new(Name, path, path, Encoding, Delimiter, Columns, KeyColumn, PositionKeyColumn, AllowEmpty);

        public override string ToString() => $"{Name} ({RelativePath})";
    }
}

using System;
using System.Collections.Generic;
using System.Linq;

namespace Aether.TitanHst.Contract
{
    /// <summary>
    /// A loaded, validated mapping contract: what goes to TitanHST, from where, normalized how, matched on what.
    /// </summary>
    public sealed class MappingContract
    {
        internal MappingContract(string id, string version, string description, string path, string hash,
            IReadOnlyList<SourceDefinition> sources, JoinDefinition join, string matchKeyField,
            IReadOnlyList<ScopeCondition> scope, IReadOnlyList<FieldDefinition> fields,
            IReadOnlyDictionary<string, MappingTable> mappingTables, ContractPolicies policies, InputSafety? inputSafety = null)
        {
            InputSafety = inputSafety ?? InputSafety.Default;
            Policies = policies;
            Id = id;
            Version = version;
            Description = description;
            Path = path;
            Hash = hash;
            Sources = sources;
            Join = join;
            MatchKeyField = matchKeyField;
            Scope = scope;
            Fields = fields;
            MappingTables = mappingTables;
        }

        public string Id { get; }

        /// <summary>Semantic version, bumped whenever the content changes (see Test-MappingContract).</summary>
        public string Version { get; }

        public string Description { get; }

        /// <summary>The contract's canonical JSON (no comments, white space or "$schema"), as hashed; what two contracts say is compared on it.</summary>
        internal byte[]? CanonicalContent { get; set; }

        /// <summary>The TitanHST schema version the contract was written for; reads and writes stop when TitanHST reports another. Null: not checked.</summary>
        public string? TitanHstSchemaVersion { get; internal set; }

        /// <summary>The contract file's full path; relative paths inside it are resolved from its folder.</summary>
        public string Path { get; }

        /// <summary>"sha256:…" over the contract's content and its mapping tables' bytes.</summary>
        public string Hash { get; }

        /// <summary>The first 12 hex digits of <see cref="Hash"/>, for tables and logs.</summary>
        public string ShortHash => Hash.Substring("sha256:".Length, 12);

        public IReadOnlyList<SourceDefinition> Sources { get; }

        public JoinDefinition Join { get; }

        /// <summary>The TitanHST field that holds the match key (the normalized join key).</summary>
        public string MatchKeyField { get; }

        /// <summary>All must hold for a person to be in scope.</summary>
        public IReadOnlyList<ScopeCondition> Scope { get; }

        public IReadOnlyList<FieldDefinition> Fields { get; }

        public IReadOnlyDictionary<string, MappingTable> MappingTables { get; }

        /// <summary>Review fields, conflict rules, target scope and the safety policy.</summary>
        public ContractPolicies Policies { get; }

        /// <summary>The contract's <c>inputSafety</c> section: unsafe characters, formula keys, paths outside its folder.</summary>
        public InputSafety InputSafety { get; }

        /// <summary>The fields written to TitanHST; every other TitanHST field is never touched.</summary>
        public IReadOnlyList<string> OwnedFields => Fields.Where(f => f.Owned).Select(f => f.Name).ToList();

        public SourceDefinition GetSource(string name) =>
            Sources.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.Ordinal))
            ?? throw new ArgumentException($"The contract has no source named '{name}'.", nameof(name));

        /// <summary>A copy reading the named sources from other files (same shape), for a one-off run.</summary>
        public MappingContract WithSourcePaths(IReadOnlyDictionary<string, string> paths)
        {
            foreach (var name in paths.Keys)
            {
                GetSource(name);
            }

            var sources = Sources.Select(s => paths.TryGetValue(s.Name, out var p) ? s.WithPath(System.IO.Path.GetFullPath(p)) : s).ToList();
            return new MappingContract(Id, Version, Description, Path, Hash, sources, Join, MatchKeyField, Scope, Fields, MappingTables, Policies, InputSafety)
            {
                TitanHstSchemaVersion = TitanHstSchemaVersion,
                CanonicalContent = CanonicalContent,
            };
        }

        public override string ToString() => $"{Id} {Version} ({ShortHash})";
    }
}

using System.Collections.Generic;
using Aether.TitanHst.Normalization;

namespace Aether.TitanHst.Contract
{
    /// <summary>What happens when a field's value cannot be normalized (a bad date, a bad email).</summary>
    public enum InvalidValueAction
    {
        /// <summary>The record is not built; an error names file, line and column.</summary>
        Error,

        /// <summary>The field is left blank with a warning.</summary>
        Blank,

        /// <summary>The record is left out with a warning.</summary>
        SkipRecord,
    }

    /// <summary>One place a field's value may come from: a source column, with its own rules.</summary>
    public sealed class FieldCandidate
    {
        internal FieldCandidate(string source, int sourceIndex, string column, int columnOrdinal, RulePipeline rules)
        {
            Source = source;
            SourceIndex = sourceIndex;
            Column = column;
            ColumnOrdinal = columnOrdinal;
            Rules = rules;
        }

        public string Source { get; }

        /// <summary>The source's position in <see cref="MappingContract.Sources"/>.</summary>
        public int SourceIndex { get; }

        public string Column { get; }

        /// <summary>The column's position in its source's <see cref="SourceDefinition.Columns"/>.</summary>
        public int ColumnOrdinal { get; }

        public RulePipeline Rules { get; }

        public override string ToString() => $"{Source}.{Column}";
    }

    /// <summary>A canonical field: where it comes from, in which order of precedence, and how it is normalized.</summary>
    public sealed class FieldDefinition
    {
        internal FieldDefinition(string name, IReadOnlyList<FieldCandidate> candidates, RulePipeline rules, bool required, InvalidValueAction invalid, bool pii, bool reportable, bool owned,
            PositionsDefinition? positions = null, AssignmentPart? fromAssignments = null, bool unique = false)
        {
            Unique = unique;
            Positions = positions;
            FromAssignments = fromAssignments;
            Name = name;
            Candidates = candidates;
            Rules = rules;
            Required = required;
            Invalid = invalid;
            Pii = pii;
            Reportable = reportable;
            Owned = owned;
        }

        /// <summary>
        /// No two active TitanHST records may hold one value of this field (compared ignoring case): a change that would
        /// write a value another person holds or is given in the same diff is blocked (Diff/UniqueValueCheck).
        /// </summary>
        public bool Unique { get; }

        /// <summary>The field's name: the TitanHST field name for owned fields.</summary>
        public string Name { get; }

        /// <summary>In order of precedence: the first whose raw value is not blank wins; the rest fill in.</summary>
        public IReadOnlyList<FieldCandidate> Candidates { get; }

        /// <summary>Rules applied to the winning value after its candidate's own rules.</summary>
        public RulePipeline Rules { get; }

        public bool Required { get; }

        public InvalidValueAction Invalid { get; }

        /// <summary>Personal data: kept out of logs and hashed in the audit unless the contract says otherwise.</summary>
        public bool Pii { get; }

        /// <summary>May appear in stakeholder reports.</summary>
        public bool Reportable { get; }

        /// <summary>Written to TitanHST. Fields that are not owned are computed for scope and review only.</summary>
        public bool Owned { get; }

        /// <summary>Set for the multi-valued assignments field built from position rows (decision 0011).</summary>
        public PositionsDefinition? Positions { get; }

        /// <summary>Set for a scalar field that mirrors the primary assignment's site or role.</summary>
        public AssignmentPart? FromAssignments { get; }

        public override string ToString() => Name;
    }
}

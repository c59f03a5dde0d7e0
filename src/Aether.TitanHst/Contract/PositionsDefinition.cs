using System.Collections.Generic;
using Aether.TitanHst.Normalization;

namespace Aether.TitanHst.Contract
{
    /// <summary>Which part of the primary assignment a scalar field mirrors (<c>fromAssignments</c>).</summary>
    public enum AssignmentPart
    {
        Site,
        Role,
    }

    /// <summary>What one step of the primary-position rule looks at (decision 0011).</summary>
    public enum PrimaryStepKind
    {
        /// <summary>Positions whose primary flag is set.</summary>
        Flag,

        /// <summary>Positions with the highest FTE.</summary>
        HighestFte,

        /// <summary>Positions with the earliest start date.</summary>
        EarliestStart,

        /// <summary>Positions with the lowest position key (numerically when both are whole numbers).</summary>
        LowestPositionKey,
    }

    /// <summary>A column read for a position, with the rules its value goes through.</summary>
    public sealed class PositionColumn
    {
        internal PositionColumn(string column, int ordinal, RulePipeline rules)
        {
            Column = column;
            Ordinal = ordinal;
            Rules = rules;
        }

        public string Column { get; }

        /// <summary>The column's position in its source's columns.</summary>
        public int Ordinal { get; }

        public RulePipeline Rules { get; }

        public override string ToString() => Column;
    }

    /// <summary>How one source's rows become assignments: which columns give site, role, FTE, flag, dates and status.</summary>
    public sealed class PositionSource
    {
        internal PositionSource(string source, int sourceIndex, PositionColumn site, PositionColumn role, PositionColumn? fte,
            PositionColumn? primaryFlag, IReadOnlyCollection<string> primaryValues, PositionColumn? start, PositionColumn? end,
            PositionColumn? status, IReadOnlyCollection<string> currentStatuses)
        {
            Source = source;
            SourceIndex = sourceIndex;
            Site = site;
            Role = role;
            Fte = fte;
            PrimaryFlag = primaryFlag;
            PrimaryValues = primaryValues;
            Start = start;
            End = end;
            Status = status;
            CurrentStatuses = currentStatuses;
        }

        public string Source { get; }

        public int SourceIndex { get; }

        public PositionColumn Site { get; }

        public PositionColumn Role { get; }

        public PositionColumn? Fte { get; }

        public PositionColumn? PrimaryFlag { get; }

        /// <summary>The flag values that mean "primary" (compared ignoring case, after trimming).</summary>
        public IReadOnlyCollection<string> PrimaryValues { get; }

        /// <summary>Start date column; its rules must give yyyy-MM-dd. Blank means no start bound.</summary>
        public PositionColumn? Start { get; }

        /// <summary>End date column (the last day worked); blank means open-ended.</summary>
        public PositionColumn? End { get; }

        public PositionColumn? Status { get; }

        /// <summary>Status values of a current position (ignoring case); empty when there is no status column.</summary>
        public IReadOnlyCollection<string> CurrentStatuses { get; }

        public override string ToString() => Source;
    }

    /// <summary>A multi-valued field built from position rows: where they come from and how the primary is chosen.</summary>
    public sealed class PositionsDefinition
    {
        internal PositionsDefinition(IReadOnlyList<PositionSource> from, IReadOnlyList<PrimaryStepKind> primary)
        {
            From = from;
            Primary = primary;
        }

        public IReadOnlyList<PositionSource> From { get; }

        /// <summary>The primary-position rule, in order; each step narrows the current positions.</summary>
        public IReadOnlyList<PrimaryStepKind> Primary { get; }
    }
}

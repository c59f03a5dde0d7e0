using System.Collections.Generic;

namespace Aether.TitanHst.Canonical
{
    /// <summary>How serious an extraction problem is.</summary>
    public enum IssueSeverity
    {
        /// <summary>A record could not be built; the sources or the contract need fixing.</summary>
        Error,

        /// <summary>A record was left out or a value blanked, as the contract's policy says.</summary>
        Warning,
    }

    /// <summary>
    /// A problem with one person or row, located by file, line and column. Messages never carry the values of
    /// personal fields; codes and keys, which are not personal, are named so the operator can fix them.
    /// </summary>
    public sealed class ExtractIssue
    {
        public ExtractIssue(IssueSeverity severity, string errorId, string source, string file, int line, string column, string? field, string? key, string message)
        {
            Severity = severity;
            ErrorId = errorId;
            Source = source;
            File = file;
            Line = line;
            Column = column;
            Field = field;
            Key = key;
            Message = message;
        }

        public IssueSeverity Severity { get; }

        /// <summary>A stable id from <see cref="ExtractErrorIds"/>.</summary>
        public string ErrorId { get; }

        public string Source { get; }

        public string File { get; }

        public int Line { get; }

        public string Column { get; }

        /// <summary>The contract field concerned, if any.</summary>
        public string? Field { get; }

        /// <summary>The normalized join key of the person, if known.</summary>
        public string? Key { get; }

        public string Message { get; }

        /// <summary>The code a mapping failed on (for <see cref="ExtractErrorIds.CodeUnmapped"/>), else null.</summary>
        public string? Code { get; internal set; }

        /// <summary>
        /// For a row that cannot be read with confidence (shifted, swallowed): every normalized key it could belong
        /// to. None of them is trusted as a key; the diff turns any of them it meets into a Conflict, never a removal.
        /// </summary>
        public IReadOnlyList<string> CandidateKeys { get; internal set; } = System.Array.Empty<string>();

        public override string ToString() =>
            $"{File}:{Line}: {(string.IsNullOrEmpty(Column) ? string.Empty : Column + ": ")}{Message}";
    }
}

using System;

namespace Aether.TitanHst.Errors
{
    /// <summary>
    /// An input file (contract, source export, mapping table, plan) that cannot be used, with the place to fix it:
    /// file, line and field (a JSON property path or a CSV column).
    /// </summary>
    public sealed class InputFileException : Exception
    {
        public InputFileException(string errorId, string file, int line, string field, string problem, Exception? inner = null)
            : base(Format(file, line, field, problem), inner)
        {
            ErrorId = errorId;
            File = file;
            Line = line;
            Field = field;
            Problem = problem;
        }

        /// <summary>A stable PascalCase id from <see cref="InputErrorIds"/>, used as the PowerShell FullyQualifiedErrorId.</summary>
        public string ErrorId { get; }

        public string File { get; }

        /// <summary>1-based line, or 0 when the problem concerns the whole file.</summary>
        public int Line { get; }

        /// <summary>The JSON property path (contract, plan) or the column name (CSV); empty for the whole file.</summary>
        public string Field { get; }

        /// <summary>The problem alone, without the location.</summary>
        public string Problem { get; }

        /// <summary>Where the file's path came from; it decides what a relative path is relative to in the advice.</summary>
        public InputPathOrigin Origin { get; init; } = InputPathOrigin.Contract;

        /// <summary>Formats "file:line: field: problem", the shape editors and CI logs turn into links.</summary>
        public static string Format(string file, int line, string field, string problem)
        {
            var where = line > 0 ? $"{file}:{line}" : file;
            return string.IsNullOrEmpty(field) ? $"{where}: {Visible(problem)}" : $"{where}: {Visible(field)}: {Visible(problem)}";
        }

        // Field and problem may quote the input (a name, a code, a column): a NUL in it ends the message early in a
        // console or a log, so it is shown as the JSON escape that usually put it there.
        private static string Visible(string text) => text.IndexOf('\0') < 0 ? text : text.Replace("\0", "\\u0000");
    }
}

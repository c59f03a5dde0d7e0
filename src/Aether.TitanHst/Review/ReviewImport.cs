using System.Collections.Generic;
using Aether.TitanHst.Errors;

namespace Aether.TitanHst.Review
{
    /// <summary>What a reviewed sheet gave: the diff's changes its approved rows select, and every row refused.</summary>
    public sealed class ReviewImport
    {
        internal ReviewImport(string path, int rows, IReadOnlyList<Diff.StaffChange> approved, IReadOnlyList<InputFileException> problems)
        {
            Path = path;
            Rows = rows;
            Approved = approved;
            Problems = problems;
        }

        public string Path { get; }

        /// <summary>Data rows in the sheet.</summary>
        public int Rows { get; }

        /// <summary>The diff's changes the approved rows select, in sheet order; use them only when there are no problems.</summary>
        public IReadOnlyList<Diff.StaffChange> Approved { get; }

        /// <summary>The refused rows, each naming file, line and column.</summary>
        public IReadOnlyList<InputFileException> Problems { get; }
    }
}

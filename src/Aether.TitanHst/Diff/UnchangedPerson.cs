using Aether.TitanHst.Canonical;
using Aether.TitanHst.Target;

namespace Aether.TitanHst.Diff
{
    /// <summary>
    /// A person a diff found unchanged (active in TitanHST, every owned field the same) and, as asked by
    /// <see cref="DiffOptions.DeferNoChange"/>, built no change for: enough to build that NoChange later, through
    /// the same builder, only when a caller needs it (<see cref="DiffEngine.NoChange(UnchangedPerson)"/>).
    /// </summary>
    internal readonly struct UnchangedPerson
    {
        private readonly TargetTable _table;
        private readonly int _row;

        internal UnchangedPerson(CanonicalStaffRecord record, TargetTable table, int row, int position)
        {
            Record = record;
            _table = table;
            _row = row;
            Position = position;
        }

        public CanonicalStaffRecord Record { get; }

        /// <summary>The TitanHST record compared, made from its row when asked (most unchanged people never are).</summary>
        public TargetStaffRecord Target => _table.Record(_row);

        /// <summary>
        /// Where the NoChange would have stood in <see cref="DiffResult.Changes"/>: before the change at this index
        /// (after them all when it is the count), so a caller keeping the first change per person keeps the same one.
        /// </summary>
        public int Position { get; }
    }
}

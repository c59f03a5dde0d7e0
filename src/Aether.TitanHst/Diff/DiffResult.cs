using System.Collections.Generic;

namespace Aether.TitanHst.Diff
{
    /// <summary>A computed diff: its changes (in source order, then removals) and its summary.</summary>
    public sealed class DiffResult
    {
        internal DiffResult(IReadOnlyList<StaffChange> changes, DiffSummary summary, IReadOnlyList<UnchangedPerson>? unchanged = null)
        {
            Changes = changes;
            Summary = summary;
            Unchanged = unchanged ?? System.Array.Empty<UnchangedPerson>();
        }

        public IReadOnlyList<StaffChange> Changes { get; }

        public DiffSummary Summary { get; }

        /// <summary>With <see cref="DiffOptions.DeferNoChange"/>: the unchanged people whose NoChange was not built, in source order.</summary>
        internal IReadOnlyList<UnchangedPerson> Unchanged { get; }
    }
}

using System.Collections.Generic;

namespace Aether.TitanHst.Diff
{
    /// <summary>A computed diff: its changes (in source order, then removals) and its summary.</summary>
    public sealed class DiffResult
    {
        internal DiffResult(IReadOnlyList<StaffChange> changes, DiffSummary summary)
        {
            Changes = changes;
            Summary = summary;
        }

        public IReadOnlyList<StaffChange> Changes { get; }

        public DiffSummary Summary { get; }
    }
}

using System.Collections.Generic;
using Aether.TitanHst.Target;

namespace Aether.TitanHst.Client
{
    /// <summary>One page of a staff listing. A page may be empty while <see cref="NextCursor"/> is not null.</summary>
    public sealed class TargetStaffPage
    {
        internal TargetStaffPage(IReadOnlyList<TargetStaffRecord> items, string? nextCursor, TitanHstCallInfo call)
        {
            Items = items;
            NextCursor = nextCursor;
            Call = call;
        }

        public IReadOnlyList<TargetStaffRecord> Items { get; }

        /// <summary>Pass back to get the next page; null only on the last page.</summary>
        public string? NextCursor { get; }

        public TitanHstCallInfo Call { get; }
    }
}

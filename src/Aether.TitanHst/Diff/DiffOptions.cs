using System.Collections.Generic;

namespace Aether.TitanHst.Diff
{
    /// <summary>How a diff is computed.</summary>
    public sealed class DiffOptions
    {
        /// <summary>Also return NoChange changes (they are always counted).</summary>
        public bool IncludeNoChange { get; set; }

        /// <summary>
        /// Narrows the diff to these match keys (already normalized or not: the contract's key rules are applied).
        /// Null for the whole district.
        /// </summary>
        public IReadOnlyCollection<string>? ExternalIds { get; set; }
    }
}

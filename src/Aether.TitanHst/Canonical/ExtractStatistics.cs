using System.Collections.Generic;

namespace Aether.TitanHst.Canonical
{
    /// <summary>Counts from one extraction, for summaries, checks and benchmarks.</summary>
    public sealed class ExtractStatistics
    {
        /// <summary>Data rows read, per source.</summary>
        public Dictionary<string, int> RowsRead { get; } = new();

        /// <summary>People found only in one source, per source.</summary>
        public Dictionary<string, int> OnlyIn { get; } = new();

        public int PeopleSeen { get; internal set; }

        public int Records { get; internal set; }

        public int OutOfScope { get; internal set; }

        public int Conflicts { get; internal set; }

        public int Skipped { get; internal set; }

        public int Errors { get; internal set; }

        public int Warnings { get; internal set; }
    }
}

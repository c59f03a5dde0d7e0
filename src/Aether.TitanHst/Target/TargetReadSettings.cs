using System;

namespace Aether.TitanHst.Target
{
    /// <summary>
    /// When a kept target snapshot may be refreshed with <c>updatedSince</c> and when it must be read again in full
    /// (docs/target-reads.md, decision 0016). The defaults suit a daily sync.
    /// </summary>
    public sealed class TargetReadSettings
    {
        /// <summary>Full: every read is a full read (the safe default). Incremental: refresh a kept snapshot when it can be trusted.</summary>
        public TargetReadMode Mode { get; set; } = TargetReadMode.Full;

        /// <summary>A full read at least this often, whatever else holds: it is what catches hard deletes and unbumped records.</summary>
        public TimeSpan FullReadEvery { get; set; } = TimeSpan.FromDays(7);

        /// <summary>A kept snapshot last refreshed longer ago than this is read again in full (a long gap is when vendors purge).</summary>
        public TimeSpan MaxSnapshotAge { get; set; } = TimeSpan.FromDays(2);

        /// <summary>How far before the last high-water mark a refresh starts: covers clock skew and changes landing during a read.</summary>
        public TimeSpan Overlap { get; set; } = TimeSpan.FromMinutes(10);

        /// <summary>Records per request, 1 to 1000.</summary>
        public int PageSize { get; set; } = 1000;

        /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range.</summary>
        public void Check()
        {
            if (FullReadEvery <= TimeSpan.Zero)
            {
                throw new ArgumentException("fullReadEvery must be positive.", nameof(FullReadEvery));
            }

            if (MaxSnapshotAge <= TimeSpan.Zero)
            {
                throw new ArgumentException("maxSnapshotAge must be positive.", nameof(MaxSnapshotAge));
            }

            if (Overlap < TimeSpan.Zero || Overlap > TimeSpan.FromDays(1))
            {
                throw new ArgumentException("overlap must be from 0 to 1 day.", nameof(Overlap));
            }

            if (PageSize is < 1 or > 1000)
            {
                throw new ArgumentException("pageSize must be 1 to 1000.", nameof(PageSize));
            }
        }
    }
}

using System;

namespace Aether.TitanHst.Target
{
    /// <summary>One read of TitanHST into a kept snapshot (Update-TitanHstSnapshot, Invoke-TitanHstSync): how it was made and what it cost.</summary>
    public sealed class TargetReadResult
    {
        internal TargetReadResult(string path, TargetReadMode made, string reason, long pagesRead, long records, long changed, long added, SnapshotReadInfo read, TimeSpan elapsed)
        {
            Path = path;
            _made = made;
            Reason = reason;
            PagesRead = pagesRead;
            Records = records;
            Changed = changed;
            Added = added;
            FullReadAt = read.FullReadAt;
            HighWaterMark = read.HighWaterMark;
            Elapsed = elapsed;
        }

        /// <summary>The snapshot file, now up to date; its seal is beside it ("&lt;file&gt;.seal").</summary>
        public string Path { get; }

        private readonly TargetReadMode _made;

        /// <summary>Full or Incremental, as text (decision 0017); typed through <see cref="GetMade"/>.</summary>
        public string Made => _made.ToString();

        /// <summary>How the read was made, typed (a method, so it never serializes as a number).</summary>
        public TargetReadMode GetMade() => _made;

        /// <summary>Why this kind of read was made (for a full read: what ruled a refresh out).</summary>
        public string Reason { get; }

        /// <summary>Staff pages requested.</summary>
        public long PagesRead { get; }

        /// <summary>Records in the snapshot.</summary>
        public long Records { get; }

        /// <summary>Records TitanHST returned as updated since the high-water mark (all records for a full read).</summary>
        public long Changed { get; }

        /// <summary>Of <see cref="Changed"/>, records the kept snapshot did not hold.</summary>
        public long Added { get; }

        public DateTimeOffset FullReadAt { get; }

        /// <summary>Where the next refresh starts (minus the overlap), by TitanHST's clock.</summary>
        public DateTimeOffset HighWaterMark { get; }

        public TimeSpan Elapsed { get; }

        public override string ToString() => $"{Made} read, {PagesRead} page(s), {Records} record(s) ({Changed} read)";
    }
}

namespace Aether.TitanHst.Audit
{
    /// <summary>
    /// One log file removed by retention, as its Retention entry records it. The last sequence and hash vouch for
    /// the file that follows, whose first entry points back at an entry no longer on disk.
    /// </summary>
    public sealed class AuditRemovedFile
    {
        public AuditRemovedFile(string file, long entries, long firstSequence, long lastSequence, string lastHash)
        {
            File = file;
            Entries = entries;
            FirstSequence = firstSequence;
            LastSequence = lastSequence;
            LastHash = lastHash;
        }

        /// <summary>The file name, without folder.</summary>
        public string File { get; }

        public long Entries { get; }

        public long FirstSequence { get; }

        public long LastSequence { get; }

        public string LastHash { get; }

        public override string ToString() => $"{File} ({FirstSequence}-{LastSequence})";
    }
}

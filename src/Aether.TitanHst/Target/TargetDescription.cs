using System;
using System.Globalization;

namespace Aether.TitanHst.Target
{
    /// <summary>
    /// How a diff names the TitanHST side it read (its identity's Target, kept in plans under their MAC): a base URI
    /// for a live read, or "snapshot ..." for a snapshot file. The apply tells the two apart by this text, because a
    /// snapshot file is something anyone who can write it may have edited (see <c>docs/security.md</c>).
    /// </summary>
    public static class TargetDescription
    {
        private const string SnapshotPrefix = "snapshot ";

        /// <summary>The description of a diff read from the snapshot <paramref name="file"/>.</summary>
        public static string OfSnapshot(string file, TargetSnapshotHeader header) =>
            string.Format(CultureInfo.InvariantCulture, "{0}{1} taken {2:u} from {3}", SnapshotPrefix, file, header.TakenAt, header.BaseUri);

        /// <summary>True when a diff's TitanHST side came from a snapshot file rather than a live read.</summary>
        public static bool IsSnapshot(string? target) => target is not null && target.StartsWith(SnapshotPrefix, StringComparison.Ordinal);
    }
}

using System;
using System.Collections.Generic;

namespace Aether.TitanHst.Target
{
    /// <summary>
    /// Merges the records an incremental read returned into the kept snapshot's lines, both in ascending id order:
    /// a returned record replaces the kept one with its id, a new id is inserted in its place, and every other kept
    /// line is copied as bytes, never parsed into a record and written again.
    /// </summary>
    internal static class SnapshotMerge
    {
        /// <summary>Writes the merged snapshot's records to <paramref name="writer"/>; the caller completes it.</summary>
        /// <param name="kept">The kept snapshot's record lines, ascending by id.</param>
        /// <param name="changed">Records read with updatedSince, ascending by id, each id once (the client checks this).</param>
        /// <param name="writer">The new snapshot, its header already written.</param>
        internal static SnapshotMergeCounts Merge(IEnumerable<KeptSnapshotLine> kept, IReadOnlyList<TargetStaffRecord> changed, TargetSnapshotWriter writer)
        {
            long copied = 0, replaced = 0, added = 0;
            var next = 0;
            foreach (var line in kept)
            {
                while (next < changed.Count && string.CompareOrdinal(changed[next].Id, line.Id) < 0)
                {
                    writer.Write(changed[next++]);
                    added++;
                }

                if (next < changed.Count && string.Equals(changed[next].Id, line.Id, StringComparison.Ordinal))
                {
                    writer.Write(changed[next++]);
                    replaced++;
                }
                else
                {
                    writer.WriteRawLine(line.Buffer, line.Offset, line.Count);
                    copied++;
                }
            }

            while (next < changed.Count)
            {
                writer.Write(changed[next++]);
                added++;
            }

            return new SnapshotMergeCounts(copied, replaced, added);
        }
    }
}

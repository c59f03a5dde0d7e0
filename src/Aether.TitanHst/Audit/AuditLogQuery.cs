using System.Collections.Generic;
using System.Linq;

namespace Aether.TitanHst.Audit
{
    /// <summary>
    /// Reads entries as objects, oldest first, one line at a time: nothing is held beyond the entry returned. It
    /// does not verify the chain (that is <see cref="AuditLogVerifier"/>'s job); a line that is not an entry is an
    /// error naming file and line, and a last line cut off by a crash is skipped.
    /// </summary>
    public static class AuditLogQuery
    {
        public static IEnumerable<AuditEntry> Read(string folder, AuditQuery? query = null)
        {
            query ??= new AuditQuery();
            foreach (var file in AuditFolder.ListFiles(folder).Where(query.MayMatch))
            {
                foreach (var line in AuditLineReader.Read(file))
                {
                    if (!line.Terminated)
                    {
                        continue;
                    }

                    var entry = AuditEntryReader.Parse(line, file);
                    if (query.Matches(entry))
                    {
                        yield return entry;
                    }
                }
            }
        }

        /// <summary>The last <paramref name="count"/> matching entries, oldest first.</summary>
        public static IReadOnlyList<AuditEntry> ReadLast(string folder, AuditQuery? query, int count)
        {
            var last = new Queue<AuditEntry>(count);
            foreach (var entry in Read(folder, query))
            {
                if (last.Count == count)
                {
                    last.Dequeue();
                }

                last.Enqueue(entry);
            }

            return last.ToList();
        }
    }
}

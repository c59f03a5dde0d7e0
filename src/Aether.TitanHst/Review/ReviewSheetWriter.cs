using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Aether.TitanHst.Diff;
using Aether.TitanHst.Security;

namespace Aether.TitanHst.Review
{
    /// <summary>
    /// Writes a review sheet: UTF-8 with a byte order mark (so Excel reads accents right), CRLF, every cell quoted,
    /// one row per change with an empty Approve column for the reviewer to fill.
    /// </summary>
    public static class ReviewSheetWriter
    {
        /// <summary>Writes the changes (NoChange rows left out) and returns how many rows were written.</summary>
        public static int Write(string path, IEnumerable<StaffChange> changes)
        {
            var rows = changes.Where(c => c.GetAction() != ChangeAction.NoChange).ToList();
            var layout = ReviewSheetLayout.For(rows);
            var folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(folder))
            {
                PrivateFiles.EnsureFolder(folder);
            }

            // Written beside under a name nobody can guess and renamed, so a crash never leaves half a sheet under the
            // real name; owner-only like the plans and snapshots, as it holds the same names, e-mails and phones.
            ReplacedFile.Write(path, ownerOnly: true, stream =>
            {
                using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 1 << 16, leaveOpen: true);
                WriteLine(writer, layout.Header);
                foreach (var change in rows)
                {
                    WriteLine(writer, layout.Row(change));
                }
            });
            return rows.Count;
        }

        private static void WriteLine(TextWriter writer, IReadOnlyList<string> cells)
        {
            var line = new StringBuilder(256);
            for (var i = 0; i < cells.Count; i++)
            {
                if (i > 0)
                {
                    line.Append(',');
                }

                line.Append('"').Append(cells[i].Replace("\"", "\"\"")).Append('"');
            }

            writer.Write(line.Append("\r\n").ToString());
        }
    }
}

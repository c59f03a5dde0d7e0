using System;
using System.IO;
using System.Text;
using System.Text.Json;

namespace Aether.TitanHst.Apply
{
    /// <summary>
    /// When a run's last pass ended, from the time on the journal's own end line (under its MAC), never from the
    /// file's modification time, which a copy, a backup restore or a touch changes.
    /// </summary>
    internal static class JournalEndTime
    {
        // An end line is about 150 bytes; the tail read stays small however long the journal is.
        private const int Tail = 4096;

        private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

        /// <summary>The end line's time, or null when the journal's last complete line is not an authentic end line.</summary>
        internal static DateTimeOffset? Read(string path, JournalLineMac mac)
        {
            byte[] bytes;
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
            {
                var length = (int)Math.Min(stream.Length, Tail);
                stream.Seek(-length, SeekOrigin.End);
                bytes = new byte[length];
                var read = 0;
                while (read < length && stream.Read(bytes, read, length - read) is var n && n > 0)
                {
                    read += n;
                }
            }

            var text = Encoding.UTF8.GetString(bytes);
            var end = text.LastIndexOf('\n');
            if (end <= 0)
            {
                return null;
            }

            // Bytes after the last newline are a torn write (ignored, as the journal reader does); a line cut by the tail read fails its MAC.
            var start = text.LastIndexOf('\n', end - 1) + 1;
            var line = text.Substring(start, end - start);
            if (!mac.Verify(line))
            {
                return null;
            }

            try
            {
                var record = JsonSerializer.Deserialize<JournalRecord>(line, Json);
                return record?.Phase == JournalRecord.EndPhase ? record.Time : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }
}

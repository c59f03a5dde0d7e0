using System;
using System.Globalization;
using System.Text.Json;

namespace Aether.TitanHst.Target
{
    /// <summary>
    /// How a kept snapshot was made, written in its end line (only known when the read is over): full or incremental,
    /// when the last full read and the last refresh happened, the high-water mark the next refresh starts from, and
    /// the pages read. All times are TitanHST's clock (its Date header), never this machine's.
    /// </summary>
    public sealed class SnapshotReadInfo
    {
        public SnapshotReadInfo(TargetReadMode made, DateTimeOffset fullReadAt, DateTimeOffset? refreshedAt, DateTimeOffset highWaterMark, long pages)
        {
            Made = made;
            FullReadAt = fullReadAt;
            RefreshedAt = refreshedAt;
            HighWaterMark = highWaterMark;
            Pages = pages;
        }

        public TargetReadMode Made { get; }

        /// <summary>When the last full read started, by TitanHST's clock.</summary>
        public DateTimeOffset FullReadAt { get; }

        /// <summary>When the last incremental read started; null when the snapshot is a full read.</summary>
        public DateTimeOffset? RefreshedAt { get; }

        /// <summary>Every change TitanHST made before this instant is in the snapshot (save what docs/target-reads.md lists).</summary>
        public DateTimeOffset HighWaterMark { get; }

        /// <summary>Pages requested by the read that made this snapshot.</summary>
        public long Pages { get; }

        /// <summary>When the records were last brought up to date: the refresh, else the full read.</summary>
        public DateTimeOffset LastReadAt => RefreshedAt ?? FullReadAt;

        // Member names in the end line: our format, not TitanHST's.
        internal const string Member = "read";
        private const string MadeName = "made";
        private const string FullReadAtName = "fullReadAt";
        private const string RefreshedAtName = "refreshedAt";
        private const string HighWaterMarkName = "highWaterMark";
        private const string PagesName = "pages";

        internal static void Write(Utf8JsonWriter w, SnapshotReadInfo read)
        {
            w.WriteStartObject(Member);
            w.WriteString(MadeName, read.Made == TargetReadMode.Full ? "full" : "incremental");
            w.WriteString(FullReadAtName, TargetSnapshotWriter.FormatTime(read.FullReadAt));
            if (read.RefreshedAt is { } refreshed)
            {
                w.WriteString(RefreshedAtName, TargetSnapshotWriter.FormatTime(refreshed));
            }

            w.WriteString(HighWaterMarkName, TargetSnapshotWriter.FormatTime(read.HighWaterMark));
            w.WriteNumber(PagesName, read.Pages);
            w.WriteEndObject();
        }

        /// <summary>Reads the <c>read</c> member of an end line; null with <paramref name="problem"/> set when it is missing or malformed.</summary>
        internal static SnapshotReadInfo? Parse(JsonElement endLine, out string problem)
        {
            problem = string.Empty;
            if (!endLine.TryGetProperty(Member, out var read) || read.ValueKind != JsonValueKind.Object)
            {
                problem = "the end line records no read (made with Get-TitanHstStaff -OutFile, not kept by a refresh)";
                return null;
            }

            var madeText = read.TryGetProperty(MadeName, out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            TargetReadMode? made = madeText switch { "full" => TargetReadMode.Full, "incremental" => TargetReadMode.Incremental, _ => null };
            var fullReadAt = Time(read, FullReadAtName);
            var highWaterMark = Time(read, HighWaterMarkName);
            var refreshedAt = read.TryGetProperty(RefreshedAtName, out _) ? Time(read, RefreshedAtName) : null;
            long pages = -1;
            var pagesOk = read.TryGetProperty(PagesName, out var p) && p.ValueKind == JsonValueKind.Number && p.TryGetInt64(out pages) && pages >= 0;
            if (made is null || fullReadAt is null || highWaterMark is null || !pagesOk || (read.TryGetProperty(RefreshedAtName, out _) && refreshedAt is null))
            {
                problem = "the end line's read record is malformed";
                return null;
            }

            return new SnapshotReadInfo(made.Value, fullReadAt.Value, refreshedAt, highWaterMark.Value, pages);
        }

        private static DateTimeOffset? Time(JsonElement parent, string name) =>
            parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParseExact(value.GetString(), "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
                ? time
                : null;
    }
}

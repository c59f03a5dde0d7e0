using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Aether.TitanHst.Errors;
using Aether.TitanHst.Security;

namespace Aether.TitanHst.Audit
{
    /// <summary>
    /// The layout of an audit folder: one file per UTC month, <c>audit-yyyy-MM.jsonl</c>, whose names sort in
    /// chain order; <c>audit.key</c> (the HMAC key for hashed values) and <c>audit.lock</c> beside them.
    /// </summary>
    public static class AuditFolder
    {
        public const string KeyFileName = "audit.key";
        public const string LockFileName = "audit.lock";
        private const string Prefix = "audit-";
        private const string Extension = ".jsonl";

        /// <summary>
        /// The one spelling of a log folder: full, with no trailing separator. Checkpoints name their log by it, and the
        /// anchor's are matched by it: "./audit/" and "./audit" are one log, so a deleted log is found however it is written.
        /// </summary>
        public static string Canonical(string folder)
        {
            var full = Path.GetFullPath(folder);
            var trimmed = full.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
            return trimmed.Length == 0 || trimmed.EndsWith(":", StringComparison.Ordinal) ? full : trimmed;
        }

        /// <summary>The file name for entries written in <paramref name="time"/>'s UTC month.</summary>
        public static string FileNameFor(DateTimeOffset time) =>
            Prefix + time.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture) + Extension;

        /// <summary>The log files in chain order (oldest month first); empty when the folder does not exist.</summary>
        /// <exception cref="InputFileException">A log file's name is a link or another entry that is not a regular file (<see cref="AuditErrorIds.AuditFileNotRegular"/>).</exception>
        public static IReadOnlyList<string> ListFiles(string folder)
        {
            if (!Directory.Exists(folder))
            {
                return Array.Empty<string>();
            }

            var files = Directory.EnumerateFiles(folder, Prefix + "*" + Extension)
                .Where(f => MonthOf(f) is not null)
                .OrderBy(f => Path.GetFileName(f), StringComparer.Ordinal)
                .ToList();
            foreach (var file in files)
            {
                RegularFiles.Require(file, why => NotRegular(file, why));
            }

            return files;
        }

        /// <summary>
        /// The refusal of a name in the folder that is not a regular file: someone who can write the folder planted it
        /// (a link to the installation key has its target truncated or appended to if followed). Names the file, never its content.
        /// </summary>
        internal static InputFileException NotRegular(string path, string why) =>
            new(AuditErrorIds.AuditFileNotRegular, path, 0, string.Empty,
                $"is {why}, where the audit log keeps a regular file: it was planted by someone who can write the audit folder. "
                + "Nothing was read, written or changed through it, and what it points to is untouched. Remove it, then verify the log (Test-TitanHstAuditLog)");

        /// <summary>The first instant of the file's month, or null for a name that is not a log file's.</summary>
        public static DateTimeOffset? MonthOf(string file)
        {
            var name = Path.GetFileName(file);
            if (name.Length != Prefix.Length + 7 + Extension.Length || !name.StartsWith(Prefix, StringComparison.Ordinal) || !name.EndsWith(Extension, StringComparison.Ordinal))
            {
                return null;
            }

            return DateTime.TryParseExact(name.Substring(Prefix.Length, 7), "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var month)
                ? new DateTimeOffset(DateTime.SpecifyKind(month, DateTimeKind.Utc))
                : null;
        }

        /// <summary>The first instant after the file's month: every entry in it is older than this.</summary>
        public static DateTimeOffset EndOf(string file) => MonthOf(file)?.AddMonths(1) ?? DateTimeOffset.MaxValue;
    }
}

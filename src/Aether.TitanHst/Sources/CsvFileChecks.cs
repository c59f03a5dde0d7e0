using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Aether.TitanHst.Errors;

namespace Aether.TitanHst.Sources
{
    /// <summary>
    /// What an export must be as a file, whichever parser splits its rows: a byte order mark that agrees with the
    /// declared encoding, bytes the encoding decodes (named by byte and line when not), a header without a column
    /// named twice, and every column the contract reads. The messages never echo more of a foreign file than a
    /// header-like line.
    /// </summary>
    internal static class CsvFileChecks
    {
        /// <summary>The most characters of header names an error message lists (a foreign file's header can be huge).</summary>
        internal const int MaxListedHeaderChars = 300;

        /// <summary>How many times <paramref name="delimiter"/> occurs in <paramref name="text"/>.</summary>
        internal static int CountOf(string text, string delimiter)
        {
            var count = 0;
            for (var at = text.IndexOf(delimiter, StringComparison.Ordinal); at >= 0; at = text.IndexOf(delimiter, at + delimiter.Length, StringComparison.Ordinal))
            {
                count++;
            }

            return count;
        }

        internal static int CheckByteOrderMark(ReadOnlySpan<byte> head, string path, string declared, string? advice = null)
        {
            var mark = ByteOrderMarks.Detect(head);
            var utf8 = TextEncodings.IsUtf8(declared);
            var utf16 = declared.Trim().StartsWith("utf-16", StringComparison.OrdinalIgnoreCase);
            if (mark == ByteOrderMark.Utf16BigEndian)
            {
                throw new InputFileException(InputErrorIds.SourceEncodingInvalid, path, 1, string.Empty,
                    "the file starts with a UTF-16 big-endian byte order mark; big-endian files are not supported: re-export the file as UTF-8 or UTF-16 little-endian");
            }

            if ((mark == ByteOrderMark.Utf8 && !utf8) || (mark == ByteOrderMark.Utf16LittleEndian && !utf16))
            {
                var found = mark == ByteOrderMark.Utf8 ? "UTF-8" : "UTF-16";
                throw new InputFileException(InputErrorIds.SourceEncodingInvalid, path, 1, string.Empty,
                    advice is null
                        ? $"the file starts with a {found} byte order mark but the contract declares encoding '{declared}'; set the source's encoding to '{found.ToLowerInvariant()}' or re-export the file"
                        : $"the file starts with a {found} byte order mark, not {declared}; {advice}");
            }

            return ByteOrderMarks.Length(mark);
        }

        /// <summary>Refuses a header that names a column twice (ignoring case): which of the two holds the data is ambiguous.</summary>
        internal static void CheckHeaderNames(string[] header, string path, int line)
        {
            var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < header.Length; i++)
            {
                if (header[i].Length == 0)
                {
                    continue;
                }

                if (seen.TryGetValue(header[i], out var first))
                {
                    throw new InputFileException(InputErrorIds.SourceHeaderDuplicate, path, line, Shorten(header[i], 80),
                        $"the header names this column twice (fields {first + 1} and {i + 1}); which one holds the data is ambiguous");
                }

                seen[header[i]] = i;
            }
        }

        internal static int[] ResolveColumns(string[] header, IReadOnlyList<string> columns, string path, int headerLine, string columnsProperty, bool missingReadBlank, string delimiter)
        {
            var indexes = new int[columns.Count];
            for (var c = 0; c < columns.Count; c++)
            {
                indexes[c] = Array.FindIndex(header, h => string.Equals(h, columns[c], StringComparison.OrdinalIgnoreCase));
                if (indexes[c] < 0 && missingReadBlank)
                {
                    indexes[c] = int.MaxValue; // past any row's last field: the indexer reads it as blank
                }
                else if (indexes[c] < 0)
                {
                    // Every column missing because of one wrong delimiter is one error, not "is this the right file?".
                    HeaderDelimiter.Check(header, columns, delimiter, path, headerLine);
                    throw new InputFileException(InputErrorIds.SourceColumnMissing, path, headerLine, columns[c],
                        $"the column is named in the contract ({columnsProperty}) but is missing from the header ({DescribeHeader(header)})");
                }
            }

            return indexes;
        }

        /// <summary>
        /// Lists the header for a "missing column" message, but only when it looks like a header (short names, no
        /// more than a few hundred characters): a contract pointed at some other file must not echo that file's content.
        /// </summary>
        internal static string DescribeHeader(IReadOnlyList<string> header)
        {
            var looksLikeHeader = header.Count > 0 && header.All(LooksLikeColumnName);
            if (!looksLikeHeader)
            {
                return $"the first line has {header.Count} field{(header.Count == 1 ? string.Empty : "s")} that do not look like column names; is this the right file?";
            }

            var listed = new StringBuilder("found: ");
            for (var i = 0; i < header.Count; i++)
            {
                var next = (i == 0 ? string.Empty : ", ") + header[i];
                if (listed.Length + next.Length > MaxListedHeaderChars)
                {
                    listed.Append($", ... and {header.Count - i} more");
                    break;
                }

                listed.Append(next);
            }

            return listed.ToString();
        }

        // Letters, digits, spaces and a little punctuation: "NAME=\"Secret\"" from a foreign file is not a column name.
        private static bool LooksLikeColumnName(string name) =>
            name.Length <= 64 && name.All(c => char.IsLetterOrDigit(c) || c is ' ' or '_' or '-' or '.' or '/' or '#' or '(' or ')');

        private static string Shorten(string text, int max) => text.Length <= max ? text : text.Substring(0, max) + "...";

        /// <summary>An export with no header row (nothing, or only line breaks): a failed export job, not "everyone left".</summary>
        internal static InputFileException EmptyFile(string path) =>
            new(InputErrorIds.SourceFileEmpty, path, 1, string.Empty, "the file is empty: a header row is expected");

        internal static InputFileException EncodingError(string path, Encoding encoding, byte[] bytes, int bomLength, DecoderFallbackException ex, string? advice = null)
        {
            var found = InvalidByteLocator.Find(bytes, encoding, bomLength);
            var name = encoding.WebName;
            var hint = advice is not null ? "; " + advice : encoding is UTF8Encoding ? "; the file may be Windows-1252: set the source's encoding to 'windows-1252'" : string.Empty;
            var problem = found.Byte < 0
                ? $"the file is not valid {name}{hint}"
                : found.Truncated
                    ? $"the file ends in the middle of a multi-byte {name} sequence that starts with byte 0x{found.Byte:X2} (a truncated export?)"
                    : $"byte 0x{found.Byte:X2} is not valid {name}{hint}";
            return new InputFileException(InputErrorIds.SourceEncodingInvalid, path, found.Line, string.Empty, problem, ex);
        }
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Aether.TitanHst.Errors;
using CsvHelper;
using CsvHelper.Configuration;

namespace Aether.TitanHst.Sources
{
    /// <summary>
    /// Streams the rows of a delimited export, giving only the columns asked for, each row with its line.
    /// </summary>
    /// <remarks>
    /// Strict where a silent guess would corrupt staff data: the declared encoding must decode every byte, a byte
    /// order mark must agree with it, header names must be unique, every asked-for column must exist, and a row
    /// whose field count differs from the header's (an unquoted comma in a name) is reported, not shifted.
    /// </remarks>
    public sealed class CsvFileReader : IDisposable
    {
        private readonly CsvParser _parser;
        private readonly Encoding _encoding;
        private readonly int _bomLength;
        private readonly int[] _indexes;
        private string? _badData;

        private CsvFileReader(string path, CsvParser parser, Encoding encoding, int bomLength, IReadOnlyList<string> header, int headerLine, int[] indexes)
        {
            Path = path;
            _parser = parser;
            _encoding = encoding;
            _bomLength = bomLength;
            Header = header;
            HeaderLine = headerLine;
            _indexes = indexes;
        }

        public string Path { get; }

        public IReadOnlyList<string> Header { get; }

        public int HeaderLine { get; }

        /// <summary>The 1-based line on which the current row ends (rows spanning lines are rare in staff exports).</summary>
        public int Line { get; private set; }

        /// <summary>Why the current row cannot be trusted, or null when it can.</summary>
        public string? RowProblem { get; private set; }

        /// <summary>The value of the <paramref name="ordinal"/>-th requested column in the current row.</summary>
        public string this[int ordinal] => _indexes[ordinal] < _parser.Count ? _parser[_indexes[ordinal]] ?? string.Empty : string.Empty;

        /// <summary>Opens <paramref name="path"/> and checks its header against the columns requested.</summary>
        /// <param name="path">The export file.</param>
        /// <param name="options">Encoding and delimiter from the contract.</param>
        /// <param name="columns">The columns to read, by header name (case-insensitive).</param>
        /// <param name="columnsProperty">Where the contract lists the columns, for error messages.</param>
        public static CsvFileReader Open(string path, CsvFileOptions options, IReadOnlyList<string> columns, string columnsProperty = "columns")
        {
            if (!File.Exists(path))
            {
                throw new InputFileException(InputErrorIds.FileNotFound, path, 0, string.Empty, "file not found");
            }

            var encoding = TextEncodings.Resolve(options.Encoding);
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            try
            {
                var bomLength = SkipByteOrderMark(stream, path, options.Encoding);
                var reader = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);
                CsvFileReader? result = null;
                var config = new CsvConfiguration(CultureInfo.InvariantCulture)
                {
                    Delimiter = options.Delimiter,
                    HasHeaderRecord = true,
                    IgnoreBlankLines = true,
                    CacheFields = true,
                    BadDataFound = args =>
                    {
                        if (result is not null)
                        {
                            result._badData = "a quote inside an unquoted field";
                        }
                    },
                };
                var parser = new CsvParser(reader, config);
                var header = ReadHeader(parser, path, encoding, bomLength);
                var indexes = ResolveColumns(header, columns, path, parser.RawRow, columnsProperty);
                result = new CsvFileReader(path, parser, encoding, bomLength, header, parser.RawRow, indexes);
                return result;
            }
            catch
            {
                stream.Dispose();
                throw;
            }
        }

        /// <summary>Moves to the next data row; false at the end of the file.</summary>
        public bool Read()
        {
            _badData = null;
            bool more;
            try
            {
                more = _parser.Read();
            }
            catch (DecoderFallbackException ex)
            {
                throw EncodingError(Path, _encoding, _bomLength, ex);
            }

            if (!more)
            {
                return false;
            }

            Line = _parser.RawRow;
            RowProblem = _badData ?? (_parser.Count != Header.Count
                ? $"row has {_parser.Count} field{(_parser.Count == 1 ? string.Empty : "s")} but the header has {Header.Count} (an unquoted delimiter in a value?)"
                : null);
            return true;
        }

        public void Dispose() => _parser.Dispose();

        private static int SkipByteOrderMark(Stream stream, string path, string declared)
        {
            var head = new byte[3];
            var count = stream.Read(head, 0, 3);
            var mark = ByteOrderMarks.Detect(head, count);
            var utf8 = TextEncodings.IsUtf8(declared);
            var utf16 = declared.Trim().StartsWith("utf-16", StringComparison.OrdinalIgnoreCase);
            if ((mark == ByteOrderMark.Utf8 && !utf8) || (mark is ByteOrderMark.Utf16LittleEndian or ByteOrderMark.Utf16BigEndian && !utf16)
                || mark == ByteOrderMark.Utf16BigEndian)
            {
                var found = mark == ByteOrderMark.Utf8 ? "UTF-8" : "UTF-16";
                throw new InputFileException(InputErrorIds.SourceEncodingInvalid, path, 1, string.Empty,
                    $"the file starts with a {found} byte order mark but the contract declares encoding '{declared}'; set the source's encoding to '{found.ToLowerInvariant()}' or re-export the file");
            }

            var length = ByteOrderMarks.Length(mark);
            stream.Position = length;
            return length;
        }

        private static string[] ReadHeader(CsvParser parser, string path, Encoding encoding, int bomLength)
        {
            try
            {
                if (!parser.Read())
                {
                    throw new InputFileException(InputErrorIds.SourceFileEmpty, path, 1, string.Empty, "the file is empty: a header row is expected");
                }
            }
            catch (DecoderFallbackException ex)
            {
                throw EncodingError(path, encoding, bomLength, ex);
            }

            var header = parser.Record?.Select(h => h.Trim()).ToArray() ?? Array.Empty<string>();
            var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < header.Length; i++)
            {
                if (header[i].Length == 0)
                {
                    continue;
                }

                if (seen.TryGetValue(header[i], out var first))
                {
                    throw new InputFileException(InputErrorIds.SourceHeaderDuplicate, path, parser.RawRow, header[i],
                        $"the header names this column twice (fields {first + 1} and {i + 1}); which one holds the data is ambiguous");
                }

                seen[header[i]] = i;
            }

            return header;
        }

        private static int[] ResolveColumns(string[] header, IReadOnlyList<string> columns, string path, int headerLine, string columnsProperty)
        {
            var indexes = new int[columns.Count];
            for (var c = 0; c < columns.Count; c++)
            {
                indexes[c] = Array.FindIndex(header, h => string.Equals(h, columns[c], StringComparison.OrdinalIgnoreCase));
                if (indexes[c] < 0)
                {
                    throw new InputFileException(InputErrorIds.SourceColumnMissing, path, headerLine, columns[c],
                        $"the column is named in the contract ({columnsProperty}) but is missing from the header (found: {string.Join(", ", header)})");
                }
            }

            return indexes;
        }

        private static InputFileException EncodingError(string path, Encoding encoding, int bomLength, DecoderFallbackException ex)
        {
            var (line, value) = InvalidByteLocator.Find(path, encoding, bomLength);
            var name = encoding.WebName;
            var hint = encoding is UTF8Encoding ? "; the file may be Windows-1252: set the source's encoding to 'windows-1252'" : string.Empty;
            return new InputFileException(InputErrorIds.SourceEncodingInvalid, path, line, string.Empty,
                $"byte 0x{value:X2} is not valid {name}{hint}", ex);
        }
    }
}

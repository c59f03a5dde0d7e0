using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Errors;
using Aether.TitanHst.Sources;
using CsvHelper;
using CsvHelper.Configuration;

namespace Aether.TitanHst.Tests.Sources
{
    /// <summary>
    /// The CSV reader as it was before the span reader (CsvHelper's <c>CsvParser</c> with the strictness checks on
    /// top), kept as the reference the differential test compares <see cref="CsvFileReader"/> with: its row splitting
    /// and row checks word for word; the file-level checks (byte order mark, encoding errors, header names and
    /// columns), which the span reader did not change, are the shared <see cref="CsvFileChecks"/>.
    /// </summary>
    /// <remarks>
    /// Strict where a silent guess would corrupt staff data: the declared encoding must decode every byte, a byte
    /// order mark must agree with it, header names must be unique, every asked-for column must exist, and a row
    /// whose field count differs from the header's (an unquoted comma in a name), that holds a stray quote, or whose
    /// quoted field swallowed what reads as whole rows is reported, never shifted or trusted.
    /// The file is read into memory once: its hash (<see cref="Hash"/>) is of exactly the bytes the rows came from,
    /// so an export rewritten while a diff runs cannot give the plan one file's hash and another file's rows.
    /// </remarks>
    internal sealed class CsvHelperReferenceReader : IDisposable
    {
        private static readonly string[] LineEndings = { "\r\n", "\r", "\n" };

        private readonly CsvParser _parser;
        private readonly Encoding _encoding;
        private readonly byte[] _bytes;
        private readonly int _bomLength;
        private readonly int[] _indexes;
        private string? _badData;

        private CsvHelperReferenceReader(string path, byte[] bytes, CsvParser parser, Encoding encoding, int bomLength, IReadOnlyList<string> header, int headerLine, int[] indexes, string delimiter)
        {
            Path = path;
            _bytes = bytes;
            _parser = parser;
            _encoding = encoding;
            _bomLength = bomLength;
            Header = header;
            HeaderLine = headerLine;
            _indexes = indexes;
            Delimiter = delimiter;
            Hash = ContentHash.OfBytes(bytes);
        }

        public string Path { get; }

        public IReadOnlyList<string> Header { get; }

        public int HeaderLine { get; }

        public string Delimiter { get; }

        /// <summary>The SHA-256 ("sha256:...") of the bytes this reader parses.</summary>
        public string Hash { get; }

        /// <summary>The 1-based line on which the current row ends.</summary>
        public int Line { get; private set; }

        /// <summary>The 1-based line on which the current row starts (the same as <see cref="Line"/> unless a quoted value spans lines).</summary>
        public int StartLine { get; private set; }

        /// <summary>Why the current row cannot be trusted, or null when it can.</summary>
        public string? RowProblem { get; private set; }

        /// <summary>True when the current row's problem is a quoted field that swallowed whole rows (a stray opening quote).</summary>
        public bool RowsSwallowed { get; private set; }

        /// <summary>The value of the <paramref name="ordinal"/>-th requested column in the current row.</summary>
        public string this[int ordinal] => _indexes[ordinal] < _parser.Count ? _parser[_indexes[ordinal]] ?? string.Empty : string.Empty;

        /// <summary>Opens <paramref name="path"/> and checks its header against the columns requested.</summary>
        /// <param name="path">The export file.</param>
        /// <param name="options">Encoding and delimiter from the contract.</param>
        /// <param name="columns">The columns to read, by header name (case-insensitive).</param>
        /// <param name="columnsProperty">Where the contract lists the columns, for error messages.</param>
        public static CsvHelperReferenceReader Open(string path, CsvFileOptions options, IReadOnlyList<string> columns, string columnsProperty = "columns")
        {
            if (!File.Exists(path))
            {
                throw new InputFileException(InputErrorIds.FileNotFound, path, 0, string.Empty, "file not found");
            }

            return Open(path, File.ReadAllBytes(path), options, columns, columnsProperty);
        }

        /// <summary>Reads <paramref name="bytes"/>, the content of <paramref name="path"/>, as <see cref="Open(string, CsvFileOptions, IReadOnlyList{string}, string)"/> does.</summary>
        public static CsvHelperReferenceReader Open(string path, byte[] bytes, CsvFileOptions options, IReadOnlyList<string> columns, string columnsProperty = "columns")
        {
            var encoding = TextEncodings.Resolve(options.Encoding);
            var bomLength = CsvFileChecks.CheckByteOrderMark(bytes, path, options.Encoding);
            var reader = new StreamReader(new MemoryStream(bytes, bomLength, bytes.Length - bomLength, writable: false), encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);
            CsvHelperReferenceReader? result = null;
            var config = new CsvConfiguration(CultureInfo.InvariantCulture)
            {
                Delimiter = options.Delimiter,
                HasHeaderRecord = true,
                IgnoreBlankLines = true,
                // No field cache: it keeps every distinct value of the whole file alive in a hash table (most of
                // the extract's allocations at 100k, and seconds of GC at 1M); each requested value is read once.
                CacheFields = false,
                BadDataFound = args =>
                {
                    if (result is not null)
                    {
                        result._badData = "a quote inside an unquoted field, or text after a closing quote";
                    }
                },
            };
            var parser = new CsvParser(reader, config);
            try
            {
                var header = ReadHeader(parser, path, encoding, bytes, bomLength);
                var indexes = CsvFileChecks.ResolveColumns(header, columns, path, parser.RawRow, columnsProperty, options.MissingColumnsReadBlank, options.Delimiter);
                result = new CsvHelperReferenceReader(path, bytes, parser, encoding, bomLength, header, parser.RawRow, indexes, options.Delimiter);
                return result;
            }
            catch
            {
                parser.Dispose();
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
                throw CsvFileChecks.EncodingError(Path, _encoding, _bytes, _bomLength, ex);
            }

            if (!more)
            {
                return false;
            }

            Line = _parser.RawRow;
            // CsvHelper builds a new string each time the raw record is asked for: once per row is enough.
            var raw = _parser.RawRecord ?? string.Empty;
            var innerBreaks = LineBreaks.Count(raw, trailing: false);
            StartLine = Math.Max(HeaderLine + 1, Line - innerBreaks);
            // Only a value holding a line break can swallow rows; without one, no field needs to be read for it.
            var swallowed = innerBreaks == 0 ? 0 : SwallowedRows();
            RowsSwallowed = swallowed > 0;
            RowProblem = RowsSwallowed
                ? $"a quoted value starting on line {StartLine} runs to line {Line} and holds what reads as {swallowed} whole row{(swallowed == 1 ? string.Empty : "s")} (a stray opening quote?); every row in that range is untrusted"
                : _badData ?? (HasQuoteInUnquotedField(raw) ? "a quote inside an unquoted field" : null) ?? (AnyBadField() ? CsvFileReader.TextAfterClosingQuote : null) ?? (_parser.Count != Header.Count
                    ? $"row has {_parser.Count} field{(_parser.Count == 1 ? string.Empty : "s")} but the header has {Header.Count} (an unquoted delimiter in a value?)"
                    : null);
            return true;
        }

        /// <summary>
        /// Every value the current row could hold, split at delimiters and line breaks: when a row cannot be trusted,
        /// any of these could be the key of the person it belongs to.
        /// </summary>
        public IReadOnlyList<string> Tokens()
        {
            var tokens = new List<string>();
            var separators = new[] { Delimiter, "\r\n", "\r", "\n", "\"" };
            for (var i = 0; i < _parser.Count; i++)
            {
                foreach (var part in (_parser[i] ?? string.Empty).Split(separators, StringSplitOptions.RemoveEmptyEntries))
                {
                    var token = part.Trim().Trim('"').Trim();
                    if (token.Length > 0)
                    {
                        tokens.Add(token);
                    }
                }
            }

            return tokens;
        }

        public void Dispose() => _parser.Dispose();

        // The reader that replaced this one also refuses text after a closing quote on a one-line row; CsvHelper
        // reports it only when the field is read, so every field is read here to compare the two.
        private bool AnyBadField()
        {
            for (var i = 0; i < _parser.Count; i++)
            {
                _ = _parser[i];
            }

            return _badData is not null;
        }

        /// <summary>How many lines inside one of the row's values read as whole rows of this file (0 for an honest multi-line value).</summary>
        private int SwallowedRows()
        {
            var needed = Math.Max(1, Header.Count - 1);
            var rows = 0;
            for (var i = 0; i < _parser.Count; i++)
            {
                var value = _parser[i] ?? string.Empty;
                if (value.IndexOf('\n') < 0 && value.IndexOf('\r') < 0)
                {
                    continue;
                }

                var lines = value.Split(LineEndings, StringSplitOptions.None);
                for (var l = 1; l < lines.Length; l++)
                {
                    if (CsvFileChecks.CountOf(lines[l], Delimiter) >= needed)
                    {
                        rows++;
                    }
                }
            }

            return rows;
        }

        // CsvHelper keeps a quote that sits inside an unquoted value (Tr"an) without complaint; a field that was
        // quoted in the file starts with a quote in the raw record, so a quote in any other field is stray.
        private bool HasQuoteInUnquotedField(string raw)
        {
            if (raw.IndexOf('"') < 0)
            {
                return false;
            }

            var insideQuotes = false;
            var fieldStart = true;
            for (var i = 0; i < raw.Length; i++)
            {
                var c = raw[i];
                if (insideQuotes)
                {
                    if (c == '"')
                    {
                        if (i + 1 < raw.Length && raw[i + 1] == '"')
                        {
                            i++;
                        }
                        else
                        {
                            insideQuotes = false;
                        }
                    }

                    continue;
                }

                if (string.CompareOrdinal(raw, i, Delimiter, 0, Delimiter.Length) == 0)
                {
                    fieldStart = true;
                    i += Delimiter.Length - 1;
                    continue;
                }

                if (c == '"')
                {
                    if (!fieldStart)
                    {
                        return true;
                    }

                    insideQuotes = true;
                }

                fieldStart = false;
            }

            return false;
        }

        private static string[] ReadHeader(CsvParser parser, string path, Encoding encoding, byte[] bytes, int bomLength)
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
                throw CsvFileChecks.EncodingError(path, encoding, bytes, bomLength, ex);
            }

            var header = parser.Record?.Select(h => h.Trim()).ToArray() ?? Array.Empty<string>();
            CsvFileChecks.CheckHeaderNames(header, path, parser.RawRow);
            return header;
        }
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Errors;

namespace Aether.TitanHst.Sources
{
    /// <summary>
    /// Streams the rows of a delimited export, giving only the columns asked for, each row with its lines.
    /// </summary>
    /// <remarks>
    /// Strict where a silent guess would corrupt staff data: the declared encoding must decode every byte, a byte
    /// order mark must agree with it, header names must be unique, every asked-for column must exist, and a row
    /// whose field count differs from the header's (an unquoted comma in a name), that holds a stray quote, or whose
    /// quoted field swallowed what reads as whole rows is reported, never shifted or trusted.
    /// The file is read once, a chunk at a time, and hashed as it is read: its hash (<see cref="Hash"/>) is of exactly
    /// the bytes the rows came from, so an export rewritten while a diff runs cannot give the plan one file's hash and
    /// another file's rows.
    /// The rows are split by <see cref="CsvRowScanner"/> over a pooled buffer (docs/decisions/0019-csv-reader.md): a
    /// value becomes a string only when asked for, and <see cref="ValueSpan"/> lets a caller intern it without one.
    /// </remarks>
    public sealed class CsvFileReader : IDisposable
    {
        /// <summary>The problem of a row with text after a closing quote on one line ("Smith"x).</summary>
        internal const string TextAfterClosingQuote = "text after a closing quote";

        private static readonly string[] LineEndings = { "\r\n", "\r", "\n" };

        private readonly HashedChunkReader _bytes;
        private readonly CsvRowScanner _scanner;
        private readonly Encoding _encoding;
        private readonly Func<byte[]> _allBytes;
        private readonly int _bomLength;
        private readonly string? _encodingAdvice;
        private readonly int[] _indexes;

        private CsvFileReader(string path, HashedChunkReader bytes, Func<byte[]> allBytes, CsvRowScanner scanner, Encoding encoding, int bomLength, IReadOnlyList<string> header, int headerLine, int[] indexes, string delimiter, string? encodingAdvice)
        {
            _encodingAdvice = encodingAdvice;
            Path = path;
            _bytes = bytes;
            _allBytes = allBytes;
            _scanner = scanner;
            _encoding = encoding;
            _bomLength = bomLength;
            Header = header;
            HeaderLine = headerLine;
            _indexes = indexes;
            Delimiter = delimiter;
        }

        public string Path { get; }

        public IReadOnlyList<string> Header { get; }

        public int HeaderLine { get; }

        public string Delimiter { get; }

        /// <summary>
        /// The SHA-256 ("sha256:...") of every byte of the file, the bytes the rows come from: known once the reader
        /// reached the end of the file, which is always so once <see cref="Read"/> returned false.
        /// </summary>
        /// <exception cref="InvalidOperationException">Bytes are left in the file: a hash now would be of a prefix.</exception>
        public string Hash => _bytes.Hash;

        /// <summary>The 1-based line on which the current row ends.</summary>
        public int Line { get; private set; }

        /// <summary>The 1-based line on which the current row starts (the same as <see cref="Line"/> unless a quoted value spans lines).</summary>
        public int StartLine { get; private set; }

        /// <summary>Why the current row cannot be trusted, or null when it can.</summary>
        public string? RowProblem { get; private set; }

        /// <summary>True when the current row's problem is a quoted field that swallowed whole rows (a stray opening quote).</summary>
        public bool RowsSwallowed { get; private set; }

        /// <summary>How many fields the current row holds (the header's count when it is well formed).</summary>
        public int FieldCount => _scanner.Count;

        /// <summary>The value of the <paramref name="ordinal"/>-th requested column in the current row.</summary>
        public string this[int ordinal] => Text(ValueSpan(ordinal));

        /// <summary>
        /// The value of the <paramref name="ordinal"/>-th requested column without making a string of it: valid only
        /// until the next call on this reader (it may sit in a scratch buffer reused for the next quoted value).
        /// </summary>
        [MethodImpl(Hot.Path)]
        internal ReadOnlySpan<char> ValueSpan(int ordinal) => _indexes[ordinal] < _scanner.Count ? _scanner.Value(_indexes[ordinal]) : ReadOnlySpan<char>.Empty;

        /// <summary>Opens <paramref name="path"/> and checks its header against the columns requested.</summary>
        /// <param name="path">The export file.</param>
        /// <param name="options">Encoding and delimiter from the contract.</param>
        /// <param name="columns">The columns to read, by header name (case-insensitive).</param>
        /// <param name="columnsProperty">Where the contract lists the columns, for error messages.</param>
        public static CsvFileReader Open(string path, CsvFileOptions options, IReadOnlyList<string> columns, string columnsProperty = "columns")
        {
            InputFiles.RequireFile(path, "file not found", InputPathOrigin.Contract);

            // Only an invalid byte needs the whole file again, to name its line: the run stops there either way.
            return Open(path, HashedChunkReader.Open(path), () => File.ReadAllBytes(path), options, columns, columnsProperty);
        }

        /// <summary>Reads <paramref name="bytes"/>, the content of <paramref name="path"/>, as <see cref="Open(string, CsvFileOptions, IReadOnlyList{string}, string)"/> does.</summary>
        public static CsvFileReader Open(string path, byte[] bytes, CsvFileOptions options, IReadOnlyList<string> columns, string columnsProperty = "columns") =>
            Open(path, new HashedChunkReader(new MemoryStream(bytes, writable: false)), () => bytes, options, columns, columnsProperty);

        private static CsvFileReader Open(string path, HashedChunkReader bytes, Func<byte[]> allBytes, CsvFileOptions options, IReadOnlyList<string> columns, string columnsProperty)
        {
            CsvRowScanner? scanner = null;
            try
            {
                var encoding = TextEncodings.Resolve(options.Encoding);
                var bomLength = CsvFileChecks.CheckByteOrderMark(bytes.Head(3), path, options.Encoding, options.EncodingAdvice);
                bytes.Skip(bomLength);
                scanner = new CsvRowScanner(bytes, encoding, options.Delimiter);
                var header = ReadHeader(scanner, path, encoding, allBytes, bomLength, options.EncodingAdvice);
                var indexes = CsvFileChecks.ResolveColumns(header, columns, path, scanner.Line, columnsProperty, options.MissingColumnsReadBlank, options.Delimiter);
                return new CsvFileReader(path, bytes, allBytes, scanner, encoding, bomLength, header, scanner.Line, indexes, options.Delimiter, options.EncodingAdvice);
            }
            catch
            {
                scanner?.Dispose();
                bytes.Dispose();
                throw;
            }
        }

        /// <summary>Moves to the next data row; false at the end of the file.</summary>
        [MethodImpl(Hot.Path)]
        public bool Read()
        {
            bool more;
            try
            {
                more = _scanner.Next();
            }
            catch (DecoderFallbackException ex)
            {
                throw CsvFileChecks.EncodingError(Path, _encoding, _allBytes(), _bomLength, ex, _encodingAdvice);
            }

            if (!more)
            {
                return false;
            }

            Line = _scanner.Line;
            // Line breaks outside quotes end the row, so only a row with a quoted break can span lines.
            var raw = _scanner.Raw;
            var innerBreaks = _scanner.QuotedBreaks == 0 ? 0 : LineBreaks.Count(raw, trailing: false);
            StartLine = Math.Max(HeaderLine + 1, Line - innerBreaks);
            // Only a value holding a line break can swallow rows; without one, no field needs to be read for it.
            var swallowed = innerBreaks == 0 ? 0 : SwallowedRows();
            RowsSwallowed = swallowed > 0;
            // A misplaced quote is reported with the wider wording on rows that span lines (the wording of CsvHelper,
            // the reader this replaced, which noticed it only there); on one line, text after a closing quote
            // ("Smith"x) is reported too: CsvHelper let it through, and a value the parser had to guess is not trusted.
            var anyBad = AnyBadField();
            var badData = innerBreaks > 0 && anyBad ? "a quote inside an unquoted field, or text after a closing quote" : null;
            RowProblem = RowsSwallowed
                ? $"a quoted value starting on line {StartLine} runs to line {Line} and holds what reads as {swallowed} whole row{(swallowed == 1 ? string.Empty : "s")} (a stray opening quote?); every row in that range is untrusted"
                : badData ?? (HasQuoteInUnquotedField(raw) ? "a quote inside an unquoted field" : null) ?? (anyBad ? TextAfterClosingQuote : null) ?? (_scanner.Count != Header.Count
                    ? $"row has {_scanner.Count} field{(_scanner.Count == 1 ? string.Empty : "s")} but the header has {Header.Count} (an unquoted delimiter in a value?)"
                    : null);
            return true;
        }

        /// <summary>
        /// Every value the current row could hold, split at delimiters, line breaks and quotes: when a row cannot be
        /// trusted, any of these could be the key of the person it belongs to. Quotes too: a line break lost to a
        /// stray quote glues the next row's key to this row's last value ("555-1234"456"), and that key must still
        /// be held back, not read as gone.
        /// </summary>
        public IReadOnlyList<string> Tokens()
        {
            var tokens = new List<string>();
            var separators = new[] { Delimiter, "\r\n", "\r", "\n", "\"" };
            for (var i = 0; i < _scanner.Count; i++)
            {
                foreach (var part in Text(_scanner.Value(i)).Split(separators, StringSplitOptions.RemoveEmptyEntries))
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

        public void Dispose()
        {
            _scanner.Dispose();
            _bytes.Dispose();
        }

        private static string Text(ReadOnlySpan<char> value) => value.Length == 0 ? string.Empty : value.ToString();

        [MethodImpl(Hot.Path)]
        private bool AnyBadField()
        {
            for (var i = 0; i < _scanner.Count; i++)
            {
                if (_scanner.IsBad(i))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>How many lines inside one of the row's values read as whole rows of this file (0 for an honest multi-line value).</summary>
        private int SwallowedRows()
        {
            var needed = Math.Max(1, Header.Count - 1);
            var rows = 0;
            for (var i = 0; i < _scanner.Count; i++)
            {
                var span = _scanner.Value(i);
                if (span.IndexOfAny('\n', '\r') < 0)
                {
                    continue;
                }

                var value = span.ToString();
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

        // The scanner keeps a quote that sits inside an unquoted value (Tr"an), as CsvHelper did; a field that was
        // quoted in the file starts with a quote in the raw record, so a quote in any other field is stray.
        [MethodImpl(Hot.Path)]
        private bool HasQuoteInUnquotedField(ReadOnlySpan<char> raw)
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

                if (raw.Slice(i).StartsWith(Delimiter.AsSpan(), StringComparison.Ordinal))
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

        private static string[] ReadHeader(CsvRowScanner scanner, string path, Encoding encoding, Func<byte[]> allBytes, int bomLength, string? encodingAdvice)
        {
            try
            {
                if (!scanner.Next())
                {
                    throw CsvFileChecks.EmptyFile(path);
                }
            }
            catch (DecoderFallbackException ex)
            {
                throw CsvFileChecks.EncodingError(path, encoding, allBytes(), bomLength, ex, encodingAdvice);
            }

            var header = new string[scanner.Count];
            for (var i = 0; i < header.Length; i++)
            {
                header[i] = scanner.Value(i).ToString().Trim();
            }

            CsvFileChecks.CheckHeaderNames(header, path, scanner.Line);
            return header;
        }
    }
}

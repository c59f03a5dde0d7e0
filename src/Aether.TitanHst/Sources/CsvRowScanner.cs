using System;
using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;

namespace Aether.TitanHst.Sources
{
    /// <summary>
    /// Splits decoded CSV text into rows and fields without making a string per field: the bytes are decoded a chunk
    /// at a time into one pooled character buffer, and each row is recorded as field positions in that buffer.
    /// </summary>
    /// <remarks>
    /// The rules are RFC 4180 exactly as CsvHelper's <c>CsvParser</c> applies them (the reader this replaced, kept
    /// by the tests as the reference): a field is quoted only when its first character is a quote; "" inside quotes
    /// is one quote; a quote anywhere else marks the field bad; blank lines are skipped; CR LF, LF and a lone CR each
    /// end a line; a quoted line break counts as a line. A row that reaches the end of the buffered text is scanned
    /// again from its start once more text is decoded, so a row is never split between two chunks.
    /// Not thread-safe; the current row's positions and values are valid until the next <see cref="Next"/>.
    /// </remarks>
    internal sealed partial class CsvRowScanner : IDisposable
    {
        private static readonly char[] QuotedStops = { '"', '\r', '\n' };

        private readonly HashedChunkReader _bytes;
        private readonly Encoding _encoding;
        private readonly char[] _unquotedStops;
        private readonly Decoder _decoder;
        private readonly string _delimiter;
        private readonly char _delimiterFirst;
        private bool _decodedAll;
        private char[] _buffer;
        private int _start;
        private int _end;
        private CsvField[] _fields = new CsvField[16];

        /// <param name="bytes">The file's bytes, its byte order mark already skipped; the scanner does not dispose it.</param>
        /// <param name="encoding">The declared encoding, strict: a byte it refuses throws.</param>
        /// <param name="delimiter">The field delimiter, one or more characters.</param>
        internal CsvRowScanner(HashedChunkReader bytes, Encoding encoding, string delimiter)
        {
            _bytes = bytes;
            _encoding = encoding;
            _decoder = encoding.GetDecoder();
            _delimiter = delimiter;
            _delimiterFirst = delimiter[0];
            _unquotedStops = new[] { _delimiterFirst, '\r', '\n', '"' };
            _buffer = ArrayPool<char>.Shared.Rent(2 * HashedChunkReader.ChunkBytes);
        }

        /// <summary>The fields of the current row.</summary>
        internal int Count { get; private set; }

        /// <summary>The 1-based line on which the current row ends (blank lines and quoted line breaks counted).</summary>
        internal int Line { get; private set; }

        /// <summary>How many line breaks the current row holds inside quotes (0 for a row on one line).</summary>
        internal int QuotedBreaks { get; private set; }

        /// <summary>The current row as written, from its first character through its line ending.</summary>
        internal ReadOnlySpan<char> Raw => new(_buffer, RawStart, RawLength);

        private int RawStart { get; set; }

        private int RawLength { get; set; }

        /// <summary>Moves to the next row; false at the end of the text. Throws <see cref="DecoderFallbackException"/> on bytes the encoding refuses.</summary>
        [MethodImpl(Hot.Path)]
        internal bool Next()
        {
            while (true)
            {
                var outcome = Scan();
                if (outcome != ScanOutcome.NeedMore)
                {
                    return outcome == ScanOutcome.Row;
                }

                Fill();
            }
        }

        public void Dispose()
        {
            var buffer = _buffer;
            _buffer = Array.Empty<char>();
            _start = _end = 0;
            if (buffer.Length > 0)
            {
                ArrayPool<char>.Shared.Return(buffer);
            }
        }

        private enum ScanOutcome
        {
            Row,
            End,
            NeedMore,
        }

        /// <summary>Scans one row from <see cref="_start"/>; commits nothing unless the row is complete.</summary>
        [MethodImpl(Hot.Path)]
        private ScanOutcome Scan()
        {
            var buffer = _buffer;
            var end = _end;
            var eof = _decodedAll;
            var p = _start;
            var line = Line + 1;

            // Blank lines before the row are skipped (each still counts as a line).
            while (p < end && (buffer[p] == '\r' || buffer[p] == '\n'))
            {
                if (buffer[p] == '\r')
                {
                    if (p + 1 >= end && !eof)
                    {
                        return ScanOutcome.NeedMore;
                    }

                    p += p + 1 < end && buffer[p + 1] == '\n' ? 2 : 1;
                }
                else
                {
                    p++;
                }

                line++;
            }

            var rowStart = p;
            var fieldStart = p;
            var count = 0;
            var quotedBreaks = 0;
            var quoteCount = 0;
            var bad = false;
            var quoted = false;
            var inQuotes = false;
            var c = '\0';
            while (p < end)
            {
                var previous = c;
                c = buffer[p];
                p++;
                var firstOfField = fieldStart == p - 1;
                if (firstOfField)
                {
                    quoted = c == '"';
                    if (!quoted && c != _delimiterFirst && c != '\r' && c != '\n')
                    {
                        // An unquoted field holds nothing to look at before its next delimiter, line break or quote.
                        var stop = SpanOf(buffer, p, end).IndexOfAny(_unquotedStops);
                        if (stop != 0)
                        {
                            p = stop < 0 ? end : p + stop;
                            c = buffer[p - 1];
                            continue;
                        }
                    }
                }

                if (quoted)
                {
                    if (c == '"')
                    {
                        quoteCount++;
                        if (!inQuotes && !firstOfField && previous != '"')
                        {
                            bad = true;
                        }
                        else if (!bad)
                        {
                            inQuotes = !inQuotes;
                        }
                    }

                    if (inQuotes)
                    {
                        if (c == '\r' || (c == '\n' && previous != '\r'))
                        {
                            line++;
                            quotedBreaks++;
                        }

                        // Inside quotes only the next quote or line break matters.
                        var stop = SpanOf(buffer, p, end).IndexOfAny(QuotedStops);
                        if (stop != 0)
                        {
                            p = stop < 0 ? end : p + stop;
                            c = buffer[p - 1];
                        }

                        continue;
                    }
                }
                else if (c == '"')
                {
                    quoteCount++;
                    bad = true;
                }

                if (c == _delimiterFirst)
                {
                    var matched = 1;
                    while (matched < _delimiter.Length && p + matched - 1 < end && buffer[p + matched - 1] == _delimiter[matched])
                    {
                        matched++;
                    }

                    if (matched < _delimiter.Length)
                    {
                        if (p + matched - 1 >= end && !eof)
                        {
                            return ScanOutcome.NeedMore;
                        }

                        continue;
                    }

                    p += _delimiter.Length - 1;
                    AddField(ref count, fieldStart, p - _delimiter.Length - fieldStart, quoteCount, bad);
                    fieldStart = p;
                    quoteCount = 0;
                    bad = false;
                    continue;
                }

                if (c == '\r' || c == '\n')
                {
                    var ending = 1;
                    if (c == '\r')
                    {
                        if (p >= end && !eof)
                        {
                            return ScanOutcome.NeedMore;
                        }

                        if (p < end && buffer[p] == '\n')
                        {
                            p++;
                            ending = 2;
                        }
                    }

                    AddField(ref count, fieldStart, p - ending - fieldStart, quoteCount, bad);
                    return Commit(rowStart, p, count, line, quotedBreaks);
                }
            }

            if (!eof)
            {
                return ScanOutcome.NeedMore;
            }

            if (p > rowStart)
            {
                AddField(ref count, fieldStart, p - fieldStart, quoteCount, bad);
                return Commit(rowStart, p, count, line, quotedBreaks);
            }

            _start = p;
            return ScanOutcome.End;
        }

        [MethodImpl(Hot.Path)]
        private static ReadOnlySpan<char> SpanOf(char[] buffer, int from, int to) => new(buffer, from, to - from);

        [MethodImpl(Hot.Path)]
        private ScanOutcome Commit(int rowStart, int rowEnd, int count, int line, int quotedBreaks)
        {
            RawStart = rowStart;
            RawLength = rowEnd - rowStart;
            _start = rowEnd;
            Count = count;
            Line = line;
            QuotedBreaks = quotedBreaks;
            return ScanOutcome.Row;
        }

        [MethodImpl(Hot.Path)]
        private void AddField(ref int count, int start, int length, int quoteCount, bool bad)
        {
            if (count == _fields.Length)
            {
                Array.Resize(ref _fields, _fields.Length * 2);
            }

            ref var field = ref _fields[count++];
            field.Start = start;
            field.Length = length;
            field.QuoteCount = quoteCount;
            field.IsBad = bad;
        }

        /// <summary>Keeps the unfinished row, moved to the front (the buffer doubled if it alone fills it), and decodes the next chunk after it.</summary>
        [MethodImpl(Hot.Path)]
        private void Fill()
        {
            var kept = _end - _start;
            var chunk = _bytes.Next();
            var byteCount = chunk.Count;
            var needed = kept + _encoding.GetMaxCharCount(byteCount);
            if (needed > _buffer.Length)
            {
                var larger = ArrayPool<char>.Shared.Rent(Math.Max(needed, _buffer.Length * 2));
                Array.Copy(_buffer, _start, larger, 0, kept);
                ArrayPool<char>.Shared.Return(_buffer);
                _buffer = larger;
            }
            else if (_start > 0 && kept > 0)
            {
                Array.Copy(_buffer, _start, _buffer, 0, kept);
            }

            _start = 0;
            _end = kept;
            // The end is flushed by a call of its own after the last chunk, as a StreamReader does: a truncated
            // sequence at the very end fails the read that reaches it, not the first.
            var last = byteCount == 0;
            _end += _decoder.GetChars(chunk.Array!, chunk.Offset, byteCount, _buffer, _end, flush: last);
            _decodedAll = last;
        }
    }
}

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
    /// Reads only the header of an export and fingerprints its encoding from the first megabyte. Cheap enough to
    /// run before every extraction, and independent of the columns the contract asks for, so a renamed column is
    /// seen as a rename rather than only as "missing".
    /// </summary>
    public static class SourceHeaderProbe
    {
        private const int SampleBytes = 1 << 20;
        private static readonly string[] Delimiters = { ",", ";", "\t", "|" };
        private static readonly char[] LineBreaks = { '\r', '\n' };

        /// <summary>Reads the header of <paramref name="path"/> with the declared encoding and delimiter.</summary>
        public static SourceHeader Read(string path, CsvFileOptions options)
        {
            InputFiles.RequireFile(path, "file not found", InputPathOrigin.Contract);

            byte[] sample;
            int count;
            bool whole;
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read))
            {
                sample = new byte[SampleBytes];
                count = 0;
                int n;
                while (count < sample.Length && (n = stream.Read(sample, count, sample.Length - count)) > 0)
                {
                    count += n;
                }

                whole = stream.Length <= count;
            }

            // The reader's rules, so the probe refuses exactly what the reader refuses, with the reader's message: a
            // header read past a byte order mark that contradicts the encoding, or past a byte the encoding refuses, is
            // not the export's header, and comparing it would report every column as changed.
            var mark = ByteOrderMarks.Detect(new ReadOnlySpan<byte>(sample, 0, count));
            var bom = CsvFileChecks.CheckByteOrderMark(new ReadOnlySpan<byte>(sample, 0, count), path, options.Encoding);
            var text = Decode(path, TextEncodings.Resolve(options.Encoding), sample, bom, count, whole);
            var firstLine = FirstPhysicalLine(text);
            if (firstLine.Length == 0 && whole)
            {
                // Nothing but line breaks, as the reader sees it: no header to compare.
                throw CsvFileChecks.EmptyFile(path);
            }

            using var parser = new CsvParser(new StringReader(firstLine), new CsvConfiguration(CultureInfo.InvariantCulture)
            {
                Delimiter = options.Delimiter,
                HasHeaderRecord = false,
                BadDataFound = null,
            });
            var columns = parser.Read() ? parser.Record?.Select(c => c.Trim()).ToList() ?? new List<string>() : new List<string>();
            return new SourceHeader
            {
                Columns = columns,
                Encoding = Fingerprint(mark, sample, bom, count),
                Delimiter = MostUsedDelimiter(firstLine, options.Delimiter),
                File = Path.GetFileName(path),
                RecordedAt = DateTimeOffset.UtcNow,
            };
        }

        /// <summary>
        /// Decodes the sample strictly; a multi-byte sequence cut by the end of the sample is not an error unless the
        /// sample is the whole file (a truncated export).
        /// </summary>
        private static string Decode(string path, Encoding encoding, byte[] sample, int start, int count, bool whole)
        {
            var decoder = encoding.GetDecoder();
            try
            {
                var chars = new char[encoding.GetMaxCharCount(count - start)];
                var length = decoder.GetChars(sample, start, count - start, chars, 0, flush: whole);
                return new string(chars, 0, length);
            }
            catch (DecoderFallbackException ex)
            {
                var bytes = new byte[count];
                Array.Copy(sample, bytes, count);
                throw CsvFileChecks.EncodingError(path, encoding, bytes, start, ex);
            }
        }

        private static string FirstPhysicalLine(string text)
        {
            // A header never holds a quoted line break in practice; the first line break ends it. Blank lines before
            // it are skipped, as the reader skips them.
            text = text.TrimStart(LineBreaks);
            var end = text.IndexOfAny(LineBreaks);
            return end < 0 ? text : text.Substring(0, end);
        }

        private static string Fingerprint(ByteOrderMark mark, byte[] sample, int start, int count)
        {
            switch (mark)
            {
                case ByteOrderMark.Utf16LittleEndian: return "utf-16le with BOM";
                case ByteOrderMark.Utf16BigEndian: return "utf-16be with BOM";
            }

            if (mark == ByteOrderMark.Utf8)
            {
                return "utf-8 with BOM";
            }

            return Utf8Sequence.Classify(new ReadOnlySpan<byte>(sample, start, count - start)) switch
            {
                Utf8Sequence.Kind.NotUtf8 => "single-byte (not utf-8)",
                Utf8Sequence.Kind.Utf8 => "utf-8",
                _ => "ascii",
            };
        }

        private static string MostUsedDelimiter(string line, string declared)
        {
            var best = declared;
            var bestCount = CsvFileChecks.CountOf(line, declared);
            foreach (var candidate in Delimiters)
            {
                var n = CsvFileChecks.CountOf(line, candidate);
                if (n > bestCount)
                {
                    best = candidate;
                    bestCount = n;
                }
            }

            return best;
        }
    }
}

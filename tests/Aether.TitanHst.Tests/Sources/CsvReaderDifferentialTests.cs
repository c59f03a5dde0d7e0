using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Aether.TitanHst.Errors;
using Aether.TitanHst.Sources;

namespace Aether.TitanHst.Tests.Sources
{
    /// <summary>
    /// The span reader (<see cref="CsvFileReader"/>) against the CsvHelper reader it replaced
    /// (<see cref="CsvHelperReferenceReader"/>): on thousands of generated exports full of the things real exports get
    /// wrong, both must give the same header, rows, values, lines, row problems, candidate tokens and errors. This is
    /// what shows no strictness check was lost.
    /// </summary>
    public class CsvReaderDifferentialTests
    {
        private static readonly string[] Names = { "Id", "Name", "Site", "Note", "Job", "Fte", "Email" };
        private static readonly string[] Words = { "a", "Smith", "Peña", "O'Brien", "日本", "x y", " padded ", "0.5", "2024-08-01", "😀z", "=1+1" };
        private static readonly string[] Endings = { "\n", "\r\n", "\r" };

        [Theory]
        [InlineData(",")]
        [InlineData(";")]
        [InlineData("\t")]
        [InlineData("|")]
        public void Small_generated_exports_read_the_same_as_the_CsvHelper_reader(string delimiter)
        {
            for (var seed = 0; seed < 1500; seed++)
            {
                var random = new Random(seed * 31 + delimiter[0]);
                var text = Generate(random, delimiter, rows: random.Next(0, 10), fieldLength: 3);
                AssertSame(seed, text, delimiter, random);
            }
        }

        [Fact]
        public void Large_exports_that_cross_the_decoding_chunks_read_the_same()
        {
            // Rows and multi-byte characters straddling the 64 KiB chunks, and one value longer than the buffer.
            for (var seed = 0; seed < 12; seed++)
            {
                var random = new Random(seed);
                var text = Generate(random, ",", rows: 1500 + random.Next(1000), fieldLength: 20 + seed * 5);
                if (seed % 4 == 3)
                {
                    text = text.Insert(text.IndexOf('\n') + 1, "1,\"" + new string('é', 300_000) + "\"\n");
                }

                AssertSame(seed, text, ",", random);
            }
        }

        [Fact]
        public void Invalid_bytes_fail_both_readers_the_same_way()
        {
            for (var seed = 0; seed < 300; seed++)
            {
                var random = new Random(seed);
                var text = Generate(random, ",", rows: random.Next(1, 40), fieldLength: seed % 3 == 0 ? 2000 : 5);
                var bytes = Encoding.UTF8.GetBytes(text).ToList();
                var at = random.Next(bytes.Count + 1);
                if (seed % 5 == 0)
                {
                    bytes.Add(0xE6); // a truncated multi-byte sequence at the end
                }
                else
                {
                    bytes.Insert(at, (byte)(0x80 + random.Next(0x7F)));
                }

                Compare(seed, text, bytes.ToArray(), new CsvFileOptions(TextEncodings.Utf8, ","), Columns(random, text, ","));
            }
        }

        private static void AssertSame(int seed, string text, string delimiter, Random random)
        {
            var columns = Columns(random, text, delimiter);
            var blank = random.Next(4) == 0;
            switch (random.Next(6))
            {
                case 0:
                    Compare(seed, text, Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray(), new CsvFileOptions(TextEncodings.Utf8, delimiter, blank), columns);
                    break;
                case 1:
                    Compare(seed, text, Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(text)).ToArray(), new CsvFileOptions("utf-16", delimiter, blank), columns);
                    break;
                case 2:
                    var latin = new string(text.Select(c => c > 0xFF ? '?' : c).ToArray());
                    Compare(seed, latin, Encoding.Latin1.GetBytes(latin), new CsvFileOptions(TextEncodings.Windows1252, delimiter, blank), columns);
                    break;
                case 3:
                    // A byte order mark the declared encoding contradicts.
                    Compare(seed, text, Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray(), new CsvFileOptions(TextEncodings.Windows1252, delimiter, blank), columns);
                    break;
                default:
                    Compare(seed, text, Encoding.UTF8.GetBytes(text), new CsvFileOptions(TextEncodings.Utf8, delimiter, blank), columns);
                    break;
            }
        }

        private static void Compare(int seed, string text, byte[] bytes, CsvFileOptions options, string[] columns)
        {
            var expected = Outcome(() => CsvHelperReferenceReader.Open("x.csv", bytes, options, columns, "sources.x.columns"), r => Rows(r.Header, r.HeaderLine, () => r.Hash, r.Read, () => Row(r.Line, r.StartLine, r.RowProblem, r.RowsSwallowed, columns.Length, i => r[i], r.Tokens)), r => r.Dispose());
            var actual = Outcome(() => CsvFileReader.Open("x.csv", bytes, options, columns, "sources.x.columns"), r => Rows(r.Header, r.HeaderLine, () => r.Hash, r.Read, () => Row(r.Line, r.StartLine, r.RowProblem, r.RowsSwallowed, columns.Length, i => r[i], r.Tokens)), r => r.Dispose());
            if (expected != actual)
            {
                var at = FirstDifference(expected, actual);
                Assert.Fail($"seed {seed}, delimiter '{options.Delimiter}', encoding {options.Encoding}, columns [{string.Join(",", columns)}]\ntext: {Escape(text)}\nexpected: ...{Escape(Cut(expected, at))}\nactual:   ...{Escape(Cut(actual, at))}");
            }
        }

        private static string Outcome<T>(Func<T> open, Func<T, string> read, Action<T> dispose)
        {
            T reader;
            try
            {
                reader = open();
            }
            catch (InputFileException ex)
            {
                return $"open failed: {ex.ErrorId} line {ex.Line} field '{ex.Field}': {ex.Problem}";
            }

            try
            {
                return read(reader);
            }
            catch (InputFileException ex)
            {
                // Where in the rows a bad byte stops the read depends on how much each reader decodes ahead; the error itself must agree.
                return $"read failed: {ex.ErrorId} line {ex.Line} field '{ex.Field}': {ex.Problem}";
            }
            finally
            {
                dispose(reader);
            }
        }

        private static string Rows(IReadOnlyList<string> header, int headerLine, Func<string> hash, Func<bool> read, Func<string> row)
        {
            var all = new StringBuilder($"header line {headerLine} [{string.Join("|", header)}]\n");
            while (read())
            {
                all.Append(row()).Append('\n');
            }

            // The hash once every row was read: the reader hashes as it reads.
            return all.Append(hash()).ToString();
        }

        private static string Row(int line, int startLine, string? problem, bool swallowed, int columns, Func<int, string> value, Func<IReadOnlyList<string>> tokens)
        {
            var values = string.Join("|", Enumerable.Range(0, columns).Select(value));
            return $"{startLine}-{line} problem={problem ?? "none"} swallowed={swallowed} values=[{values}]" + (problem is null ? string.Empty : $" tokens=[{string.Join("|", tokens())}]");
        }

        private static string Generate(Random random, string delimiter, int rows, int fieldLength)
        {
            var width = random.Next(1, 6);
            var header = Enumerable.Range(0, width).Select(i => random.Next(25) == 0 ? Names[random.Next(Names.Length)].ToLowerInvariant() : Names[i]).ToList();
            var text = new StringBuilder();
            if (random.Next(15) == 0)
            {
                text.Append(Endings[random.Next(3)]); // blank lines before the header
            }

            text.Append(string.Join(delimiter, header.Select(h => random.Next(20) == 0 ? $"\"{h}\"" : random.Next(20) == 0 ? $" {h} " : h)));
            if (rows == 0 && random.Next(3) == 0)
            {
                return random.Next(2) == 0 ? text.ToString() : string.Empty;
            }

            text.Append(Endings[random.Next(3)]);
            for (var r = 0; r < rows; r++)
            {
                var fields = random.Next(8) == 0 ? Math.Max(1, width + random.Next(-1, 2)) : width;
                var last = r == rows - 1;
                text.Append(string.Join(delimiter, Enumerable.Range(0, fields).Select(f => Field(random, delimiter, header.Count, fieldLength, last && f == fields - 1))));
                if (random.Next(15) == 0)
                {
                    text.Append(delimiter); // trailing delimiter
                }

                if (!last || random.Next(2) == 0)
                {
                    text.Append(Endings[random.Next(3)]);
                }

                if (random.Next(10) == 0)
                {
                    text.Append(Endings[random.Next(3)]).Append(random.Next(2) == 0 ? Endings[random.Next(3)] : string.Empty); // blank lines
                }
            }

            return text.ToString();
        }

        private static string Field(Random random, string delimiter, int width, int length, bool lastOfFile)
        {
            string Word() => string.Concat(Enumerable.Range(0, 1 + random.Next(length)).Select(_ => Words[random.Next(Words.Length)]));
            switch (random.Next(lastOfFile ? 17 : 16))
            {
                case 0: return string.Empty;
                case 1: return "\"\"";
                case 2: return $"\"{Word()}{delimiter}{Word()}\"";
                case 3: return $"\"{Word()}\"\"{Word()}\"\"\"";
                case 4: return $"\"{Word()}{Endings[random.Next(3)]}{Word()}\"";
                case 5: return $"\"{Word()}{Endings[random.Next(3)]}{string.Join(delimiter, Enumerable.Range(0, width).Select(_ => Word()))}{Endings[random.Next(3)]}\""; // swallowed rows
                case 6: return $"{Word()}\"{Word()}"; // stray quote mid-field
                case 7: return $"\"{Word()}\"{Word()}"; // text after the closing quote
                case 8: return "\"";
                case 9: return $"\"{Word()}\" ";
                case 10: return $"\"{Word()}\"{Word()}\"{Endings[random.Next(3)]}{Word()}\"";
                case 11: return $"\"{Word()}";
                case 12: return $"{Word()}\"";
                case 16: return $"\"{Word()}{Endings[random.Next(3)]}{Word()}"; // unterminated at the end of the file
                default: return Word();
            }
        }

        private static string[] Columns(Random random, string text, string delimiter)
        {
            var first = text.TrimStart('\r', '\n').Split('\r', '\n')[0].Split(new[] { delimiter }, StringSplitOptions.None).Select(h => h.Trim().Trim('"')).Where(h => h.Length > 0).ToList();
            var columns = first.Where(_ => random.Next(4) != 0).ToList();
            if (random.Next(10) == 0)
            {
                columns.Add("Missing");
            }

            return columns.OrderBy(_ => random.Next()).ToArray();
        }

        private static int FirstDifference(string a, string b)
        {
            var i = 0;
            while (i < a.Length && i < b.Length && a[i] == b[i])
            {
                i++;
            }

            return i;
        }

        private static string Cut(string text, int at) => text.Substring(Math.Max(0, Math.Min(at, text.Length) - 80), Math.Min(240, text.Length - Math.Max(0, Math.Min(at, text.Length) - 80)));

        private static string Escape(string text) => (text.Length > 2000 ? string.Concat(text.AsSpan(0, 2000), "...") : text).Replace("\r", "\\r").Replace("\n", "\\n").Replace("\t", "\\t");
    }
}

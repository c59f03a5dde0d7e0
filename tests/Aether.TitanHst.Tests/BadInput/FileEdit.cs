using System;
using System.IO;
using System.Linq;
using System.Text;
using CsCheck;

namespace Aether.TitanHst.Tests.BadInput
{
    /// <summary>
    /// One random edit of a file read back as untrusted input, as a hand or a tool makes it: a byte overwritten
    /// (with a piece's first byte), a piece inserted, 1-4 bytes cut, or (JSON) the next member's value replaced by
    /// a value of another kind, or (CSV) the next quoted cell's text replaced. Built with spans, never past the end.
    /// </summary>
    internal readonly record struct FileEdit(int Kind, int At, byte[] Piece, int Cut)
    {
        /// <summary>Pieces of JSON: punctuation, literals, numbers past every range, escapes (lone surrogates, NUL), comments, line breaks, bytes that are not UTF-8.</summary>
        internal static readonly byte[][] JsonPieces = new[]
        {
            " ", "\t", "\r", "\n", ",", ":", "\"", "\\", "{", "}", "[", "]", "null", "true", "false", "0", "-0", "1", "-1", "1.5", "1e999",
            "99999999999999999999", "-", "\\u0000", "\\ud800", "\\udc00", "\\u0041", "\\n", "\\\"", "/*", "*/", "//", "\"x\":1,", "\"\",", "é", "\u202e",
        }.Select(Encoding.UTF8.GetBytes).Concat(new[] { new byte[] { 0xC3 }, new byte[] { 0xFF }, new byte[] { 0xED, 0xA0, 0x80 }, new byte[] { 0x00 }, new byte[] { 0xEF, 0xBB, 0xBF } }).ToArray();

        /// <summary>Values a JSON member's value is replaced with: every kind, numbers past every range, strings that are not text.</summary>
        internal static readonly byte[][] JsonValues = new[]
        {
            "null", "true", "0", "-0", "-1", "1.5", "1e999", "99999999999999999999", "\"\"", "\" \"", "\"\\ud800\"", "\"\\u0000\"", "\"x\"", "{}", "[]", "[null]",
            "\"0001-01-01T00:00:00+01:00\"", "\"9999-12-31T23:59:59-01:00\"",
        }.Select(Encoding.UTF8.GetBytes).Concat(new[] { new byte[] { 0x22, 0xC3, 0x22 }, new byte[] { 0x22, 0xFF, 0x22 } }).ToArray();

        /// <summary>Pieces of CSV: delimiters, quotes, line breaks, approve words, formula characters, bytes that are not UTF-8.</summary>
        internal static readonly byte[][] CsvPieces = new[]
        {
            ",", ";", "\"", "\"\"", "\",\"", "\r", "\n", "\r\n", " ", "\t", "yes", "no", "x", "Y", "'", "=", "-0", "1e999", "99999999999999999999",
            "Update", "True", "é", "\u202e", "\u00a0",
        }.Select(Encoding.UTF8.GetBytes).Concat(new[] { new byte[] { 0xC3 }, new byte[] { 0xFF }, new byte[] { 0xED, 0xA0, 0x80 }, new byte[] { 0x00 }, new byte[] { 0xEF, 0xBB, 0xBF } }).ToArray();

        /// <summary>Texts a CSV cell is replaced with: blank, approve words, actions, flags, formulas, apostrophes.</summary>
        internal static readonly byte[][] CsvValues = new[]
        {
            "", " ", "yes", "no", "True", "False", "true", " True ", "Update", "update", "Create", "Deactivate", "Conflict", "NoChange", "None", "RoleChange",
            "'", "''", "'=1+1", "=1+1", "+1", "-", "@x", "stf_1", "0", "\u2028", "é", "\r\n", "\n",
        }.Select(Encoding.UTF8.GetBytes).ToArray();

        /// <summary>An edit of a file of <paramref name="length"/> bytes with one of <paramref name="pieces"/>.</summary>
        internal static Gen<FileEdit> Of(int length, byte[][] pieces) =>
            Gen.Select(Gen.Int[0, 2], Gen.Int[0, length - 1], Gen.Int[0, pieces.Length - 1], Gen.Int[1, 4])
                .Select(t => new FileEdit(t.Item1, t.Item2, pieces[t.Item3], Math.Min(t.Item4, length - t.Item2)));

        /// <summary>An edit of a JSON file: as <see cref="Of"/>, or (one time in four) the value of the first member after a point replaced.</summary>
        internal static Gen<FileEdit> OfJson(int length) =>
            Gen.Select(Gen.Int[0, 3], Gen.Int[0, length - 1], Gen.Int[0, JsonPieces.Length - 1], Gen.Int[0, JsonValues.Length - 1], Gen.Int[1, 4])
                .Select(t => new FileEdit(t.Item1, t.Item2, t.Item1 == 3 ? JsonValues[t.Item4] : JsonPieces[t.Item3], Math.Min(t.Item5, length - t.Item2)));

        /// <summary>An edit of a CSV file: as <see cref="Of"/>, or (one time in four) the text of the next quoted cell after a point replaced (never an Approve cell: it opens its line).</summary>
        internal static Gen<FileEdit> OfCsv(int length) =>
            Gen.Select(Gen.Int[0, 3], Gen.Int[0, length - 1], Gen.Int[0, CsvPieces.Length - 1], Gen.Int[0, CsvValues.Length - 1], Gen.Int[1, 4])
                .Select(t => t.Item1 == 3
                    ? new FileEdit(4, t.Item2, CsvValues[t.Item4], 0)
                    : new FileEdit(t.Item1, t.Item2, CsvPieces[t.Item3], Math.Min(t.Item5, length - t.Item2)));

        /// <summary>
        /// Writes each edit of <paramref name="original"/> to <paramref name="path"/> (one thread: they share the file)
        /// and runs <paramref name="read"/> on it, which says whether the edit was refused; any exception but a failed
        /// assertion fails the test, naming what <paramref name="reader"/> threw and the edit. The file holds the
        /// original again afterwards. Returns how many edits were tried and refused.
        /// </summary>
        internal static (int Tried, int Refused) SampleEdits(Gen<FileEdit> edits, string path, byte[] original, int iter, string reader, Func<FileEdit, byte[], bool> read)
        {
            int tried = 0, refused = 0;
            try
            {
                edits.Sample(edit =>
                {
                    var edited = edit.ApplyTo(original);
                    File.WriteAllBytes(path, edited);
                    tried++;
                    try
                    {
                        refused += read(edit, edited) ? 1 : 0;
                    }
                    catch (Exception e) when (e is not Xunit.Sdk.XunitException)
                    {
                        throw new Xunit.Sdk.XunitException($"{reader} threw {e.GetType().Name} ({e.Message}) for {edit.Describe(edited)}");
                    }
                }, iter: iter, threads: 1);
            }
            finally
            {
                File.WriteAllBytes(path, original);
            }

            return (tried, refused);
        }

        internal byte[] ApplyTo(byte[] original) => Kind switch
        {
            0 => [.. original.AsSpan(0, At), Piece[0], .. original.AsSpan(At + 1)],
            1 => [.. original.AsSpan(0, At), .. Piece, .. original.AsSpan(At)],
            2 => [.. original.AsSpan(0, At), .. original.AsSpan(At + Cut)],
            3 => ReplaceValue(original),
            _ => ReplaceCell(original),
        };

        // The text of the first cell opening with '","' at or after At, to its next quote.
        private byte[] ReplaceCell(byte[] original)
        {
            var open = original.AsSpan(At).IndexOf("\",\""u8);
            if (open < 0)
            {
                return original;
            }

            var start = At + open + 3;
            var end = original.AsSpan(start).IndexOf((byte)'"');
            return end < 0 ? original : [.. original.AsSpan(0, start), .. Piece, .. original.AsSpan(start + end)];
        }

        // The value after the first member name's '":' at or after At: a string to its closing quote, anything else to , } ] or a line break.
        private byte[] ReplaceValue(byte[] original)
        {
            var colon = original.AsSpan(At).IndexOf("\":"u8);
            if (colon < 0)
            {
                return original;
            }

            var start = At + colon + 2;
            while (start < original.Length && original[start] is (byte)' ' or (byte)'\t')
            {
                start++;
            }

            var end = start;
            if (end < original.Length && original[end] == (byte)'"')
            {
                for (end++; end < original.Length && original[end] != (byte)'"'; end++)
                {
                    end += original[end] == (byte)'\\' ? 1 : 0;
                }

                end = Math.Min(end + 1, original.Length);
            }
            else
            {
                while (end < original.Length && original[end] is not ((byte)',' or (byte)'}' or (byte)']' or (byte)'\r' or (byte)'\n'))
                {
                    end++;
                }
            }

            return [.. original.AsSpan(0, start), .. Piece, .. original.AsSpan(end)];
        }

        /// <summary>What the edit did and the bytes around it, for a failure message.</summary>
        internal string Describe(byte[] edited)
        {
            var what = Kind switch
            {
                0 => $"byte {At} overwritten with 0x{Piece[0]:x2}",
                1 => $"{Show(Piece)} inserted at byte {At}",
                2 => $"{Cut} byte(s) cut at byte {At}",
                3 => $"the value of the member after byte {At} replaced with {Show(Piece)}",
                _ => $"the text of the cell after byte {At} replaced with {Show(Piece)}",
            };
            var from = Math.Max(0, At - 40);
            return what + ": …" + Show(edited.AsSpan(from, Math.Min(80, edited.Length - from)).ToArray()) + "…";
        }

        private static string Show(byte[] bytes) => string.Concat(bytes.Select(b => b is < 0x20 or > 0x7E ? $"\\x{b:x2}" : ((char)b).ToString()));
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Aether.TitanHst.Errors;
using Aether.TitanHst.Sources;

namespace Aether.TitanHst.Tests.Hardening
{
    /// <summary>Encoding and header messages that must be right, and must not echo another file's content.</summary>
    public class SourceFileMessageTests
    {
        [Fact]
        public void A_truncated_multi_byte_sequence_names_its_first_byte_not_0xFFFFFFFF()
        {
            using var d = new TempDistrict();
            // "é" is C3 A9 in UTF-8: the file ends after C3.
            d.WriteBytes("x.csv", Encoding.ASCII.GetBytes("Id,Name\n1,Ana\n2,Ren").Concat(new byte[] { 0xC3 }).ToArray());
            var ex = Assert.Throws<InputFileException>(() => ReadAll(d.PathOf("x.csv"), new CsvFileOptions(TextEncodings.Utf8), "Name"));
            Assert.Equal(InputErrorIds.SourceEncodingInvalid, ex.ErrorId);
            Assert.DoesNotContain("FFFFFFFF", ex.Problem, StringComparison.Ordinal);
            Assert.Contains("0xC3", ex.Problem, StringComparison.Ordinal);
            Assert.Contains("ends in the middle", ex.Problem, StringComparison.Ordinal);
            Assert.Equal(3, ex.Line);
        }

        [Fact]
        public void A_cr_only_file_gets_right_line_numbers_for_rows_and_bad_bytes()
        {
            using var d = new TempDistrict();
            d.WriteBytes("rows.csv", Encoding.ASCII.GetBytes("Id,Name\r1,Ana\r2,Bo,extra\r3,Cy\r"));
            using (var r = CsvFileReader.Open(d.PathOf("rows.csv"), new CsvFileOptions(), new[] { "Name" }))
            {
                var lines = new List<(int Line, bool Bad)>();
                while (r.Read())
                {
                    lines.Add((r.Line, r.RowProblem is not null));
                }

                Assert.Equal(new[] { (2, false), (3, true), (4, false) }, lines);
            }

            d.WriteBytes("bad.csv", Encoding.ASCII.GetBytes("Id,Name\r1,Ana\r2,Pe").Concat(new byte[] { 0xF1 }).Concat(Encoding.ASCII.GetBytes("a\r")).ToArray());
            var ex = Assert.Throws<InputFileException>(() => ReadAll(d.PathOf("bad.csv"), new CsvFileOptions(TextEncodings.Utf8), "Name"));
            Assert.Equal(3, ex.Line);
        }

        [Theory]
        [InlineData("Id,Name\n1,A\n\n2,B,extra\n")]
        [InlineData("Id,Name\r\n1,A\r\n\r\n\r\n2,B,extra\r\n")]
        public void A_malformed_row_after_blank_lines_starts_on_its_own_line(string text)
        {
            using var d = new TempDistrict();
            d.WriteText("x.csv", text, new UTF8Encoding(false));
            using var r = CsvFileReader.Open(d.PathOf("x.csv"), new CsvFileOptions(), new[] { "Name" });
            Assert.True(r.Read());
            Assert.True(r.Read());
            Assert.NotNull(r.RowProblem);
            Assert.Equal(r.Line, r.StartLine);
            Assert.Equal(text.Contains('\r', StringComparison.Ordinal) ? 5 : 4, r.Line);
        }

        [Fact]
        public void A_utf16_big_endian_file_gets_a_message_that_does_not_contradict_itself()
        {
            using var d = new TempDistrict();
            d.WriteText("x.csv", "Id,Name\n1,Ana\n", new UnicodeEncoding(bigEndian: true, byteOrderMark: true));
            var ex = Assert.Throws<InputFileException>(() => ReadAll(d.PathOf("x.csv"), new CsvFileOptions("utf-16"), "Name"));
            Assert.Equal(InputErrorIds.SourceEncodingInvalid, ex.ErrorId);
            Assert.Contains("big-endian", ex.Problem, StringComparison.Ordinal);
            Assert.DoesNotContain("declares encoding 'utf-16'", ex.Problem, StringComparison.Ordinal);
        }

        [Fact]
        public void A_missing_column_does_not_echo_a_file_that_is_not_a_header()
        {
            using var d = new TempDistrict();
            d.WriteText("os-release", "NAME=\"Secret Linux\"\nVERSION=\"1\"\n", new UTF8Encoding(false));
            var ex = Assert.Throws<InputFileException>(() => ReadAll(d.PathOf("os-release"), new CsvFileOptions(), "EmpID"));
            Assert.Equal(InputErrorIds.SourceColumnMissing, ex.ErrorId);
            Assert.DoesNotContain("Secret", ex.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void A_missing_column_lists_at_most_a_few_hundred_characters_of_header()
        {
            using var d = new TempDistrict();
            var header = string.Join(",", Enumerable.Range(0, 2000).Select(i => $"Column{i}"));
            d.WriteText("wide.csv", header + "\n", new UTF8Encoding(false));
            var ex = Assert.Throws<InputFileException>(() => ReadAll(d.PathOf("wide.csv"), new CsvFileOptions(), "EmpID"));
            Assert.True(ex.Problem.Length < CsvFileChecks.MaxListedHeaderChars + 200, $"message is {ex.Problem.Length} characters");
            Assert.Contains("more", ex.Problem, StringComparison.Ordinal);
            Assert.Contains("Column0", ex.Problem, StringComparison.Ordinal);
        }

        private static void ReadAll(string path, CsvFileOptions options, params string[] columns)
        {
            using var r = CsvFileReader.Open(path, options, columns);
            while (r.Read())
            {
            }
        }
    }
}

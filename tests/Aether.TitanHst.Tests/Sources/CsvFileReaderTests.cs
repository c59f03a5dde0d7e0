using System;
using System.Collections.Generic;
using System.Linq;
using System.IO;
using System.Text;
using Aether.TitanHst.Errors;
using Aether.TitanHst.Sources;

namespace Aether.TitanHst.Tests.Sources
{
    public class CsvFileReaderTests
    {
        private static readonly Encoding Utf8Bom = new UTF8Encoding(true);

        [Fact]
        public void Reads_requested_columns_with_their_lines_across_blank_lines_and_quotes()
        {
            using var d = new TempDistrict();
            d.WriteText("x.csv", "Id,Name,Note\n1,\"Smith, Jr.\",a\n\n2,O'Brien,\"say \"\"hi\"\"\"\n", Utf8Bom);
            using var r = CsvFileReader.Open(d.PathOf("x.csv"), new CsvFileOptions(), new[] { "name", "ID" });
            var rows = new List<(int, string, string)>();
            while (r.Read())
            {
                Assert.Null(r.RowProblem);
                rows.Add((r.Line, r[0], r[1]));
            }

            Assert.Equal(new[] { (2, "Smith, Jr.", "1"), (4, "O'Brien", "2") }, rows);
        }

        [Theory]
        [InlineData(0)]
        [InlineData(1)]
        [InlineData(65536)]
        [InlineData(200000)]
        public void Hash_is_of_every_byte_and_only_once_every_row_was_read(int padding)
        {
            // Files around and across the 64 KiB chunk the reader hashes as it goes, with a byte order mark.
            using var d = new TempDistrict();
            var text = "Id,Name\n1,Ana\n" + string.Concat(Enumerable.Range(0, padding / 8).Select(i => $"{i % 10},Pe\n")) + new string('x', padding % 8 == 0 ? 0 : 1) + ",z\n";
            var bytes = Utf8Bom.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray();
            d.WriteBytes("x.csv", bytes);
            using var r = CsvFileReader.Open(d.PathOf("x.csv"), new CsvFileOptions(), new[] { "Id" });
            Assert.True(r.Read());
            if (bytes.Length > 65536)
            {
                // Bytes are left in the file: a hash now would be of a prefix (or of bytes read ahead of the rows): refused.
                Assert.Throws<System.InvalidOperationException>(() => r.Hash);
            }
            else
            {
                // The first chunk held the whole file: every row still to come is from these bytes.
                Assert.Equal(Aether.TitanHst.Contract.ContentHash.OfBytes(bytes), r.Hash);
            }

            while (r.Read())
            {
            }

            Assert.Equal(Aether.TitanHst.Contract.ContentHash.OfBytes(bytes), r.Hash);
            Assert.False(r.Read());
            Assert.Equal(Aether.TitanHst.Contract.ContentHash.OfBytes(bytes), r.Hash);
        }

        [Fact]
        public void Utf8_declared_file_with_windows_1252_bytes_names_the_line()
        {
            using var d = new TempDistrict();
            d.WriteBytes("x.csv", Encoding.ASCII.GetBytes("Id,Name\n1,Ana\n2,Pe").Concat(new byte[] { 0xF1 }).Concat(Encoding.ASCII.GetBytes("a\n")).ToArray());
            var ex = Assert.Throws<InputFileException>(() => ReadAll(d.PathOf("x.csv"), new CsvFileOptions(TextEncodings.Utf8), "Name"));
            Assert.Equal(InputErrorIds.SourceEncodingInvalid, ex.ErrorId);
            Assert.Equal(3, ex.Line);
            Assert.Contains("0xF1", ex.Problem);
            Assert.Contains("windows-1252", ex.Problem);
        }

        [Fact]
        public void Windows_1252_reads_accented_names()
        {
            using var d = new TempDistrict();
            using var r = CsvFileReader.Open(d.PathOf("exports/aeries.csv"), new CsvFileOptions(TextEncodings.Windows1252), new[] { "LastName" });
            Assert.True(r.Read());
            Assert.Equal("Peña", r[0]);
        }

        [Fact]
        public void Bom_that_contradicts_the_declared_encoding_is_refused()
        {
            using var d = new TempDistrict();
            var ex = Assert.Throws<InputFileException>(() => ReadAll(d.PathOf("exports/hr.csv"), new CsvFileOptions(TextEncodings.Windows1252), "EmpID"));
            Assert.Equal(InputErrorIds.SourceEncodingInvalid, ex.ErrorId);
            Assert.Equal(1, ex.Line);
            Assert.Contains("UTF-8 byte order mark", ex.Problem);
        }

        [Fact]
        public void Missing_column_names_the_column_and_header_line()
        {
            using var d = new TempDistrict();
            var ex = Assert.Throws<InputFileException>(() => ReadAll(d.PathOf("exports/hr.csv"), new CsvFileOptions(), "EmpID", "JobClassDescr"));
            Assert.Equal(InputErrorIds.SourceColumnMissing, ex.ErrorId);
            Assert.Equal("JobClassDescr", ex.Field);
            Assert.Equal(1, ex.Line);
        }

        [Theory]
        [InlineData(";", "';'")]
        [InlineData("\t", "tab")]
        public void A_header_split_by_another_delimiter_says_so_instead_of_asking_for_the_right_file(string delimiter, string shown)
        {
            using var d = new TempDistrict();
            d.WriteText("x.csv", $"EmpID{delimiter}NameFirst{delimiter}NameLast\n1{delimiter}Ana{delimiter}Peña\n", Utf8Bom);
            var ex = Assert.Throws<InputFileException>(() => ReadAll(d.PathOf("x.csv"), new CsvFileOptions(), "EmpID", "NameLast"));
            Assert.Equal(InputErrorIds.SourceColumnMissing, ex.ErrorId);
            Assert.Equal(1, ex.Line);
            Assert.Contains($"separated by {shown}", ex.Problem, StringComparison.Ordinal);
            Assert.Contains("declares ','", ex.Problem, StringComparison.Ordinal);
            Assert.DoesNotContain("right file", ex.Problem, StringComparison.Ordinal);
        }

        [Fact]
        public void Duplicate_header_is_refused()
        {
            using var d = new TempDistrict();
            d.WriteText("x.csv", "Id,Name,name\n1,a,b\n", Utf8Bom);
            var ex = Assert.Throws<InputFileException>(() => ReadAll(d.PathOf("x.csv"), new CsvFileOptions(), "Id"));
            Assert.Equal(InputErrorIds.SourceHeaderDuplicate, ex.ErrorId);
            Assert.Equal("name", ex.Field);
        }

        [Fact]
        public void Empty_file_is_refused()
        {
            using var d = new TempDistrict();
            d.WriteBytes("x.csv", System.Array.Empty<byte>());
            var ex = Assert.Throws<InputFileException>(() => ReadAll(d.PathOf("x.csv"), new CsvFileOptions(), "Id"));
            Assert.Equal(InputErrorIds.SourceFileEmpty, ex.ErrorId);
        }

        [Fact]
        public void Row_with_wrong_field_count_is_flagged_not_shifted()
        {
            using var d = new TempDistrict();
            d.WriteText("x.csv", "Id,Last,First\n1,Smith, Jr.,Al\n2,Jones,Bo\n", Utf8Bom);
            using var r = CsvFileReader.Open(d.PathOf("x.csv"), new CsvFileOptions(), new[] { "Id" });
            Assert.True(r.Read());
            Assert.Contains("4 fields but the header has 3", r.RowProblem);
            Assert.True(r.Read());
            Assert.Null(r.RowProblem);
        }

        [Fact]
        public void Sniffer_spots_utf8_declared_as_windows_1252()
        {
            using var d = new TempDistrict();
            Assert.True(EncodingSniffer.LooksLikeUtf8(d.PathOf("exports/hr.csv")));
            Assert.False(EncodingSniffer.LooksLikeUtf8(d.PathOf("exports/aeries.csv")));
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

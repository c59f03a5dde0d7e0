using System;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Errors;
using Aether.TitanHst.Plan;
using Aether.TitanHst.Review;
using Aether.TitanHst.Sources;
using Aether.TitanHst.Sync;
using Aether.TitanHst.Target;

namespace Aether.TitanHst.Tests.Hardening
{
    /// <summary>
    /// Every reader names a folder given where it expects a file (PathIsFolder), rather than "not found", and says
    /// where the path came from, which decides what a relative path was relative to in the advice.
    /// </summary>
    public class FolderGivenForFileTests
    {
        public static TheoryData<string> CommandLineReaders => new() { "contract", "plan", "snapshot", "config", "review" };

        [Theory]
        [MemberData(nameof(CommandLineReaders))]
        public void A_file_given_to_a_command_that_is_a_folder_is_named_as_a_folder(string reader)
        {
            using var d = new TempDistrict();
            var folder = d.PathOf("exports");
            var ex = Assert.Throws<InputFileException>(() => Read(reader, folder));
            Assert.Equal(InputErrorIds.PathIsFolder, ex.ErrorId);
            Assert.Equal(InputPathOrigin.CommandLine, ex.Origin);
            Assert.Equal($"'{folder}' is a folder; give the path of a file", ex.Problem);
        }

        [Theory]
        [MemberData(nameof(CommandLineReaders))]
        public void A_missing_file_given_to_a_command_is_not_found_as_a_command_line_path(string reader)
        {
            using var d = new TempDistrict();
            var ex = Assert.Throws<InputFileException>(() => Read(reader, d.PathOf("nope.json")));
            Assert.Equal(InputErrorIds.FileNotFound, ex.ErrorId);
            Assert.Equal(InputPathOrigin.CommandLine, ex.Origin);
        }

        [Fact]
        public void An_export_path_that_is_a_folder_is_named_as_a_folder_read_from_a_contract()
        {
            using var d = new TempDistrict();
            var folder = d.PathOf("exports");
            var csv = Assert.Throws<InputFileException>(() => CsvFileReader.Open(folder, new CsvFileOptions(), new[] { "Id" }));
            var header = Assert.Throws<InputFileException>(() => SourceHeaderProbe.Read(folder, new CsvFileOptions()));
            foreach (var ex in new[] { csv, header })
            {
                Assert.Equal(InputErrorIds.PathIsFolder, ex.ErrorId);
                Assert.Equal(InputPathOrigin.Contract, ex.Origin);
                Assert.Contains("is a folder; give the path of a file", ex.Problem, StringComparison.Ordinal);
            }

            var missing = Assert.Throws<InputFileException>(() => CsvFileReader.Open(d.PathOf("exports/nope.csv"), new CsvFileOptions(), new[] { "Id" }));
            Assert.Equal(InputPathOrigin.Contract, missing.Origin);
        }

        [Fact]
        public void A_mapping_table_path_that_is_a_folder_names_the_contract_line()
        {
            using var d = new TempDistrict();
            d.EditContract("\"mappings/roles.csv\"", "\"mappings\"");
            var ex = Assert.Throws<InputFileException>(() => ContractLoader.Load(d.ContractPath));
            Assert.Equal(InputErrorIds.PathIsFolder, ex.ErrorId);
            Assert.Equal(d.LineOf("\"mappings\""), ex.Line);
            Assert.Contains("is a folder; give the path of a file", ex.Problem, StringComparison.Ordinal);
        }

        private static void Read(string reader, string path)
        {
            switch (reader)
            {
                case "contract": ContractLoader.Load(path); break;
                case "plan": PlanReader.Read(path); break;
                case "snapshot": TargetSnapshotReader.Open(path).Dispose(); break;
                case "config": ConnectorConfigLoader.Load(path); break;
                case "review": ReviewSheetReader.Read(path, Array.Empty<Aether.TitanHst.Diff.StaffChange>()); break;
                default: throw new ArgumentOutOfRangeException(nameof(reader));
            }
        }
    }
}

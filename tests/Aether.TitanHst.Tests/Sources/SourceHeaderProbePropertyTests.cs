using System;
using System.IO;
using System.Linq;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Contract.Checks;
using Aether.TitanHst.Errors;
using Aether.TitanHst.Sources;
using Aether.TitanHst.Tests.BadInput;

namespace Aether.TitanHst.Tests.Sources
{
    /// <summary>
    /// The header probe (the header drift check's reader) against the export reader, over random edits of an export:
    /// the drift check never throws, the probe refuses exactly the exports the reader refuses as unreadable (missing
    /// bytes of a character, a byte the encoding refuses, a contradicting byte order mark, nothing but line breaks),
    /// and with the reader's own message, so Test-MappingContract reports such an export once.
    /// </summary>
    public sealed class SourceHeaderProbePropertyTests
    {
        [Theory]
        [InlineData("hr")] // utf-8 with a byte order mark
        [InlineData("aeries")] // windows-1252
        public void Any_edit_of_an_export_is_probed_or_refused_as_the_reader_refuses_it(string source)
        {
            using var d = new TempDistrict();
            var contract = ContractLoader.Load(d.ContractPath);
            Assert.Contains(new SourceHeaderDriftCheck(contract).Run(), r => r.Message.StartsWith("recorded", StringComparison.Ordinal));
            var hr = contract.Sources.Single(s => s.Name == source);
            var options = new CsvFileOptions(hr.Encoding, hr.Delimiter);
            var original = File.ReadAllBytes(hr.Path);

            var (tried, refused) = FileEdit.SampleEdits(FileEdit.OfCsv(original.Length), hr.Path, original, iter: 1500, "the header probe or the drift check", (edit, edited) =>
            {
                _ = new SourceHeaderDriftCheck(contract) { Record = false }.Run().Select(r => r.ToString()).ToList();
                var probe = Refusal(() => SourceHeaderProbe.Read(hr.Path, options));
                var reader = Refusal(() =>
                {
                    using var r = CsvFileReader.Open(hr.Path, options, Array.Empty<string>());
                    while (r.Read())
                    {
                    }
                });
                if (probe is not null)
                {
                    Assert.True(reader?.Message == probe.Message, $"the probe refused ({probe.Message}) but the reader said {reader?.Message ?? "nothing"} after {edit.Describe(edited)}");
                }
                else if (reader is { ErrorId: InputErrorIds.SourceEncodingInvalid or InputErrorIds.SourceFileEmpty })
                {
                    Assert.Fail($"the reader refused ({reader.Message}) but the probe read a header after {edit.Describe(edited)}");
                }

                return probe is not null;
            });

            // Windows-1252 decodes any byte: only a byte order mark at the start gets the other export refused.
            Assert.True(refused > 0 || source != "hr", $"none of {tried} edits was refused");
        }

        private static InputFileException? Refusal(Action read)
        {
            try
            {
                read();
                return null;
            }
            catch (InputFileException ex)
            {
                return ex;
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using Aether.TitanHst.Canonical;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Diff;

namespace Aether.TitanHst.Tests.Diff
{
    /// <summary>
    /// Get-TitanHstDiff reads each export once: the hashes a diff (and its plan) records are the ones the extract
    /// computed from the bytes it parsed, recorded after the extract, never taken from a second read.
    /// </summary>
    public class SourceFilesFromExtractTests
    {
        [Fact]
        public void A_diff_records_the_hashes_of_the_bytes_its_extract_parsed_in_source_order()
        {
            using var d = new TempDistrict();
            var contract = ContractLoader.Load(d.ContractPath);
            var identity = DiffIdentity.New(contract);
            var extractor = new StaffExtractor(contract);

            new DiffEngine(contract, identity).Compute(extractor.Extract(), Array.Empty<Aether.TitanHst.Target.TargetStaffRecord>());
            identity.RecordSourceFiles(SourceFileHash.Read(contract, extractor.SourceHashes));

            Assert.Equal(contract.Sources.Select(s => s.Name), identity.SourceFiles.Select(f => f.Source));
            Assert.Equal(contract.Sources.Select(s => ContentHash.OfFile(s.Path)), identity.SourceFiles.Select(f => f.Hash));
            Assert.Equal(contract.Sources.Select(s => s.Path), identity.SourceFiles.Select(f => f.Path));
        }

        [Fact]
        public void Hashes_of_an_extract_that_has_not_read_every_source_are_refused()
        {
            using var d = new TempDistrict();
            var contract = ContractLoader.Load(d.ContractPath);

            Assert.Throws<InvalidOperationException>(() => SourceFileHash.Read(contract, new Dictionary<string, string>()));
        }

        [Fact]
        public void Source_files_are_recorded_once()
        {
            using var d = new TempDistrict();
            var contract = ContractLoader.Load(d.ContractPath);
            var identity = DiffIdentity.New(contract, SourceFileHash.Of(contract));

            Assert.Throws<InvalidOperationException>(() => identity.RecordSourceFiles(SourceFileHash.Of(contract)));
        }
    }
}

using System;
using System.IO;
using System.Linq;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Contract.Checks;
using Aether.TitanHst.Errors;
using Aether.TitanHst.Tests.BadInput;
using CsCheck;

namespace Aether.TitanHst.Tests.Contract
{
    /// <summary>
    /// The two files the module keeps beside a contract and reads back: its published versions
    /// (<c>contract.versions.json</c>, read by Test-, Publish- and Get-MappingContractHistory) and its exports' recorded
    /// headers (<c>contract.headers.json</c>, read by the header drift check). Any edit of either ends in what the
    /// consumers make of a valid file, or in <see cref="InputFileException"/> naming the file and a line (the checks
    /// report it as an error result): never another exception.
    /// </summary>
    public sealed class ContractSideFilesPropertyTests
    {
        [Fact]
        public void Any_edit_of_the_version_history_is_read_as_versions_or_refused_naming_the_file()
        {
            using var d = new TempDistrict();
            var contract = ContractLoader.Load(d.ContractPath);
            var path = ContractVersionHistory.PathFor(contract);
            new ContractVersionHistory
            {
                ContractId = contract.Id,
                Versions =
                {
                    new PublishedContractVersion { Version = "0.9.0", Hash = "sha256:" + new string('a', 64), PublishedAt = DateTimeOffset.UnixEpoch, PublishedBy = "alice@host", Reason = "first" },
                    new PublishedContractVersion { Version = contract.Version, Hash = contract.Hash, PublishedAt = DateTimeOffset.UnixEpoch.AddDays(1), PublishedBy = "bob@host", Reason = "sites" },
                },
            }.Write(path);
            var original = File.ReadAllBytes(path);
            Assert.Null(HistoryOutcome(contract, path));

            var (tried, refused) = FileEdit.SampleEdits(FileEdit.OfJson(original.Length), path, original, iter: 4000, "the version history's readers",
                (_, _) => HistoryOutcome(contract, path) is not null);

            Assert.True(refused > tried / 4, $"only {refused} of {tried} edits were refused");
        }

        [Fact]
        public void Any_edit_of_the_recorded_headers_is_compared_or_refused_naming_the_file()
        {
            using var d = new TempDistrict();
            var contract = ContractLoader.Load(d.ContractPath);
            Assert.Contains(new SourceHeaderDriftCheck(contract).Run(), r => r.Message.StartsWith("recorded", StringComparison.Ordinal));
            var path = SourceHeaderBaseline.PathFor(contract);
            var original = File.ReadAllBytes(path);

            var (tried, refused) = FileEdit.SampleEdits(FileEdit.OfJson(original.Length), path, original, iter: 4000, "the header drift check", (edit, edited) =>
            {
                // Read-only, as Test-MappingContract runs it; each result's text made, as the cmdlet writes it.
                var results = new SourceHeaderDriftCheck(contract) { Record = false }.Run().ToList();
                _ = results.Select(r => r.ToString() + string.Join(",", r.Items)).ToList();
                var unreadable = results.Where(r => r.Message.Contains("recorded export headers are not valid", StringComparison.Ordinal)).ToList();
                if (unreadable.Count > 0)
                {
                    Assert.All(unreadable, r => Assert.Matches(@"headers\.json:[1-9][0-9]*$", Assert.Single(r.Items)));
                    return true;
                }

                // Taken: then every name and text the check compared was text (a null compared as "" or as no column at all).
                var baseline = SourceHeaderBaseline.Read(path)!;
                Assert.All(baseline.Sources, pair => Assert.True(
                    pair.Value is { Encoding: not null, Delimiter: not null, File: not null } && !pair.Value.Columns.Contains(null!),
                    $"a null in the header taken for {pair.Key} after {edit.Describe(edited)}"));
                return false;
            });

            Assert.True(refused > tried / 4, $"only {refused} of {tried} edits were refused");
        }

        /// <summary>Null when every reader took the history, else the error id (checked to name the file and a line).</summary>
        private static string? HistoryOutcome(MappingContract contract, string path)
        {
            ContractVersionHistory? history;
            try
            {
                history = ContractVersionHistory.Read(path);
            }
            catch (InputFileException ex)
            {
                Assert.True(ex.Line > 0 && ex.File == path, $"refused without the file and a line: {ex.Message}");
                // Test-MappingContract reports the same refusal as its version check's error.
                var check = new MappingContractChecker(contract).Run().Take(2).Last();
                Assert.Equal(CheckSeverity.Error, check.GetSeverity());
                return ex.ErrorId;
            }

            // Taken: then it holds no null where a version holds text (what the readers below compare and print).
            Assert.NotNull(history);
            Assert.All(history!.Versions, v => Assert.True(v is { Version: not null, Hash: not null, PublishedBy: not null, Reason: not null }, "a null in a version taken"));

            // What Get-MappingContractHistory, Publish-MappingContract and Test-MappingContract do with a history read.
            _ = history.Ordered().Select(v => v.ToString() + v.ShortHash + v.PreviousVersion + v.Reason).ToList();
            _ = history.Find(contract.Version)?.Hash;
            _ = history.Latest?.Version;
            _ = new MappingContractChecker(contract).Run().Take(2).Last().Message;
            history.Versions.Add(new PublishedContractVersion { Version = "99.0.0", Hash = contract.Hash, PublishedBy = "carol@host", Reason = "next" });
            history.Write(path + ".written");
            return null;
        }
    }
}

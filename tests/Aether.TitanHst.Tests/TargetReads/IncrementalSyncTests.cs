using System;
using System.IO;
using System.Threading.Tasks;
using Aether.TitanHst.Errors;
using Aether.TitanHst.Sync;
using Aether.TitanHst.Target;
using Aether.TitanHst.Tests.Sync;
using Xunit;

namespace Aether.TitanHst.Tests.TargetReads
{
    /// <summary>The scheduled path with targetReads.mode "incremental": a full read first, refreshes after, the same diff.</summary>
    public sealed class IncrementalSyncTests : IAsyncLifetime
    {
        private SyncTestDistrict _d = null!;

        public async Task InitializeAsync() => _d = await SyncTestDistrict.StartAsync("incr-sync", 60, 5);

        public async Task DisposeAsync() => await _d.DisposeAsync();

        [Fact]
        public async Task PlanOnlyRuns_ReadInFullThenRefresh_AndDiffAlike()
        {
            var config = _d.Config("""{ "mode": "incremental", "overlap": "00:00:00", "snapshotFolder": "./kept" }""");
            Assert.Equal(TargetReadMode.Incremental, config.TargetReads.Mode);
            Assert.Equal(Path.Combine(_d.Path, "kept"), config.SnapshotFolder);
            await Task.Delay(1100); // past the second the seed was loaded in (see IncrementalReadEmulatorTests)

            var first = _d.Run(config);
            var second = _d.Run(config);

            Assert.Equal(TargetReadMode.Full, first.TargetRead!.GetMade());
            Assert.Contains("no kept snapshot", first.TargetRead.Reason, StringComparison.Ordinal);
            Assert.Equal(TargetReadMode.Incremental, second.TargetRead!.GetMade());
            Assert.Equal(0, second.TargetRead.Changed);
            Assert.Equal(first.Diff!.TargetRecords, second.Diff!.TargetRecords);
            Assert.Equal((first.Diff.Create, first.Diff.Update, first.Diff.Deactivate, first.Diff.Conflict), (second.Diff.Create, second.Diff.Update, second.Diff.Deactivate, second.Diff.Conflict));
            Assert.Contains(second.Messages, m => m.StartsWith("TitanHST read incremental", StringComparison.Ordinal));
            Assert.True(File.Exists(Path.Combine(config.SnapshotFolder, SyncTargetRecords.KeptSnapshotName(_d.Target()))));
        }

        [Fact]
        public void WithoutTheSection_TheDiffReadsLive()
        {
            var result = _d.Run(_d.Config(null));
            Assert.Null(result.TargetRead);
            Assert.NotNull(result.Diff);
        }

        [Theory]
        [InlineData("""{ "mode": "sometimes" }""", "targetReads.mode")]
        [InlineData("""{ "mode": "incremental", "fullReadEvery": "7 days" }""", "targetReads.fullReadEvery")]
        [InlineData("""{ "mode": "incremental", "maxSnapshotAge": "00:00:01" }""", "targetReads.maxSnapshotAge")]
        [InlineData("""{ "mode": "incremental", "overlap": "-00:05:00" }""", "targetReads.overlap")]
        public void BadSettings_NameTheProperty(string section, string property)
        {
            var e = Assert.Throws<InputFileException>(() => _d.Config(section));
            Assert.Equal(property, e.Field);
            Assert.True(e.Line > 0);
        }
    }
}

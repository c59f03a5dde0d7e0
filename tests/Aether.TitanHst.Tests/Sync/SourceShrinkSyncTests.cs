using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Aether.TitanHst.Apply;
using Aether.TitanHst.Sync;
using Xunit;

namespace Aether.TitanHst.Tests.Sync
{
    /// <summary>
    /// An HR export cut at a row boundary is a valid CSV: the people it lost look like departures, and below the
    /// deactivation threshold nothing held them back in an unattended run. The sync compares the exports' people with
    /// the last accepted run's and stops for review when they fell sharply and the diff would remove anyone.
    /// </summary>
    public sealed class SourceShrinkSyncTests : IAsyncLifetime
    {
        private SyncTestDistrict _d = null!;

        public async Task InitializeAsync() => _d = await SyncTestDistrict.StartAsync("shrink-sync", 60, 5, Prepare);

        public async Task DisposeAsync() => await _d.DisposeAsync();

        [Fact]
        public void A_sharp_drop_in_people_with_removals_stops_for_review_and_a_steady_count_does_not()
        {
            var config = _d.Config();
            var whole = _d.Run(config);
            Assert.NotNull(whole.Diff);
            Assert.False(whole.Diff!.Blocked, string.Join(" | ", whole.Messages));
            var record = SourcePeopleRecord.PathFor(config.SnapshotFolder, SyncTargetRecords.KeptSnapshotName(_d.Target()));

            // The last accepted run held as many people as today's exports: the plan-only run goes as far as it should.
            SourcePeopleRecord.Write(record, whole.Diff.SourceRecords, DateTimeOffset.UtcNow.AddDays(-1));
            Assert.Contains("(-PlanOnly)", _d.Run(config).Messages[^1], StringComparison.Ordinal);

            // HR's export cut at a row boundary (its positions with it): a fifth of HR's people gone, a valid CSV.
            var cut = CutHr(0.2);
            var shrunk = _d.Run(config);
            Assert.True(shrunk.Diff!.Deactivate > 0, "the cut makes departures");
            Assert.Equal(SyncStatus.NeedsReview, shrunk.GetStatus());
            Assert.Contains("fewer than the", shrunk.Messages[^1], StringComparison.Ordinal);
            Assert.Contains("Invoke-TitanHstApply -PlanPath", shrunk.Messages[^1], StringComparison.Ordinal);
            Assert.DoesNotContain(cut, shrunk.Messages[^1], StringComparison.Ordinal);
            Assert.Equal(whole.Diff.SourceRecords, SourcePeopleRecord.Read(record)!.Value.People);
        }

        [Fact]
        public void A_run_refused_because_another_apply_holds_TitanHST_ends_with_exit_2_and_leaves_the_record_alone()
        {
            var config = _d.Config(apply: "{ \"allowRoleChange\": true }");
            var whole = _d.Run(config);
            var record = SourcePeopleRecord.PathFor(config.SnapshotFolder, SyncTargetRecords.KeptSnapshotName(_d.Target()));
            SourcePeopleRecord.Write(record, whole.Diff!.SourceRecords, DateTimeOffset.UtcNow.AddDays(-1));

            // One person left: well under 5 %, so the run goes as far as the apply, which another run's lock refuses.
            CutHr(1);
            SyncRunResult busy;
            using (TargetLock.Acquire(_d.Target(), "20260301-020000-aaaaaa"))
            {
                busy = _d.Run(config, planOnly: false);
            }

            Assert.True(busy.Diff!.SourceRecords < whole.Diff.SourceRecords);
            Assert.Equal(SyncStatus.NeedsReview, busy.GetStatus());
            Assert.Equal(2, busy.ExitCode);
            Assert.StartsWith(ApplyErrorIds.TargetBusy, busy.Messages[^1], StringComparison.Ordinal);
            Assert.Contains("Invoke-TitanHstApply -PlanPath", busy.Messages[^1], StringComparison.Ordinal);
            Assert.True(File.Exists(busy.PlanPath));
            Assert.Null(busy.Apply);
            Assert.Equal(whole.Diff.SourceRecords, SourcePeopleRecord.Read(record)!.Value.People);

            // The next run is compared with the last accepted run's people, not with the run that never applied.
            CutHr(0.2);
            var next = _d.Run(config);
            Assert.Equal(SyncStatus.NeedsReview, next.GetStatus());
            Assert.Contains($"fewer than the {whole.Diff.SourceRecords} of the last accepted run", next.Messages[^1], StringComparison.Ordinal);
        }

        [Fact]
        public void A_record_that_cannot_be_read_stops_a_run_that_removes_people_naming_the_file()
        {
            var config = _d.Config();
            var whole = _d.Run(config);
            var record = SourcePeopleRecord.PathFor(config.SnapshotFolder, SyncTargetRecords.KeptSnapshotName(_d.Target()));
            SourcePeopleRecord.Write(record, whole.Diff!.SourceRecords, DateTimeOffset.UtcNow.AddDays(-1));

            // What a crash between truncating and writing it in place left behind.
            File.WriteAllText(record, string.Empty);
            CutHr((int)(whole.Diff.SourceRecords * 0.2));
            var stopped = _d.Run(config);
            Assert.Equal(SyncStatus.NeedsReview, stopped.GetStatus());
            Assert.Contains(record, stopped.Messages[^1], StringComparison.Ordinal);
            Assert.Contains("cannot be read (it is empty)", stopped.Messages[^1], StringComparison.Ordinal);
            Assert.Contains("Invoke-TitanHstApply -PlanPath", stopped.Messages[^1], StringComparison.Ordinal);
            Assert.True(File.Exists(stopped.PlanPath));
        }

        [Fact]
        public void The_record_is_replaced_whole_never_rewritten_in_place()
        {
            var folder = Path.Combine(_d.Path, "record-test");
            var record = SourcePeopleRecord.PathFor(folder, "target-x.json");
            SourcePeopleRecord.Write(record, 245, DateTimeOffset.UtcNow.AddDays(-1));

            // A reader holding the old file: an in-place write changes what it reads; a replace leaves it the old file whole.
            using (var held = new FileStream(record, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            {
                SourcePeopleRecord.Write(record, 238, DateTimeOffset.UtcNow);
                using var reader = new StreamReader(held);
                Assert.Contains("245", reader.ReadToEnd(), StringComparison.Ordinal);
            }

            Assert.Equal(238, SourcePeopleRecord.Read(record)!.Value.People);
            Assert.False(File.Exists(record + ".partial"));
        }

        // Thresholds out of the way (what is tested is the check that holds below them), and the sample's one person
        // with two current primary positions (a source error that stops any run first) given one.
        private static void Prepare(string district)
        {
            var contract = Path.Combine(district, "contract.jsonc");
            File.WriteAllText(contract, File.ReadAllText(contract)
                .Replace("\"deactivate\": { \"maxCount\": 50, \"maxPercent\": 10 }", "\"deactivate\": { \"maxCount\": 1000, \"maxPercent\": 100 }", StringComparison.Ordinal)
                .Replace("\"roleChange\": { \"maxCount\": 0 }", "\"roleChange\": { \"maxCount\": 1000 }", StringComparison.Ordinal));
            var positions = Path.Combine(district, "exports", "hr-positions.csv");
            var primaries = new HashSet<string>(StringComparer.Ordinal);
            File.WriteAllLines(positions, File.ReadAllLines(positions).Select((line, i) =>
            {
                var cells = line.Split(',');
                return i > 0 && cells[5] == "Y" && cells[7].Length == 0 && !primaries.Add(cells[0]) ? string.Join(",", cells.Take(5).Append("N").Concat(cells.Skip(6))) : line;
            }));
        }

        // Drops the last share of HR's employees and their positions; returns one dropped EmpID (never in a message).
        private string CutHr(double share) => CutHr((int)((File.ReadAllLines(Path.Combine(_d.Path, "exports", "hr-employees.csv")).Length - 1) * share));

        // Drops the last <paramref name="people"/> of HR's employees and their positions; returns one dropped EmpID.
        private string CutHr(int people)
        {
            var employees = Path.Combine(_d.Path, "exports", "hr-employees.csv");
            var positions = Path.Combine(_d.Path, "exports", "hr-positions.csv");
            var lines = File.ReadAllLines(employees);
            var keep = lines.Length - people;
            var dropped = lines.Skip(keep).Select(l => l.Split(',')[0]).ToHashSet(StringComparer.Ordinal);
            File.WriteAllLines(employees, lines.Take(keep));
            File.WriteAllLines(positions, File.ReadAllLines(positions).Where((l, i) => i == 0 || !dropped.Contains(l.Split(',')[0])));
            return dropped.First();
        }
    }
}

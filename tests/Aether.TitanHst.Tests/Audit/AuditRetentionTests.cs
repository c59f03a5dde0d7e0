using System;
using System.IO;
using System.Linq;
using Aether.TitanHst.Audit;
using Aether.TitanHst.Errors;

namespace Aether.TitanHst.Tests.Audit
{
    public sealed class AuditRetentionTests : IDisposable
    {
        private readonly AuditTestLog _log = new();

        public void Dispose() => _log.Dispose();

        [Fact]
        public void Expired_months_are_removed_recorded_and_the_log_still_verifies()
        {
            _log.WriteMonths(2, "2026-01", "2026-02", "2026-03", "2026-04");
            _log.Now = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

            var entry = AuditRetention.Remove(_log.Writer, TimeSpan.FromDays(40))!;

            // Cutoff April 22: January to March ended before it; April did not, and the newest file is never removed.
            Assert.Equal(new[] { "audit-2026-04.jsonl", "audit-2026-06.jsonl" }, AuditFolder.ListFiles(_log.Folder).Select(Path.GetFileName));
            Assert.Equal(AuditEntryKind.Retention, entry.GetKind());
            Assert.Equal(new[] { "audit-2026-01.jsonl", "audit-2026-02.jsonl", "audit-2026-03.jsonl" }, entry.Removed!.Select(r => r.File));
            Assert.Equal((4L, 9L, 12L), (entry.Removed![2].Entries, entry.Removed[2].FirstSequence, entry.Removed[2].LastSequence));
            var result = _log.Verify();
            Assert.True(result.Passed, result.FirstBadEntry?.ToString());
            Assert.Equal(entry.Sequence, result.StartVouchedBy);
        }

        [Fact]
        public void Entries_moved_into_a_file_named_for_an_older_month_are_not_removed_as_expired()
        {
            // This month's first entries moved into audit-2020-01.jsonl: retention goes by file names, so only the
            // verification it runs first stands between them and deletion.
            _log.WriteMonths(4, "2026-03");
            var march = _log.File("2026-03");
            var lines = File.ReadAllLines(march);
            File.WriteAllText(Path.Combine(_log.Folder, "audit-2020-01.jsonl"), string.Concat(lines.Take(2).Select(l => l + "\n")));
            File.WriteAllText(march, string.Concat(lines.Skip(2).Select(l => l + "\n")));
            _log.Now = new DateTimeOffset(2026, 3, 20, 0, 0, 0, TimeSpan.Zero);

            var error = Assert.Throws<Errors.InputFileException>(() => AuditRetention.Remove(_log.Writer, TimeSpan.FromDays(365)));
            Assert.Equal(AuditErrorIds.AuditLogInvalid, error.ErrorId);
            Assert.Contains("moved here from a later month", error.Message, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(_log.Folder, "audit-2020-01.jsonl")));
        }

        [Fact]
        public void Retention_run_again_later_keeps_the_log_verifying()
        {
            _log.WriteMonths(2, "2026-01", "2026-02", "2026-03");
            _log.Now = new DateTimeOffset(2026, 3, 20, 0, 0, 0, TimeSpan.Zero);
            Assert.NotNull(AuditRetention.Remove(_log.Writer, TimeSpan.FromDays(30)));
            _log.WriteMonths(2, "2026-04", "2026-05");
            _log.Now = new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero);

            Assert.NotNull(AuditRetention.Remove(_log.Writer, TimeSpan.FromDays(10)));

            Assert.Equal(new[] { "audit-2026-05.jsonl", "audit-2026-07.jsonl" }, AuditFolder.ListFiles(_log.Folder).Select(Path.GetFileName));
            Assert.True(_log.Verify().Passed, _log.Verify().FirstBadEntry?.ToString());
        }

        [Fact]
        public void A_retention_interrupted_after_the_first_deletion_still_verifies()
        {
            _log.WriteMonths(2, "2026-01", "2026-02", "2026-03");
            var february = File.ReadAllBytes(_log.File("2026-02"));
            _log.Now = new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);
            AuditRetention.Remove(_log.Writer, TimeSpan.FromDays(1));
            File.WriteAllBytes(_log.File("2026-02"), february); // as if the process died before deleting February

            Assert.True(_log.Verify().Passed, _log.Verify().FirstBadEntry?.ToString());
        }

        [Fact]
        public void Nothing_expired_writes_nothing()
        {
            _log.WriteMonths(2, "2026-01");

            Assert.Null(AuditRetention.Remove(_log.Writer, TimeSpan.FromDays(1)));
            Assert.Equal(4, _log.Verify().EntriesChecked);
        }

        [Fact]
        public void A_log_that_does_not_verify_is_not_pruned()
        {
            _log.WriteMonths(2, "2026-01", "2026-02");
            _log.FlipByte("2026-01", 2);
            _log.Now = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

            var e = Assert.Throws<InputFileException>(() => AuditRetention.Remove(_log.Writer, TimeSpan.FromDays(1)));

            Assert.Equal(AuditErrorIds.AuditLogInvalid, e.ErrorId);
            Assert.Equal((_log.File("2026-01"), 2), (e.File, e.Line));
            Assert.True(File.Exists(_log.File("2026-01")));
        }

        [Fact]
        public void The_policy_comes_from_the_options_and_can_be_limited_to_the_oldest_files()
        {
            _log.WriteMonths(1, "2026-01", "2026-02", "2026-03");
            _log.Now = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
            Assert.Null(AuditRetention.ApplyPolicy(_log.Writer));

            Assert.Single(AuditRetention.Remove(_log.Writer, TimeSpan.FromDays(1), maxFiles: 1)!.Removed!);
            _log.Options.RetentionDays = 30;
            Assert.Equal(new[] { "audit-2026-02.jsonl", "audit-2026-03.jsonl" }, AuditRetention.ApplyPolicy(_log.Writer)!.Removed!.Select(r => r.File));
            Assert.True(_log.Verify().Passed);
        }
    }
}

using System;
using System.IO;
using System.Linq;
using System.Text;
using Aether.TitanHst.Audit;

namespace Aether.TitanHst.Tests.Audit
{
    public sealed class AuditChainTests : IDisposable
    {
        private readonly AuditTestLog _log = new();

        public void Dispose() => _log.Dispose();

        [Fact]
        public void The_chain_runs_across_month_files_and_verifies()
        {
            _log.WriteMonths(3, "2026-01", "2026-02", "2026-03");

            var result = _log.Verify();

            Assert.True(result.Passed, result.FirstBadEntry?.ToString());
            Assert.Equal(18, result.EntriesChecked);
            Assert.Equal(new[] { "audit-2026-01.jsonl", "audit-2026-02.jsonl", "audit-2026-03.jsonl" }, result.Files.Select(Path.GetFileName));
            var entries = AuditLogQuery.Read(_log.Folder).ToList();
            Assert.Equal(Enumerable.Range(1, 18).Select(i => (long)i), entries.Select(e => e.Sequence));
            Assert.Null(entries[0].PrevHash);
            Assert.Equal(entries[5].Hash, entries[6].PrevHash); // first of February points at the last of January
            Assert.EndsWith("audit-2026-02.jsonl", entries[6].File);
            Assert.Equal(entries[^1].Hash, result.LastHash);
        }

        [Fact]
        public void One_flipped_byte_is_named_as_the_altered_entry()
        {
            _log.WriteMonths(3, "2026-01", "2026-02");
            _log.FlipByte("2026-02", line: 4);

            var bad = _log.Verify().FirstBadEntry;

            Assert.NotNull(bad);
            Assert.Equal(AuditProblemKind.Altered, bad!.GetProblem());
            Assert.Equal(_log.File("2026-02"), bad.File);
            Assert.Equal(4, bad.Line);
            Assert.Equal(10, bad.Sequence);
        }

        [Theory]
        [InlineData(5)]
        [InlineData(60)]
        [InlineData(200)]
        public void A_flipped_byte_anywhere_in_the_line_is_altered(int offset)
        {
            _log.WriteMonths(3, "2026-01");
            _log.FlipByte("2026-01", line: 2, offset: offset);

            var bad = _log.Verify().FirstBadEntry!;

            Assert.Equal((AuditProblemKind.Altered, 2, 2L), (bad.GetProblem(), bad.Line, bad.Sequence));
        }

        [Fact]
        public void A_deleted_line_is_named_as_removed()
        {
            _log.WriteMonths(3, "2026-01");
            var lines = _log.Lines("2026-01").ToList();
            lines.RemoveAt(2); // sequence 3
            _log.WriteLines("2026-01", lines);

            var bad = _log.Verify().FirstBadEntry!;

            Assert.Equal(AuditProblemKind.Removed, bad.GetProblem());
            Assert.Equal(3, bad.Line);
            Assert.Equal(3, bad.Sequence);
            Assert.Contains("sequence 3", bad.Message);
        }

        [Fact]
        public void A_forged_line_with_a_valid_hash_is_named_as_inserted()
        {
            _log.WriteMonths(3, "2026-01");
            var second = AuditLogQuery.Read(_log.Folder).ElementAt(1);
            var forged = new AuditEntry(new AuditEvent(AuditEntryKind.Outcome) { RunId = second.RunId, Action = "delete", ExternalId = "E0001", Outcome = "Succeeded" },
                second.Sequence + 1, second.Time, second.Operator, Array.Empty<AuditFieldValue>(), null, null, second.Hash);
            var lines = _log.Lines("2026-01").ToList();
            using (var key = AuditChainKey.ForWriting(_log.Folder, _log.KeyFolder))
            {
                lines.Insert(2, Encoding.UTF8.GetString(AuditEntryJson.ToLine(forged, key)).TrimEnd('\n'));
            }
            _log.WriteLines("2026-01", lines);

            var bad = _log.Verify().FirstBadEntry!;

            Assert.Equal((AuditProblemKind.Inserted, 3, 3L), (bad.GetProblem(), bad.Line, bad.Sequence));
        }

        [Fact]
        public void A_copied_line_is_named_as_inserted()
        {
            _log.WriteMonths(3, "2026-01");
            var lines = _log.Lines("2026-01").ToList();
            lines.Insert(4, lines[1]);
            _log.WriteLines("2026-01", lines);

            var bad = _log.Verify().FirstBadEntry!;

            Assert.Equal((AuditProblemKind.Inserted, 5), (bad.GetProblem(), bad.Line));
        }

        [Fact]
        public void A_removed_middle_file_is_named_at_the_next_file()
        {
            _log.WriteMonths(2, "2026-01", "2026-02", "2026-03");
            File.Delete(_log.File("2026-02"));

            var bad = _log.Verify().FirstBadEntry!;

            Assert.Equal((AuditProblemKind.Removed, 1, 5L), (bad.GetProblem(), bad.Line, bad.Sequence));
            Assert.Equal(_log.File("2026-03"), bad.File);
        }

        [Fact]
        public void A_removed_oldest_file_without_a_retention_entry_fails()
        {
            _log.WriteMonths(2, "2026-01", "2026-02");
            File.Delete(_log.File("2026-01"));

            var bad = _log.Verify().FirstBadEntry!;

            Assert.Equal((AuditProblemKind.Removed, 1), (bad.GetProblem(), bad.Line));
            Assert.Contains("no Retention entry", bad.Message);
        }

        [Fact]
        public void A_write_cut_off_by_a_crash_is_not_a_failure_and_the_next_append_removes_it()
        {
            _log.WriteMonths(2, "2026-01");
            var torn = _log.Lines("2026-01")[0].Substring(0, 50);
            File.AppendAllText(_log.File("2026-01"), torn);

            var before = _log.Verify();
            Assert.True(before.Passed);
            Assert.Equal(_log.File("2026-01") + ":5", before.IncompleteTail);

            _log.Action("run-2", "E9");
            var after = _log.Verify();
            Assert.True(after.Passed, after.FirstBadEntry?.ToString());
            Assert.Null(after.IncompleteTail);
            Assert.Equal(5, after.LastSequence);
        }

        [Fact]
        public void A_clock_set_back_never_writes_into_an_older_file()
        {
            _log.WriteMonths(1, "2026-03");
            _log.Now = new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero);

            var entry = _log.Action("run-x", "E1");

            Assert.Equal(_log.File("2026-03"), entry.File);
            Assert.True(_log.Verify().Passed);
        }
    }
}

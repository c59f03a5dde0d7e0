using System;
using System.IO;
using System.Linq;
using Aether.TitanHst.Audit;
using Aether.TitanHst.Errors;

namespace Aether.TitanHst.Tests.Audit
{
    public sealed class AuditQueryTests : IDisposable
    {
        private readonly AuditTestLog _log = new();

        public AuditQueryTests()
        {
            _log.WriteMonths(3, "2026-01", "2026-02");
            _log.Outcome("run-2026-02", "E0001", "Failed", 422, "rejected");
            _log.Writer.RecordAccess(AuditAccess.SnapshotExport, 2500, "/srv/snapshots/target.jsonl", "run-2026-02", AuditTestLog.Contract);
        }

        public void Dispose() => _log.Dispose();

        private AuditEntry[] Query(Action<AuditQuery> filter)
        {
            var query = new AuditQuery();
            filter(query);
            return AuditLogQuery.Read(_log.Folder, query).ToArray();
        }

        [Fact]
        public void Filters_by_run_external_id_outcome_and_kind()
        {
            Assert.Equal(8, Query(q => q.RunIds.Add("RUN-2026-02")).Length);
            Assert.Equal(5, Query(q => q.ExternalIds.Add("E0001")).Length);
            var failed = Assert.Single(Query(q => q.Outcomes.Add("failed")));
            Assert.Equal((422, "rejected", 1), (failed.HttpStatus, failed.Error, failed.Attempts));
            var access = Assert.Single(Query(q => q.Kinds.Add(AuditEntryKind.Access)));
            Assert.Equal((AuditAccess.SnapshotExport, 2500L), (access.Access!.What, access.Access.Count));
            Assert.Equal("sample-district", access.Contract!.Id);
            Assert.Equal("DISTRICT\\svc-sync", access.Operator.User);
        }

        [Fact]
        public void Filters_by_time_range_skipping_files_outside_it()
        {
            var january = Query(q => q.Before = new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero));
            Assert.Equal(6, january.Length);
            Assert.All(january, e => Assert.EndsWith("audit-2026-01.jsonl", e.File));

            var window = Query(q =>
            {
                q.After = new DateTimeOffset(2026, 1, 5, 8, 0, 3, TimeSpan.Zero);
                q.Before = new DateTimeOffset(2026, 1, 5, 8, 0, 5, TimeSpan.Zero);
            });
            Assert.Equal(new long[] { 3, 4 }, window.Select(e => e.Sequence));
        }

        [Fact]
        public void Last_returns_the_newest_matching_entries_oldest_first()
        {
            var last = AuditLogQuery.ReadLast(_log.Folder, null, 3);

            Assert.Equal(new long[] { 12, 13, 14 }, last.Select(e => e.Sequence));
        }

        [Fact]
        public void A_line_that_is_not_an_entry_is_an_error_naming_file_and_line()
        {
            File.AppendAllText(_log.File("2026-02"), "{\"v\":1,\"seq\":\"x\"}\n");

            var e = Assert.Throws<InputFileException>(() => AuditLogQuery.Read(_log.Folder).ToList());

            Assert.Equal(AuditErrorIds.AuditEntryInvalid, e.ErrorId);
            Assert.Equal((_log.File("2026-02"), 9, "seq"), (e.File, e.Line, e.Field));
        }

        [Fact]
        public void An_empty_or_missing_folder_has_no_entries()
        {
            Assert.Empty(AuditLogQuery.Read(Path.Combine(_log.Folder, "nothing-here")));
            Assert.True(AuditLogVerifier.Verify(Path.Combine(_log.Folder, "nothing-here")).Passed);
        }
    }
}

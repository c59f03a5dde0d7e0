using System;
using System.Linq;
using System.Threading.Tasks;
using Aether.TitanHst.Audit;

namespace Aether.TitanHst.Tests.Audit
{
    public sealed class AuditConcurrencyTests : IDisposable
    {
        private readonly AuditTestLog _log = new();

        public void Dispose() => _log.Dispose();

        [Fact]
        public void Writers_on_many_threads_keep_one_unbroken_chain()
        {
            // Separate writer objects, as separate processes would have: only the folder lock orders them.
            var writers = Enumerable.Range(0, 4).Select(_ => new AuditLogWriter(new AuditLogOptions(_log.Folder) { KeyFolder = _log.KeyFolder })).ToList();
            var shared = new AuditLogWriter(new AuditLogOptions(_log.Folder) { KeyFolder = _log.KeyFolder });
            Parallel.For(0, 6, new ParallelOptions { MaxDegreeOfParallelism = 6 }, t =>
            {
                for (var i = 0; i < 40; i++)
                {
                    var writer = t < 4 ? writers[t] : shared;
                    var e = new AuditEvent(AuditEntryKind.Outcome) { RunId = $"run-{t}", ExternalId = $"E{i}", Outcome = "Succeeded" };
                    e.Fields["email"] = $"p{i}@district.example";
                    writer.Append(e);
                }
            });
            writers.ForEach(w => w.Dispose());
            shared.Dispose();

            var result = _log.Verify();
            Assert.True(result.Passed, result.FirstBadEntry?.ToString());
            Assert.Equal(240, result.EntriesChecked);
            Assert.Equal(240, result.LastSequence);
            Assert.Equal(40, AuditLogQuery.Read(_log.Folder).Count(e => e.RunId == "run-5"));
        }

        [Fact]
        public void A_writer_waits_for_the_lock_and_gives_up_with_a_named_error()
        {
            var options = _log.NewOptions();
            options.LockTimeout = TimeSpan.FromMilliseconds(200);
            using var writer = new AuditLogWriter(options);
            using (AuditFolderLock.Acquire(_log.Folder, TimeSpan.FromSeconds(5)))
            {
                var e = Assert.Throws<Errors.InputFileException>(() => writer.RecordAccess(AuditAccess.TargetRead, 10, "https://titanhst.example"));
                Assert.Equal(AuditErrorIds.AuditLockTimeout, e.ErrorId);
            }

            Assert.Equal(1, writer.RecordAccess(AuditAccess.TargetRead, 10, "https://titanhst.example").Sequence);
        }
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Aether.TitanHst.Canonical;
using Aether.TitanHst.Client;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Diff;
using Aether.TitanHst.Errors;
using Aether.TitanHst.Sample;
using Aether.TitanHst.Target;

namespace Aether.TitanHst.Tests.Diff
{
    /// <summary>
    /// The target's index built on a worker thread while the sources are read: the same diff as on one thread, the
    /// same errors (never wrapped), and no reader left behind when either side fails.
    /// </summary>
    /// <remarks>
    /// Not run alongside other tests: one counts the process's unobserved task exceptions, and another test's
    /// abandoned task (a canned server's connection, a socket's connect) finalized in that window would be counted.
    /// </remarks>
    [Collection(UnobservedTaskExceptionsCollection.Name)]
    public sealed class TargetAlongsideTests : IDisposable
    {
        private readonly string _root = Path.Combine(Path.GetTempPath(), "titanhst-tests", Guid.NewGuid().ToString("N"));

        public void Dispose()
        {
            if (Directory.Exists(_root))
            {
                Directory.Delete(_root, recursive: true);
            }
        }

        [Theory]
        [InlineData(7, false)]
        [InlineData(8, true)]
        public void The_sample_district_gives_the_same_diff_with_and_without_the_target_read_alongside(int seed, bool includeNoChange)
        {
            var (contract, target) = District(600, seed);

            var alone = new DiffEngine(contract).Compute(new StaffExtractor(contract).Extract(), target, new DiffOptions { IncludeNoChange = includeNoChange, ReadTargetAlongside = false });
            var alongside = new DiffEngine(contract).Compute(new StaffExtractor(contract).Extract(), target, new DiffOptions { IncludeNoChange = includeNoChange });

            Assert.NotEmpty(alone.Changes);
            Assert.Equal(Signature(alone), Signature(alongside));
            var (a, b) = (alone.Summary, alongside.Summary);
            Assert.Equal((a.Create, a.Update, a.Deactivate, a.Reactivate, a.Delete, a.Conflict, a.NoChange), (b.Create, b.Update, b.Deactivate, b.Reactivate, b.Delete, b.Conflict, b.NoChange));
            Assert.Equal((a.SourceRecords, a.TargetRecords, a.ManagedActive, a.Unmanaged, a.SourceErrors, a.Blocked, a.HeldBack), (b.SourceRecords, b.TargetRecords, b.ManagedActive, b.Unmanaged, b.SourceErrors, b.Blocked, b.HeldBack));
            Assert.Equal(a.BlockReasons, b.BlockReasons);
        }

        [Fact]
        public void An_api_error_on_the_worker_surfaces_as_itself_with_its_message()
        {
            var (contract, target) = District(200, 3);
            IEnumerable<TargetStaffRecord> Failing(CancellationToken _)
            {
                foreach (var record in target.Take(50))
                {
                    yield return record;
                }

                throw new TitanHstApiException(TitanHstErrorKind.UnexpectedResponse, "GET /api/v1/staff: TitanHST returned the same cursor again; stopping rather than looping.");
            }

            var alone = Assert.Throws<TitanHstApiException>(() => new DiffEngine(contract).Compute(new StaffExtractor(contract).Extract(), Failing, new DiffOptions { ReadTargetAlongside = false }));
            var alongside = Assert.Throws<TitanHstApiException>(() => new DiffEngine(contract).Compute(new StaffExtractor(contract).Extract(), Failing));

            Assert.Equal(alone.Message, alongside.Message);
            Assert.Equal(alone.Kind, alongside.Kind);
        }

        [Fact]
        public void A_corrupt_snapshot_read_on_the_worker_surfaces_as_the_same_input_file_error()
        {
            var (contract, target) = District(200, 4);
            var path = Path.Combine(_root, "target.jsonl");
            using (var writer = new TargetSnapshotWriter(path, new TargetSnapshotHeader(DateTimeOffset.UtcNow, "http://127.0.0.1:5000/", TargetSnapshotScope.All, "1.0", "2026-02")))
            {
                foreach (var record in target)
                {
                    writer.Write(record);
                }

                writer.Complete();
            }

            var lines = File.ReadAllLines(path);
            lines[40] = lines[40].Substring(0, 25);
            File.WriteAllLines(path, lines);

            InputFileException Diff(bool alongside)
            {
                using var snapshot = TargetSnapshotReader.Open(path);
                return Assert.Throws<InputFileException>(() => new DiffEngine(contract).Compute(new StaffExtractor(contract).Extract(), snapshot.ReadRecords(), new DiffOptions { ReadTargetAlongside = alongside }));
            }

            var alone = Diff(alongside: false);
            var overlapped = Diff(alongside: true);

            Assert.Equal(InputErrorIds.SnapshotRecordInvalid, overlapped.ErrorId);
            Assert.Equal((alone.ErrorId, alone.File, alone.Line, alone.Message), (overlapped.ErrorId, overlapped.File, overlapped.Line, overlapped.Message));
        }

        [Fact]
        public void Sources_failing_while_the_target_is_read_stop_the_reader_and_leave_no_unobserved_exception()
        {
            var (contract, target) = District(100, 5);
            var unobserved = 0;
            void Count(object? sender, UnobservedTaskExceptionEventArgs e) => Interlocked.Increment(ref unobserved);
            // Earlier tests' abandoned tasks finalized now, before counting starts: only this test's can be counted.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            TaskScheduler.UnobservedTaskException += Count;
            try
            {
                var reader = new SlowReader(target);
                var sourceError = new InputFileException(InputErrorIds.SnapshotRecordInvalid, "hr.csv", 12, "status", "the field is broken");
                IEnumerable<ExtractItem> Sources()
                {
                    // Fails only once the worker is inside the target's read.
                    Assert.True(reader.Started.Wait(TimeSpan.FromSeconds(30)));
                    throw sourceError;
#pragma warning disable CS0162 // an iterator needs a yield to be one
                    yield break;
#pragma warning restore CS0162
                }

                var thrown = Assert.Throws<InputFileException>(() => new DiffEngine(contract).Compute(Sources(), reader.Read));

                Assert.Same(sourceError, thrown);
                // Compute returned only after the worker left the read: stopped by the engine's token, enumerator disposed.
                Assert.True(reader.StopRequested);
                Assert.True(reader.Disposed);
                Assert.Equal(0, reader.Inside);
                Assert.True(reader.Yielded < target.Count, "the read was stopped, not finished");
            }
            finally
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
                TaskScheduler.UnobservedTaskException -= Count;
            }

            Assert.Equal(0, unobserved);
        }

        [Fact]
        public void A_target_that_failed_before_the_sources_did_is_the_error_reported_as_when_it_was_read_first()
        {
            var (contract, _) = District(100, 6);
            var targetFailed = new ManualResetEventSlim();
            IEnumerable<TargetStaffRecord> Failing(CancellationToken _)
            {
                try
                {
                    throw new TitanHstApiException(TitanHstErrorKind.Unauthorized, "GET /api/v1/staff: the token was refused.");
                }
                finally
                {
                    targetFailed.Set();
                }

#pragma warning disable CS0162
                yield break;
#pragma warning restore CS0162
            }

            IEnumerable<ExtractItem> Sources()
            {
                Assert.True(targetFailed.Wait(TimeSpan.FromSeconds(30)));
                Thread.Sleep(50);
                throw new InputFileException(InputErrorIds.FileNotFound, "hr.csv", 0, string.Empty, "The file does not exist.");
#pragma warning disable CS0162
                yield break;
#pragma warning restore CS0162
            }

            var thrown = Assert.Throws<TitanHstApiException>(() => new DiffEngine(contract).Compute(Sources(), Failing));
            Assert.Equal(TitanHstErrorKind.Unauthorized, thrown.Kind);
        }

        [Fact]
        public void The_wait_callback_runs_on_the_callers_thread_and_a_failing_callback_stops_the_reader()
        {
            var (contract, target) = District(100, 9);
            var reader = new SlowReader(target, perRecord: TimeSpan.FromMilliseconds(20));
            var caller = Environment.CurrentManagedThreadId;
            var calls = 0;
            var threads = new HashSet<int>();
            void WhileWaiting()
            {
                threads.Add(Environment.CurrentManagedThreadId);
                if (++calls == 3)
                {
                    // What PowerShell does when Ctrl+C is pressed: the next WriteProgress throws.
                    throw new OperationCanceledException("the pipeline is stopping");
                }
            }

            var thrown = Assert.Throws<OperationCanceledException>(() => new DiffEngine(contract).Compute(new StaffExtractor(contract).Extract(), reader.Read,
                new DiffOptions { WhileWaitingForTarget = WhileWaiting, WaitInterval = TimeSpan.FromMilliseconds(10) }));

            Assert.Equal("the pipeline is stopping", thrown.Message);
            Assert.Equal(new[] { caller }, threads.ToArray());
            Assert.True(reader.Disposed);
            Assert.Equal(0, reader.Inside);
        }

        private (MappingContract Contract, List<TargetStaffRecord> Target) District(int staff, int seed)
        {
            var folder = Path.Combine(_root, $"district-{seed}");
            var info = SampleDistrictGenerator.Generate(folder, new SampleDistrictOptions { StaffCount = staff, Seed = seed });
            return (ContractLoader.Load(info.ContractPath!), SeedTarget.Load(Path.Combine(folder, "titanhst-seed.json")));
        }

        private static List<string> Signature(DiffResult result) => result.Changes
            .Select(c => string.Join("|", c.GetAction(), c.GetExternalId(), c.GetRisk(), c.Blocked, c.HeldBack, c.BlockReason, c.TargetId, c.Changes, c.Explanation,
                string.Join(";", c.GetDesiredFields().OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value))))
            .ToList();

        /// <summary>A target read that takes its time and says where the reading thread is.</summary>
        private sealed class SlowReader
        {
            private readonly IReadOnlyList<TargetStaffRecord> _records;
            private readonly TimeSpan _perRecord;
            private int _inside;

            internal SlowReader(IReadOnlyList<TargetStaffRecord> records, TimeSpan? perRecord = null)
            {
                _records = records;
                _perRecord = perRecord ?? TimeSpan.FromMilliseconds(5);
            }

            internal ManualResetEventSlim Started { get; } = new();

            internal int Inside => Volatile.Read(ref _inside);

            internal bool Disposed { get; private set; }

            internal bool StopRequested { get; private set; }

            internal int Yielded { get; private set; }

            internal IEnumerable<TargetStaffRecord> Read(CancellationToken stop)
            {
                Interlocked.Increment(ref _inside);
                try
                {
                    foreach (var record in _records)
                    {
                        Started.Set();
                        // A live read waits on its request with the token: cancelled, it stops at once.
                        if (stop.WaitHandle.WaitOne(_perRecord))
                        {
                            StopRequested = true;
                        }

                        Yielded++;
                        yield return record;
                    }
                }
                finally
                {
                    Disposed = true;
                    Interlocked.Decrement(ref _inside);
                }
            }
        }
    }
}

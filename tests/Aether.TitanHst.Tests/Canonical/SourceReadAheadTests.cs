using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Aether.TitanHst.Canonical;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Errors;
using Aether.TitanHst.Sample;

namespace Aether.TitanHst.Tests.Canonical
{
    /// <summary>
    /// The exports read two at a time give what reading them one by one gives: every read in the contract's order,
    /// a failed read thrown where it is due (the first export's problem, not whichever thread failed first), no read
    /// left running once the extraction is over.
    /// </summary>
    public sealed class SourceReadAheadTests : IDisposable
    {
        private readonly string _root = Path.Combine(Path.GetTempPath(), "titanhst-tests", Guid.NewGuid().ToString("N"));

        [Fact]
        public void Reads_come_out_in_order_read_on_two_threads_under_the_callers_culture()
        {
            var threads = new ConcurrentDictionary<int, byte>();
            // The first two reads meet here: each waits until the other has started, so two threads read at once.
            using var together = new Barrier(2);
            var started = 0;
            var original = CultureInfo.CurrentCulture;
            CultureInfo.CurrentCulture = new CultureInfo("tr-TR");
            try
            {
                using var ahead = new SourceReadAhead<string>(6, i =>
                {
                    threads[Environment.CurrentManagedThreadId] = 0;
                    if (Interlocked.Increment(ref started) <= 2)
                    {
                        Assert.True(together.SignalAndWait(TimeSpan.FromSeconds(30)), "a second read did not start alongside the first");
                    }

                    return $"read {i} ({CultureInfo.CurrentCulture.Name})";
                });

                var reads = Enumerable.Range(0, 6).Select(ahead.Take).ToList();

                Assert.Equal(Enumerable.Range(0, 6).Select(i => $"read {i} (tr-TR)"), reads);
                Assert.Equal(2, threads.Count);
            }
            finally
            {
                CultureInfo.CurrentCulture = original;
            }
        }

        [Fact]
        public void A_failed_read_is_thrown_where_it_is_due_as_itself()
        {
            var first = new InvalidDataException("export 1 is broken");
            using var ahead = new SourceReadAhead<string>(4, i => i switch
            {
                1 => throw first,
                2 => throw new InvalidDataException("export 2 is broken too"),
                _ => $"read {i}",
            });

            Assert.Equal("read 0", ahead.Take(0));
            var thrown = Assert.Throws<InvalidDataException>(() => ahead.Take(1));
            Assert.Same(first, thrown);
        }

        [Fact]
        public async Task Dispose_waits_for_the_read_in_progress_and_starts_no_other()
        {
            using var gate = new ManualResetEventSlim(false);
            var started = new ConcurrentBag<int>();
            var ahead = new SourceReadAhead<string>(5, i =>
            {
                started.Add(i);
                if (i == 1)
                {
                    gate.Wait(TimeSpan.FromSeconds(30));
                }

                return $"read {i}";
            });

            // Nobody takes anything: the helper reads export 0, then stays in export 1.
            SpinWait.SpinUntil(() => started.Contains(1), TimeSpan.FromSeconds(30));
            Assert.Contains(1, started);
            var disposing = Task.Run(ahead.Dispose);
            var first = await Task.WhenAny(disposing, Task.Delay(TimeSpan.FromMilliseconds(200)));
            Assert.False(ReferenceEquals(first, disposing), "Dispose returned while a read was still running");

            gate.Set();
            await disposing.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(new[] { 0, 1 }, started.OrderBy(i => i));
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void An_extraction_reports_the_first_broken_export_whether_read_ahead_or_not(bool alongside)
        {
            var folder = Path.Combine(_root, alongside ? "alongside" : "one-by-one");
            var info = SampleDistrictGenerator.Generate(folder, new SampleDistrictOptions { StaffCount = 300, Seed = 2, WriteTargetSeed = false });
            var contract = ContractLoader.Load(info.ContractPath!);

            // The second export (hr) loses a column the contract reads; the third (positions) is not there at all.
            var hr = Path.Combine(folder, "exports", "hr-employees.csv");
            var lines = File.ReadAllLines(hr, Encoding.UTF8);
            lines[0] = lines[0].Replace("PhoneWork", "PhoneDesk", StringComparison.Ordinal);
            File.WriteAllLines(hr, lines, new UTF8Encoding(true));
            File.Delete(Path.Combine(folder, "exports", "hr-positions.csv"));

            var extractor = new StaffExtractor(contract) { BuildAlongside = alongside };
            var thrown = Assert.Throws<InputFileException>(() => extractor.Extract().ToList());

            Assert.Equal(InputErrorIds.SourceColumnMissing, thrown.ErrorId);
            Assert.Equal(hr, thrown.File);
        }

        public void Dispose()
        {
            if (Directory.Exists(_root))
            {
                Directory.Delete(_root, recursive: true);
            }
        }
    }
}

using System;
using System.IO;
using System.Text;
using Aether.TitanHst.Apply;
using Aether.TitanHst.Plan;
using Aether.TitanHst.Review;
using Aether.TitanHst.Security;
using Aether.TitanHst.Target;
using Aether.TitanHst.Tests.Apply;

namespace Aether.TitanHst.Tests.Hardening
{
    /// <summary>
    /// Another user who can write a shared plans or review folder plants "&lt;name&gt;.partial", the fixed temporary name
    /// the writers used: her own file (then plan.json was hers), or a link to her file (then review.csv became that
    /// link, and her file held the whole sheet). Neither is reused nor followed now: the result is our own regular
    /// file, and what she planted is untouched.
    /// </summary>
    public sealed class PlantedPartialTests : IDisposable
    {
        private readonly ApplyFixture _fx = new();
        private readonly string _folder;
        private readonly string _hers;

        public PlantedPartialTests()
        {
            _folder = _fx.District.PathOf("shared");
            Directory.CreateDirectory(_folder);
            _hers = _fx.District.PathOf("mallory.txt");
            File.WriteAllText(_hers, "mallory's");
        }

        [Fact]
        public void A_plan_is_written_beside_a_planted_partial_file_and_a_planted_link()
        {
            AssertNotReused("plan.json", path => PlanWriter.Write(path, _fx.Diff().Changes, "alice@host", _fx.Key));
        }

        [Fact]
        public void A_review_sheet_is_written_beside_a_planted_partial_file_and_a_planted_link()
        {
            AssertNotReused("review.csv", path => ReviewSheetWriter.Write(path, _fx.Diff().Changes));
        }

        [Fact]
        public void A_run_header_is_written_beside_a_planted_partial_file_and_a_planted_link()
        {
            AssertNotReused(RunHeaderFile.FileName, path => RunHeaderFile.Write(Path.GetDirectoryName(path)!, new RunHeader { RunId = "shared" }, _fx.Key));
        }

        [Fact]
        public void A_link_planted_as_the_lock_owner_note_is_replaced_not_followed()
        {
            if (OperatingSystem.IsWindows())
            {
                return;
            }

            var target = TargetIdentity.Of(new Uri("http://localhost:5055/"), "emu-1");
            using (TargetLock.Acquire(target, "run-a", _folder))
            {
            }

            var owner = Directory.GetFiles(_folder, "*.lock.owner")[0];
            File.Delete(owner);
            File.CreateSymbolicLink(owner, _hers);
            using (TargetLock.Acquire(target, "run-b", _folder))
            {
            }

            Assert.Equal("mallory's", File.ReadAllText(_hers));
            AssertOurs(owner);
        }

        [Fact]
        public void A_target_snapshot_and_a_report_are_written_beside_a_planted_partial_file_and_a_planted_link()
        {
            AssertNotReused("snapshot.jsonl", path =>
            {
                using var writer = new TargetSnapshotWriter(path, new TargetSnapshotHeader(DateTimeOffset.UnixEpoch, "seed:x", TargetSnapshotScope.All));
                writer.Complete();
            });
            AssertNotReused("report.html", path => PrivateFiles.WriteAllText(path, "<p>names</p>", new UTF8Encoding(false)));
        }

        public void Dispose() => _fx.Dispose();

        private void AssertNotReused(string name, Action<string> write)
        {
            // First a planted file of hers, writable by anyone; then a planted link to her file.
            var path = Path.Combine(_folder, name);
            var partial = path + ".partial";
            File.WriteAllText(partial, "planted");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(partial, (UnixFileMode)0x1B6); // 0666
            }

            write(path);
            Assert.Equal("planted", File.ReadAllText(partial));
            Assert.NotEqual("planted", File.ReadAllText(path));
            AssertOurs(path);

            if (OperatingSystem.IsWindows())
            {
                return; // Links need a privilege there; the planted file above is the case.
            }

            File.Delete(partial);
            File.CreateSymbolicLink(partial, _hers);
            write(path);
            Assert.Equal("mallory's", File.ReadAllText(_hers));
            Assert.Equal(_hers, new FileInfo(partial).LinkTarget);
            AssertOurs(path);
            File.Delete(partial);
            Assert.Equal(new[] { path }, Directory.GetFiles(_folder));
            File.Delete(path);
        }

        private static void AssertOurs(string path)
        {
            var info = new FileInfo(path);
            Assert.Null(info.LinkTarget);
            Assert.True(info.Exists);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            }
        }
    }
}

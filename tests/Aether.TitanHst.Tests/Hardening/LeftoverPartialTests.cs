using System;
using System.IO;
using Aether.TitanHst.Security;

namespace Aether.TitanHst.Tests.Hardening
{
    /// <summary>
    /// A process killed while writing a snapshot, plan or report leaves its hidden ".&lt;name&gt;.&lt;random&gt;.partial"
    /// copy, personal data included, where no one looks. The next write of the same file removes such copies once they
    /// are a day old; a younger one (another process's write in progress), a link, another file's copy or a name of
    /// another shape stays.
    /// </summary>
    public sealed class LeftoverPartialTests : IDisposable
    {
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "aether-leftover-" + Guid.NewGuid().ToString("N"));

        public LeftoverPartialTests() => Directory.CreateDirectory(_folder);

        [Fact]
        public void A_write_removes_its_own_day_old_leftovers_and_nothing_else()
        {
            var stale = Leftover(".report.html.0123456789abcdef.partial", TimeSpan.FromDays(2));
            var young = Leftover(".report.html.fedcba9876543210.partial", TimeSpan.FromHours(1));
            var otherFile = Leftover(".plan.json.0123456789abcdef.partial", TimeSpan.FromDays(2));
            var otherShape = Leftover(".report.html.mine.partial", TimeSpan.FromDays(2));
            var hers = Path.Combine(_folder, "hers.txt");
            File.WriteAllText(hers, "hers");
            var link = Path.Combine(_folder, ".report.html.aaaaaaaaaaaaaaaa.partial");
            if (!OperatingSystem.IsWindows())
            {
                File.CreateSymbolicLink(link, hers);
                // The link itself three days old (touch -h: .NET sets times through links): only being a link keeps it.
                using var touch = System.Diagnostics.Process.Start("touch", new[] { "-h", "-d", "3 days ago", link });
                touch.WaitForExit();
                Assert.True(DateTime.UtcNow - new FileInfo(link).LastWriteTimeUtc > TimeSpan.FromDays(2), "the link could not be aged");
            }

            using (var file = PendingFile.Create(Path.Combine(_folder, "report.html")))
            {
                file.Stream.WriteByte((byte)'x');
                file.Commit();
            }

            Assert.False(File.Exists(stale), "the day-old leftover stayed");
            Assert.True(File.Exists(young) && File.Exists(otherFile) && File.Exists(otherShape));
            Assert.Equal("x", File.ReadAllText(Path.Combine(_folder, "report.html")));
            if (!OperatingSystem.IsWindows())
            {
                Assert.NotNull(new FileInfo(link).LinkTarget);
                Assert.Equal("hers", File.ReadAllText(hers));
            }
        }

        public void Dispose() => Directory.Delete(_folder, recursive: true);

        private string Leftover(string name, TimeSpan age)
        {
            var path = Path.Combine(_folder, name);
            File.WriteAllText(path, "a snapshot cut short");
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow - age);
            return path;
        }
    }
}

using System;
using System.IO;
using Aether.TitanHst.Preview;

namespace Aether.TitanHst.Tests.Preview
{
    /// <summary>A comparison killed mid-run leaves its copies of the exports; the next one removes them (audit: 22 MB of staff data left in $TMPDIR).</summary>
    public sealed class StalePreviewFoldersTests : IDisposable
    {
        private readonly string _temp = Path.Combine(Path.GetTempPath(), "titanhst-stale-preview", Guid.NewGuid().ToString("N"));

        public StalePreviewFoldersTests() => Directory.CreateDirectory(_temp);

        [Fact]
        public void Folders_of_a_process_that_is_gone_are_removed_and_the_rest_left()
        {
            var dead = Folder(StalePreviewFolders.Prefix + int.MaxValue + "-0123abcd");
            File.WriteAllText(Path.Combine(dead, "1-hr-employees.csv"), "EmpID,NameFirst\n1,Ana\n");
            var mine = Folder(StalePreviewFolders.NewName());
            var unnamed = Folder(StalePreviewFolders.Prefix + "0123456789abcdef");
            var victim = Folder("someone-elses-folder");
            File.WriteAllText(Path.Combine(victim, "keep.txt"), "keep");
            var link = Path.Combine(_temp, StalePreviewFolders.Prefix + (int.MaxValue - 1) + "-link");
            if (!OperatingSystem.IsWindows())
            {
                Directory.CreateSymbolicLink(link, victim);
            }

            Assert.Equal(1, StalePreviewFolders.Sweep(_temp));
            Assert.False(Directory.Exists(dead));
            Assert.True(Directory.Exists(mine), "this process's own comparison is running");
            Assert.True(Directory.Exists(unnamed), "a name without a process id is not ours to judge");
            Assert.True(File.Exists(Path.Combine(victim, "keep.txt")), "a link is never followed");
            Assert.StartsWith(StalePreviewFolders.Prefix + Environment.ProcessId + "-", Path.GetFileName(mine), StringComparison.Ordinal);
        }

        public void Dispose() => Directory.Delete(_temp, recursive: true);

        private string Folder(string name)
        {
            var path = Path.Combine(_temp, name);
            Directory.CreateDirectory(path);
            return path;
        }
    }
}

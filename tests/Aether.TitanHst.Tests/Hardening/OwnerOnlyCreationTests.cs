using System;
using System.IO;
using System.Linq;
using System.Text;
using Aether.TitanHst.Conformance;
using Aether.TitanHst.Review;
using Aether.TitanHst.Security;
using Aether.TitanHst.Tests.Apply;

namespace Aether.TitanHst.Tests.Hardening
{
    /// <summary>
    /// Files and folders the module creates are owner-only from the moment they exist (audit: a file opened with the
    /// umask's 0644 and chmodded after could be opened by another user in between, who kept a readable handle).
    /// </summary>
    public sealed class OwnerOnlyCreationTests : IDisposable
    {
        private const UnixFileMode File0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        private const UnixFileMode Folder0700 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        private const UnixFileMode Folder0755 = Folder0700 | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

        private readonly string _root = Path.Combine(Path.GetTempPath(), "titanhst-tests", Guid.NewGuid().ToString("N"));

        public OwnerOnlyCreationTests()
        {
            Directory.CreateDirectory(_root);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(_root, Folder0755);
            }
        }

        [Fact]
        public void What_is_created_under_the_mask_is_owner_only_as_it_is_created_and_the_umask_is_restored()
        {
            if (OperatingSystem.IsWindows())
            {
                return;
            }

            // Plain .NET creations, with no chmod after: only the mask can make them owner-only.
            var before = Path.Combine(_root, "before");
            File.WriteAllText(before, "x");
            var file = Path.Combine(_root, "file");
            var folder = Path.Combine(_root, "a", "b");
            var stream = OwnerOnlyMask.Run(() =>
            {
                Directory.CreateDirectory(folder);
                return new FileStream(file, FileMode.CreateNew, FileAccess.Write);
            });
            using (stream)
            {
                Assert.Equal(File0600, File.GetUnixFileMode(stream.SafeFileHandle));
            }

            Assert.Equal(Folder0700, File.GetUnixFileMode(Path.Combine(_root, "a")));
            Assert.Equal(Folder0700, File.GetUnixFileMode(folder));
            var after = Path.Combine(_root, "after");
            File.WriteAllText(after, "x");
            Assert.Equal(File.GetUnixFileMode(before), File.GetUnixFileMode(after));
        }

        [Fact]
        public void A_new_private_file_is_owner_only_before_anything_is_written()
        {
            if (OperatingSystem.IsWindows())
            {
                return;
            }

            using (var stream = PrivateFiles.CreateNew(Path.Combine(_root, "new")))
            {
                Assert.Equal(File0600, File.GetUnixFileMode(stream.SafeFileHandle));
            }

            using var log = PrivateFiles.OpenAppend(Path.Combine(_root, "log"));
            Assert.Equal(File0600, File.GetUnixFileMode(log.SafeFileHandle));
        }

        [Fact]
        public void Missing_parents_are_created_owner_only_and_an_existing_folder_is_left_as_it_was()
        {
            if (OperatingSystem.IsWindows())
            {
                return;
            }

            PrivateFiles.CreateFolder(Path.Combine(_root, "runs", "audit", "keys"));
            Assert.Equal(Folder0700, File.GetUnixFileMode(Path.Combine(_root, "runs")));
            Assert.Equal(Folder0700, File.GetUnixFileMode(Path.Combine(_root, "runs", "audit")));
            Assert.Equal(Folder0700, File.GetUnixFileMode(Path.Combine(_root, "runs", "audit", "keys")));
            Assert.Equal(Folder0755, File.GetUnixFileMode(_root));
        }

        [Fact]
        public void The_folders_made_for_a_plan_and_a_review_sheet_are_owner_only()
        {
            if (OperatingSystem.IsWindows())
            {
                return;
            }

            using var fx = new ApplyFixture();
            var changes = fx.Diff().Changes;
            var plan = Path.Combine(_root, "plans", "june", "plan.json");
            Plan.PlanWriter.Write(plan, changes, "alice@host", fx.Key);
            var sheet = Path.Combine(_root, "review", "june", "review.csv");
            ReviewSheetWriter.Write(sheet, changes);

            foreach (var folder in new[] { "plans", "plans/june", "review", "review/june" })
            {
                Assert.Equal(Folder0700, File.GetUnixFileMode(Path.Combine(_root, folder)));
            }

            Assert.Equal(File0600, File.GetUnixFileMode(plan));
            Assert.Equal(File0600, File.GetUnixFileMode(sheet));
        }

        [Fact]
        public void Rewriting_a_readable_file_makes_a_new_one_so_a_handle_kept_to_the_old_one_never_sees_the_new_content()
        {
            if (OperatingSystem.IsWindows())
            {
                return;
            }

            // Left 0644 by an older version; someone opened it then and kept the handle.
            var report = Path.Combine(_root, "report.html");
            var sample = Path.Combine(_root, "staff.csv");
            foreach (var path in new[] { report, sample })
            {
                File.WriteAllText(path, "old");
                File.SetUnixFileMode(path, File0600 | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            }

            using var keptReport = new FileStream(report, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var keptSample = new FileStream(sample, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            PrivateFiles.WriteAllText(report, "names and e-mails", new UTF8Encoding(false));
            using (var stream = PrivateFiles.CreateNew(sample, FileMode.Create))
            {
                stream.Write(Encoding.UTF8.GetBytes("names and e-mails"));
            }

            foreach (var (path, kept) in new[] { (report, keptReport), (sample, keptSample) })
            {
                Assert.Equal("old", new StreamReader(kept).ReadToEnd());
                Assert.Equal("names and e-mails", File.ReadAllText(path));
                Assert.Equal(File0600, File.GetUnixFileMode(path));
            }
        }

        [Fact]
        public void A_conformance_report_and_the_emulator_state_are_owner_only()
        {
            if (OperatingSystem.IsWindows())
            {
                return;
            }

            var md = Path.Combine(_root, "conformance.md");
            ConformanceReportWriter.Write(md, html: false, Array.Empty<ConformanceResult>(), new Uri("https://titanhst.test/"), DateTimeOffset.UnixEpoch);
            Assert.Equal(File0600, File.GetUnixFileMode(md));

            var state = Path.Combine(_root, "emulator-state.json");
            Emulator.SeedFiles.WriteAtomically(Emulator.SeedFiles.Default(), state);
            Assert.Equal(File0600, File.GetUnixFileMode(state));
            Assert.Equal(new[] { "conformance.md", "emulator-state.json" }, Directory.GetFiles(_root).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        }

        public void Dispose()
        {
            try
            {
                Directory.Delete(_root, recursive: true);
            }
            catch (IOException)
            {
                // Best effort.
            }
        }
    }
}

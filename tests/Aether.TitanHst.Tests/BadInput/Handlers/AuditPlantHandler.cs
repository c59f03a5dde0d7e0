using System;
using System.Globalization;
using System.IO;
using System.Text;
using Aether.TitanHst.Audit;
using Aether.TitanHst.Errors;
using Aether.TitanHst.Tests.Audit;

namespace Aether.TitanHst.Tests.BadInput.Handlers
{
    /// <summary>
    /// Kind "audit-plant": someone who can write the audit folder (not the key folder) plants an entry under a name the
    /// log uses, then the operator's next command appends (or verifies). The handler writes a clean log in 2026-01 to
    /// 2026-03, plants <c>name</c>: with <c>"link": true</c> a symbolic link to a file outside the folder holding
    /// <c>content</c> (mode 0644: an operator's file, or the installation key), else a regular file holding it. The
    /// <c>operation</c> ("append", at 2026-03-20, "verify", or both: "append+verify") must fail with <c>expect.errorId</c>; a link's target must be
    /// byte for byte and mode for mode what it was, and the message must not hold <c>expect.messageLacks</c> (file content).
    /// Links need privileges on Windows: those cases run on Linux and macOS only.
    /// </summary>
    public sealed class AuditPlantHandler : IBadInputHandler
    {
        public string Kind => "audit-plant";

        public void Run(BadInputCase badCase)
        {
            var d = badCase.Definition;
            var link = d.TryGetProperty("link", out var l) && l.GetBoolean();
            if (link && OperatingSystem.IsWindows())
            {
                return;
            }

            using var log = new AuditTestLog();
            foreach (var month in new[] { "2026-01", "2026-02", "2026-03" })
            {
                log.Now = DateTimeOffset.Parse(month + "-05T08:00:00Z", CultureInfo.InvariantCulture);
                log.Run("run-" + month, 2);
            }

            var content = Encoding.UTF8.GetBytes(badCase.Member("content")!);
            var planted = Path.Combine(log.Folder, badCase.Member("name")!);
            var target = Path.Combine(Path.GetDirectoryName(log.KeyFolder)!, "victim.bin");
            File.Delete(planted);
            if (link)
            {
                File.WriteAllBytes(target, content);
                File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
                File.CreateSymbolicLink(planted, target);
            }
            else
            {
                File.WriteAllBytes(planted, content);
            }

            var entries = LogBytes(log, planted);
            foreach (var operation in badCase.Member("operation")!.Split('+'))
            {
                var ex = Assert.Throws<InputFileException>(() => Operate(log, operation));
                Assert.Equal(badCase.ExpectedErrorId, ex.ErrorId);
                Assert.Equal(planted, ex.File);
                if (badCase.Expect.TryGetProperty("messageLacks", out var lacks))
                {
                    Assert.DoesNotContain(lacks.GetString()!, ex.ToString(), StringComparison.Ordinal);
                }

                if (link)
                {
                    Assert.Equal(content, File.ReadAllBytes(target));
                    Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, File.GetUnixFileMode(target));
                }

                Assert.Equal(entries, LogBytes(log, planted));
            }
        }

        private static void Operate(AuditTestLog log, string operation)
        {
            switch (operation)
            {
                case "append":
                    log.Now = new DateTimeOffset(2026, 3, 20, 8, 0, 0, TimeSpan.Zero);
                    log.Run("after-plant", 1);
                    break;
                case "verify":
                    _ = log.Verify();
                    break;
                default:
                    throw new InvalidDataException("unknown operation " + operation);
            }
        }

        // The log's own files as they were (the planted name set aside): a refused append writes no entry and no checkpoint.
        private static string LogBytes(AuditTestLog log, string planted)
        {
            File.Move(planted, planted + ".aside");
            try
            {
                return Convert.ToHexString(File.ReadAllBytes(log.File("2026-03"))) + "/" + (File.Exists(log.CheckpointFile) ? Convert.ToHexString(File.ReadAllBytes(log.CheckpointFile)) : "none");
            }
            finally
            {
                File.Move(planted + ".aside", planted);
            }
        }
    }
}

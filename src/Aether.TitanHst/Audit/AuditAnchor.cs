using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using Aether.TitanHst.Errors;
using Aether.TitanHst.Security;

namespace Aether.TitanHst.Audit
{
    /// <summary>
    /// Copies each checkpoint outside the audit folder and, where the medium allows, reads the copies back for the
    /// verifier. Someone who can write the audit folder cannot unsay what went to syslog, the Windows event log or a
    /// file they cannot write.
    /// </summary>
    internal abstract class AuditAnchor
    {
        private const string Tag = "aether-titanhst-audit";
        private static readonly char[] NewLine = { '\n' };

        /// <summary>What the anchor is, for check details ("syslog", "file:/var/…").</summary>
        public abstract string Description { get; }

        public static AuditAnchor? Create(AuditAnchorSettings settings) => settings.Kind switch
        {
            AuditAnchorKind.File => new FileAnchor(settings.Path!),
            AuditAnchorKind.Syslog => new SyslogAnchor(),
            AuditAnchorKind.EventLog => new EventLogAnchor(),
            _ => null,
        };

        /// <summary>Writes one checkpoint line (without its newline); throws <see cref="AuditErrorIds.AuditAnchorFailed"/> when it cannot.</summary>
        public abstract void Write(string line);

        /// <summary>Every line the anchor holds, oldest first; null when this medium cannot be read back here.</summary>
        public abstract IReadOnlyList<string>? ReadBack();

        protected InputFileException Failed(string why, Exception? inner = null) =>
            new(AuditErrorIds.AuditAnchorFailed, Description, 0, "anchor", $"the checkpoint could not be written to the audit anchor ({why})", inner);

        /// <summary>Runs a tool with the given arguments, <paramref name="input"/> on stdin; returns stdout, or null when it failed or is absent.</summary>
        protected static string? Run(string file, string arguments, string? input)
        {
            var info = new ProcessStartInfo(file, arguments)
            {
                UseShellExecute = false,
                RedirectStandardInput = input is not null,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                CreateNoWindow = true,
            };
            try
            {
                using var process = Process.Start(info);
                if (process is null)
                {
                    return null;
                }

                if (input is not null)
                {
                    process.StandardInput.Write(input);
                    process.StandardInput.Close();
                }

                var output = process.StandardOutput.ReadToEnd();
                process.StandardError.ReadToEnd();
                return process.WaitForExit(30000) && process.ExitCode == 0 ? output : null;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                return null;
            }
        }

        private sealed class FileAnchor : AuditAnchor
        {
            private readonly string _path;

            public FileAnchor(string path) => _path = path;

            public override string Description => "file:" + _path;

            public override void Write(string line)
            {
                try
                {
                    var folder = Path.GetDirectoryName(_path);
                    if (!string.IsNullOrEmpty(folder) && !Directory.Exists(folder))
                    {
                        PrivateFiles.CreateFolder(folder!);
                    }

                    // A new anchor file is owner-only from the start; one that exists is left as the operator set it.
                    using var stream = PrivateFiles.Open(_path, FileMode.Append, FileAccess.Write, FileShare.Read, 1, tightenExisting: false);

                    var bytes = Encoding.UTF8.GetBytes(line + "\n");
                    stream.Write(bytes, 0, bytes.Length);
                    stream.Flush(flushToDisk: true);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw Failed(e.GetType().Name, e);
                }
            }

            public override IReadOnlyList<string>? ReadBack()
            {
                if (!File.Exists(_path))
                {
                    return Array.Empty<string>();
                }

                var lines = new List<string>();
                foreach (var line in AuditLineReader.Read(_path, folderEntry: false))
                {
                    if (line.Terminated)
                    {
                        lines.Add(Encoding.UTF8.GetString(line.Bytes, 0, line.Length));
                    }
                }

                return lines;
            }
        }

        private sealed class SyslogAnchor : AuditAnchor
        {
            public override string Description => "syslog";

            // The line on stdin, never on a command line another user could read in the process list.
            public override void Write(string line)
            {
                if (Run("logger", "-t " + Tag + " --size 65536", line + "\n") is null)
                {
                    throw Failed("logger failed or is not installed");
                }
            }

            public override IReadOnlyList<string>? ReadBack()
            {
                var output = Run("journalctl", "-t " + Tag + " -o cat --no-pager", null);
                return output?.Split(NewLine, StringSplitOptions.RemoveEmptyEntries);
            }
        }

        private sealed class EventLogAnchor : AuditAnchor
        {
            private const string Source = "AetherTitanHst";

            public override string Description => "Windows event log (Application, source " + Source + ")";

            // eventcreate registers the source on first use (that first write needs an administrator).
            public override void Write(string line)
            {
                var description = "\"" + line.Replace("\"", "\\\"") + "\"";
                if (Run("eventcreate", "/L APPLICATION /T INFORMATION /SO " + Source + " /ID 100 /D " + description, null) is null)
                {
                    throw Failed("eventcreate failed; the first write registers the event source and needs an administrator");
                }
            }

            public override IReadOnlyList<string>? ReadBack()
            {
                var output = Run("wevtutil", "qe Application /q:\"*[System[Provider[@Name='" + Source + "']]]\" /f:text /rd:false", null);
                if (output is null)
                {
                    return null;
                }

                var lines = new List<string>();
                foreach (var raw in output.Split('\n'))
                {
                    var t = raw.Trim();
                    if (t.StartsWith("{\"v\":", StringComparison.Ordinal))
                    {
                        lines.Add(t);
                    }
                }

                return lines;
            }
        }
    }
}

using System;
using System.IO;
using System.Security.Cryptography;

namespace Aether.TitanHst.Security
{
    /// <summary>
    /// A file written beside its real name and renamed over it once complete, so a crash leaves the old file (or a
    /// leftover ".&lt;name&gt;.&lt;random&gt;.partial" nothing reads, removed by a write of the same file a day later),
    /// never half a file. The temporary name cannot be
    /// guessed and is created exclusively: a file or link someone planted in a shared folder (a fixed
    /// "&lt;path&gt;.partial" could be) is neither reused nor followed, and the file ends up ours.
    /// </summary>
    internal sealed class PendingFile : IDisposable
    {
        private readonly FileStream _stream;
        private bool _done;

        private PendingFile(string path, string temporaryPath, FileStream stream)
        {
            Path = path;
            TemporaryPath = temporaryPath;
            _stream = stream;
        }

        /// <summary>The full path the file is renamed to by <see cref="Commit"/>.</summary>
        public string Path { get; }

        /// <summary>Where it is written until then.</summary>
        public string TemporaryPath { get; }

        /// <summary>The temporary file, open for writing.</summary>
        public Stream Stream => _stream;

        /// <summary>Opens the temporary file; <paramref name="ownerOnly"/> makes it 0600 from the moment it exists.</summary>
        public static PendingFile Create(string path, bool ownerOnly = true)
        {
            var full = System.IO.Path.GetFullPath(path);
            var temporary = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(full)!, "." + System.IO.Path.GetFileName(full) + "." + RandomPart() + ".partial");

            // CreateNew is O_CREAT|O_EXCL: it fails on anything already there under that name, a link included.
            var stream = ownerOnly
                ? PrivateFiles.CreateNew(temporary)
                : new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            RemoveStaleLeftovers(full, temporary);
            return new PendingFile(full, temporary, stream);
        }

        /// <summary>How old a leftover of this file must be before a later write of it removes the leftover.</summary>
        internal static readonly TimeSpan LeftoverAge = TimeSpan.FromDays(1);

        /// <summary>
        /// Removes this file's temporary copies that a killed process left (".&lt;name&gt;.&lt;16 hex&gt;.partial", not
        /// written for a day): a snapshot, plan or report cut short holds the same personal data as the finished file,
        /// hidden where no one looks. A younger one may be another process's write in progress, and a link or anything
        /// not of that exact shape is not ours to remove. Best effort: what cannot be removed stays.
        /// </summary>
        private static void RemoveStaleLeftovers(string full, string ours)
        {
            var folder = System.IO.Path.GetDirectoryName(full)!;
            var prefix = "." + System.IO.Path.GetFileName(full) + ".";
            try
            {
                foreach (var candidate in Directory.EnumerateFiles(folder, prefix + "*.partial"))
                {
                    var name = System.IO.Path.GetFileName(candidate);
                    var random = name.Substring(prefix.Length, name.Length - prefix.Length - ".partial".Length);
                    if (string.Equals(candidate, ours, StringComparison.Ordinal) || random.Length != 16 || !IsLowerHex(random))
                    {
                        continue;
                    }

                    var info = new FileInfo(candidate);
                    if ((info.Attributes & FileAttributes.ReparsePoint) == 0 && DateTime.UtcNow - info.LastWriteTimeUtc > LeftoverAge)
                    {
                        info.Delete();
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Best effort: a leftover is never read, only in the way.
            }
        }

        private static bool IsLowerHex(string text)
        {
            foreach (var c in text)
            {
                if (c is not (>= '0' and <= '9' or >= 'a' and <= 'f'))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Flushes the file to disk and renames it over <see cref="Path"/> (replacing a file or link there).</summary>
        public void Commit() => Finish(() =>
        {
            // Replace and Move rename: the old file stays whole until the new one takes its name.
            if (File.Exists(Path))
            {
                File.Replace(TemporaryPath, Path, null);
            }
            else
            {
                File.Move(TemporaryPath, Path);
            }
        });

        /// <summary>
        /// Flushes the file to disk and gives it <see cref="Path"/> only when nothing holds that name yet (a rename that
        /// never replaces); false, and the temporary file removed, when something does (another process won a race).
        /// </summary>
        public bool CommitIfAbsent()
        {
            var placed = true;
            Finish(() =>
            {
                try
                {
                    // File.Move without overwrite refuses an existing destination (link + unlink on Unix): no clobbering.
                    File.Move(TemporaryPath, Path);
                }
                catch (IOException) when (File.Exists(Path))
                {
                    placed = false;
                    DeleteTemporary();
                }
            });
            return placed;
        }

        /// <summary>Without <see cref="Commit"/>, removes the temporary file; the real one is untouched.</summary>
        public void Dispose()
        {
            if (_done)
            {
                return;
            }

            _done = true;
            _stream.Dispose();
            DeleteTemporary();
        }

        // Once only: the file is flushed to disk and closed, then renamed; on any failure the temporary file is removed.
        private void Finish(Action rename)
        {
            if (_done)
            {
                throw new InvalidOperationException("The file was already committed or abandoned.");
            }

            _done = true;
            try
            {
                _stream.Flush(flushToDisk: true);
                _stream.Dispose();
                rename();
            }
            catch
            {
                _stream.Dispose();
                DeleteTemporary();
                throw;
            }
        }

        private static string RandomPart()
        {
            var bytes = new byte[8];
            using (var random = RandomNumberGenerator.Create())
            {
                random.GetBytes(bytes);
            }

            return Hex.Of(bytes);
        }

        private void DeleteTemporary()
        {
            try
            {
                File.Delete(TemporaryPath);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Best effort: a leftover .partial file is never read.
            }
        }
    }
}

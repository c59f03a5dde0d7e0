using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Security;

namespace Aether.TitanHst.Preview
{
    /// <summary>
    /// One read of the exports for both contracts of a comparison. When both contracts read every export alike (the
    /// usual edit), each export is read once for both (<see cref="Canonical.SharedSourceReads.ReadAlike"/>) and read in place
    /// (<see cref="InPlace"/>). Otherwise each distinct export file is copied once into a private temporary folder
    /// and both contracts read the copies (<see cref="Take"/>, deleted on dispose). Either way a nightly job
    /// rewriting an export while the comparison runs can never make the two contracts see different data.
    /// </summary>
    /// <remarks>
    /// Until round 19 every comparison copied: 0.07-3.2 s of a 1M comparison (225 MB of exports, as the disk and the
    /// page cache allowed), and a copy of the staff data in the temp folder for as long as it ran, for nothing when
    /// each export is read once.
    /// </remarks>
    internal sealed class ExportSnapshot : IDisposable
    {
        private readonly string? _folder;
        private readonly Dictionary<string, string> _copies = new(StringComparer.Ordinal);
        private readonly Dictionary<string, long> _lengths = new(StringComparer.Ordinal);

        private ExportSnapshot(string? folder) => _folder = folder;

        /// <summary>Whether the exports were copied (<see cref="Take"/>) rather than read in place.</summary>
        public bool Copied => _folder is not null;

        /// <summary>
        /// The live exports, read where they are: for contracts that read every export once for both. Nothing copied,
        /// so <see cref="TotalBytes"/> is 0: with every export shared, size does not decide side by side.
        /// </summary>
        public static ExportSnapshot InPlace() => new(null);

        public static ExportSnapshot Take(params MappingContract[] contracts)
        {
            // Copies a killed comparison left behind (its process gone) are removed first: they hold staff data.
            StalePreviewFolders.Sweep(Path.GetTempPath());
            var folder = Path.Combine(Path.GetTempPath(), StalePreviewFolders.NewName());
            var snapshot = new ExportSnapshot(folder);
            PrivateFiles.CreateFolder(folder);
            try
            {
                foreach (var source in contracts.SelectMany(c => c.Sources))
                {
                    if (snapshot._copies.ContainsKey(source.Path) || !File.Exists(source.Path))
                    {
                        continue; // A missing export is reported by the extraction, naming the contract's own path.
                    }

                    var copy = Path.Combine(folder, snapshot._copies.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) + "-" + Path.GetFileName(source.Path));
                    File.Copy(source.Path, copy);
                    PrivateFiles.RestrictToOwner(copy, directory: false);
                    var length = new FileInfo(copy).Length;
                    if (snapshot.SameBytesAs(copy, length) is { } earlier)
                    {
                        // Two paths, one content (a contract copied to another folder with its exports): one copy, so
                        // both contracts read one file and a read of it can be shared (SharedSourceReads).
                        File.Delete(copy);
                        snapshot._copies.Add(source.Path, earlier);
                        continue;
                    }

                    snapshot._copies.Add(source.Path, copy);
                    snapshot._lengths.Add(copy, length);
                    snapshot.TotalBytes += length;
                }
            }
            catch
            {
                snapshot.Dispose();
                throw;
            }

            return snapshot;
        }

        /// <summary>An earlier copy holding exactly the bytes of <paramref name="copy"/>, or null.</summary>
        private string? SameBytesAs(string copy, long length)
        {
            foreach (var pair in _lengths)
            {
                if (pair.Value == length && SameBytes(pair.Key, copy))
                {
                    return pair.Key;
                }
            }

            return null;
        }

        private static bool SameBytes(string a, string b)
        {
            using var first = new FileStream(a, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            using var second = new FileStream(b, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            var x = new byte[1 << 16];
            var y = new byte[1 << 16];
            while (true)
            {
                var n = Fill(first, x);
                if (n != Fill(second, y))
                {
                    return false;
                }

                if (n == 0)
                {
                    return true;
                }

                for (var i = 0; i < n; i++)
                {
                    if (x[i] != y[i])
                    {
                        return false;
                    }
                }
            }
        }

        private static int Fill(Stream stream, byte[] buffer)
        {
            var total = 0;
            int read;
            while (total < buffer.Length && (read = stream.Read(buffer, total, buffer.Length - total)) > 0)
            {
                total += read;
            }

            return total;
        }

        /// <summary>The bytes of the distinct exports copied.</summary>
        public long TotalBytes { get; private set; }

        /// <summary>The contract reading the copies instead of the live exports.</summary>
        public MappingContract Redirect(MappingContract contract)
        {
            var paths = contract.Sources.Where(s => _copies.ContainsKey(s.Path)).ToDictionary(s => s.Name, s => _copies[s.Path], StringComparer.Ordinal);
            return paths.Count == 0 ? contract : contract.WithSourcePaths(paths);
        }

        /// <summary>
        /// The live export path a copy stands for in <paramref name="contract"/> (the contract as loaded, not
        /// redirected), so messages name the file the operator knows: one copy can stand for two paths of one content.
        /// </summary>
        public string Original(string path, MappingContract contract)
        {
            foreach (var source in contract.Sources)
            {
                if (_copies.TryGetValue(source.Path, out var copy) && string.Equals(copy, path, StringComparison.Ordinal))
                {
                    return source.Path;
                }
            }

            return _copies.FirstOrDefault(p => string.Equals(p.Value, path, StringComparison.Ordinal)).Key ?? path;
        }

        public void Dispose()
        {
            if (_folder is null)
            {
                return;
            }

            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: the folder is owner-only and in the temp folder.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}

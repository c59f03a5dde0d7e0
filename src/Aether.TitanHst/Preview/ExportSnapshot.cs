using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Security;

namespace Aether.TitanHst.Preview
{
    /// <summary>
    /// One read of the exports for both contracts of a comparison: each distinct export file is copied once into a
    /// private temporary folder, and both contracts read the copies. A nightly job rewriting an export while the
    /// comparison runs can then never make the two contracts see different data. Deleted on dispose.
    /// </summary>
    internal sealed class ExportSnapshot : IDisposable
    {
        private readonly string _folder;
        private readonly Dictionary<string, string> _copies = new(StringComparer.Ordinal);

        private ExportSnapshot(string folder) => _folder = folder;

        public static ExportSnapshot Take(params MappingContract[] contracts)
        {
            var snapshot = new ExportSnapshot(Path.Combine(Path.GetTempPath(), "aether-titanhst-preview-" + Guid.NewGuid().ToString("N")));
            PrivateFiles.CreateFolder(snapshot._folder);
            try
            {
                foreach (var source in contracts.SelectMany(c => c.Sources))
                {
                    if (snapshot._copies.ContainsKey(source.Path) || !File.Exists(source.Path))
                    {
                        continue; // A missing export is reported by the extraction, naming the contract's own path.
                    }

                    var copy = Path.Combine(snapshot._folder, snapshot._copies.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) + "-" + Path.GetFileName(source.Path));
                    File.Copy(source.Path, copy);
                    PrivateFiles.RestrictToOwner(copy, directory: false);
                    snapshot._copies.Add(source.Path, copy);
                    snapshot.TotalBytes += new FileInfo(copy).Length;
                }
            }
            catch
            {
                snapshot.Dispose();
                throw;
            }

            return snapshot;
        }

        /// <summary>The bytes of the distinct exports copied.</summary>
        public long TotalBytes { get; private set; }

        /// <summary>The contract reading the copies instead of the live exports.</summary>
        public MappingContract Redirect(MappingContract contract)
        {
            var paths = contract.Sources.Where(s => _copies.ContainsKey(s.Path)).ToDictionary(s => s.Name, s => _copies[s.Path], StringComparer.Ordinal);
            return paths.Count == 0 ? contract : contract.WithSourcePaths(paths);
        }

        /// <summary>The live export path a copy stands for, so messages name the file the operator knows.</summary>
        public string Original(string path) => _copies.FirstOrDefault(p => string.Equals(p.Value, path, StringComparison.Ordinal)).Key ?? path;

        public void Dispose()
        {
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

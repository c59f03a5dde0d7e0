using System.Collections.Generic;
using System.Linq;
using Aether.TitanHst.Contract;

namespace Aether.TitanHst.Diff
{
    /// <summary>One source export a diff read, and the SHA-256 of its bytes at that time.</summary>
    public sealed class SourceFileHash
    {
        public SourceFileHash(string source, string path, string hash)
        {
            Source = source;
            Path = path;
            Hash = hash;
        }

        public string Source { get; }

        public string Path { get; }

        public string Hash { get; }

        /// <summary>Hashes every source of the contract as it is on disk now.</summary>
        /// <summary>The hashes by source name, for <see cref="Canonical.StaffExtractor"/> to refuse an export that changed since.</summary>
        public static IReadOnlyDictionary<string, string> ByName(IEnumerable<SourceFileHash> files) => files.ToDictionary(f => f.Source, f => f.Hash, System.StringComparer.Ordinal);

        /// <summary>
        /// The hashes an extract computed from the bytes it parsed (<see cref="Canonical.StaffExtractor.SourceHashes"/>),
        /// in the contract's source order; refuses an extract that did not read every source (it has not finished).
        /// </summary>
        public static IReadOnlyList<SourceFileHash> Read(MappingContract contract, IReadOnlyDictionary<string, string> hashesByName)
        {
            var files = new List<SourceFileHash>(contract.Sources.Count);
            foreach (var source in contract.Sources)
            {
                if (!hashesByName.TryGetValue(source.Name, out var hash))
                {
                    throw new System.InvalidOperationException($"The extract has not read source '{source.Name}'; its hash is not known yet.");
                }

                files.Add(new SourceFileHash(source.Name, source.Path, hash));
            }

            return files;
        }

        public static IReadOnlyList<SourceFileHash> Of(MappingContract contract) =>
            contract.Sources.Where(s => System.IO.File.Exists(s.Path)).Select(s => new SourceFileHash(s.Name, s.Path, ContentHash.OfFile(s.Path))).ToList();
    }
}

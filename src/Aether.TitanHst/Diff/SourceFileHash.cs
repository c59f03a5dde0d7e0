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
        public static IReadOnlyList<SourceFileHash> Of(MappingContract contract) =>
            contract.Sources.Where(s => System.IO.File.Exists(s.Path)).Select(s => new SourceFileHash(s.Name, s.Path, ContentHash.OfFile(s.Path))).ToList();
    }
}

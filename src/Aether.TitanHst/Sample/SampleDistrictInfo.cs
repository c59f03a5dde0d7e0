using System.Collections.Generic;

namespace Aether.TitanHst.Sample
{
    /// <summary>What was generated: where, from which seed, which files, and how many people of each kind.</summary>
    public sealed class SampleDistrictInfo
    {
        internal SampleDistrictInfo(string path, string? contractPath, int staffCount, int seed, IReadOnlyList<string> files, IReadOnlyDictionary<string, int> counts)
        {
            Path = path;
            ContractPath = contractPath;
            StaffCount = staffCount;
            Seed = seed;
            Files = files;
            Counts = counts;
        }

        /// <summary>The district folder.</summary>
        public string Path { get; }

        /// <summary>The contract's full path, or null when the contract was not written.</summary>
        public string? ContractPath { get; }

        public int StaffCount { get; }

        public int Seed { get; }

        /// <summary>Full paths of the files written, in the order written.</summary>
        public IReadOnlyList<string> Files { get; }

        /// <summary>People by kind (in both sources, HR only, on leave, substitutes, TitanHST creates, ...).</summary>
        public IReadOnlyDictionary<string, int> Counts { get; }

        public override string ToString() => $"{Path} ({StaffCount} staff, seed {Seed})";
    }
}

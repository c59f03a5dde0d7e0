namespace Aether.TitanHst.Sample
{
    /// <summary>What <see cref="SampleDistrictGenerator"/> writes.</summary>
    public sealed class SampleDistrictOptions
    {
        /// <summary>People in the district's exports (HR, Aeries or both). TitanHST's seed adds a few former staff.</summary>
        public int StaffCount { get; set; } = 500;

        /// <summary>The seed of the one <see cref="System.Random"/> every value is drawn from: same seed, same bytes.</summary>
        public int Seed { get; set; } = 1;

        /// <summary>Write the two exports (HR and Aeries).</summary>
        public bool WriteExports { get; set; } = true;

        /// <summary>Write the mapping tables, the contract and its JSON Schema.</summary>
        public bool WriteContract { get; set; } = true;

        /// <summary>Write titanhst-seed.json, what TitanHST holds "yesterday" (skip it for benchmarks).</summary>
        public bool WriteTargetSeed { get; set; } = true;

        /// <summary>
        /// The day the exports are "as of" (a position that ended the day before is over); default today. Fixed in
        /// tests so the same options always give the same bytes.
        /// </summary>
        public System.DateTime? Today { get; set; }

        /// <summary>How many people between two progress reports.</summary>
        public int ProgressInterval { get; set; } = 10_000;
    }
}

namespace Aether.TitanHst.Validation
{
    /// <summary>How a post-apply validation draws its spot check.</summary>
    public sealed class SyncValidationOptions
    {
        public const int DefaultSampleSize = 25;

        /// <summary>How many matched people to compare field by field; 0 skips the spot check.</summary>
        public int SampleSize { get; set; } = DefaultSampleSize;

        /// <summary>
        /// Seeds the sample's <see cref="System.Random"/>: the same seed over the same sources and matched people
        /// draws the same sample. Null draws a seed, which the result reports so the check can be repeated.
        /// </summary>
        public int? Seed { get; set; }
    }
}

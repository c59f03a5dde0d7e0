using System;

namespace Aether.TitanHst.Conformance
{
    /// <summary>What the conformance run may do.</summary>
    public sealed class ConformanceOptions
    {
        /// <summary>Every externalId the write checks create starts with this, so leftovers are recognisable.</summary>
        public const string ReservedPrefix = "AetherConformance-";

        /// <summary>Adds create/patch/deactivate/reactivate/delete checks on records it creates and removes.</summary>
        public bool IncludeWrites { get; set; }

        /// <summary>Least time between two requests: the suite stays well under TitanHST's 10 requests/second.</summary>
        public TimeSpan MinimumInterval { get; set; } = TimeSpan.FromMilliseconds(150);

        /// <summary>Timeout of one request.</summary>
        public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>Pages read at most when checking a full traversal (a vendor sandbox may be large).</summary>
        public int MaxPages { get; set; } = 25;

        /// <summary>The schemaVersion this connector was built for (docs §9).</summary>
        public string ExpectedSchemaVersion { get; set; } = "2026-02";

        /// <summary>Called with each rule as it is decided (progress).</summary>
        public Action<ConformanceResult>? RuleDecided { get; set; }
    }
}

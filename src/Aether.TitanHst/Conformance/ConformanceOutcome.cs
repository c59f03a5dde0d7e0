namespace Aether.TitanHst.Conformance
{
    /// <summary>How one rule of the API document fared against a live TitanHST.</summary>
    public enum ConformanceOutcome
    {
        /// <summary>The target behaved as the document says.</summary>
        Pass,

        /// <summary>The target behaved otherwise; Detail says how.</summary>
        Fail,

        /// <summary>Not checked: write checks off, nothing to check it on, or an optional feature absent.</summary>
        Skipped,

        /// <summary>Could not tell: no answer (timeout, dropped connection) or an answer the check could not read.</summary>
        Inconclusive,
    }
}

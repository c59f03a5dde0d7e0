using System.Collections.Generic;
using Aether.TitanHst.Normalization;

namespace Aether.TitanHst.Contract
{
    /// <summary>What happens to a person found in only some of the sources.</summary>
    public enum OnlyInAction
    {
        /// <summary>Built from the sources that have the person.</summary>
        Include,

        /// <summary>Left out with a warning.</summary>
        Skip,

        /// <summary>Reported as an error.</summary>
        Error,
    }

    /// <summary>What happens to a row whose join key is blank.</summary>
    public enum BlankKeyAction
    {
        Skip,
        Error,
    }

    /// <summary>How the sources' rows are matched into one person.</summary>
    public sealed class JoinDefinition
    {
        internal JoinDefinition(RulePipeline keyRules, IReadOnlyDictionary<string, OnlyInAction> onlyIn, BlankKeyAction blankKey, string keyRulesText = "")
        {
            KeyRules = keyRules;
            OnlyIn = onlyIn;
            BlankKey = blankKey;
            KeyRulesText = keyRulesText;
        }

        /// <summary>How keys are normalized before they are compared (white space, leading zeros, case).</summary>
        public RulePipeline KeyRules { get; }

        /// <summary>Per source: what to do with a person found only in that source.</summary>
        public IReadOnlyDictionary<string, OnlyInAction> OnlyIn { get; }

        public BlankKeyAction BlankKey { get; }

        /// <summary>
        /// The key rules as the contract wrote them (join.normalize, compact JSON without comments or white space),
        /// so two contracts' key rules can be compared by what they say. A lookup rule names a table whose file this
        /// text does not hold.
        /// </summary>
        internal string KeyRulesText { get; }
    }
}

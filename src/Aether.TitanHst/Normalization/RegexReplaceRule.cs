using System;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace Aether.TitanHst.Normalization
{
    /// <summary>Replaces every match of a regular expression (for example a "(Sub)" suffix in titles).</summary>
    public sealed class RegexReplaceRule : INormalizationRule
    {
        private readonly Regex _pattern;
        private readonly string _replacement;

        public RegexReplaceRule(string pattern, string replacement)
        {
            _pattern = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(200));
            _replacement = replacement;
        }

        public string Name => "replace";

        /// <summary>
        /// A pattern that backtracks too long on one value (a hostile or unlucky export) makes that value invalid, reported
        /// against its field and person like any other invalid value, instead of aborting the whole extraction.
        /// </summary>
        [MethodImpl(Hot.Path)]
        public RuleOutcome Apply(string value)
        {
            if (value.Length == 0)
            {
                return RuleOutcome.Ok(value);
            }

            try
            {
                return RuleOutcome.Ok(_pattern.Replace(value, _replacement));
            }
            catch (RegexMatchTimeoutException)
            {
                return RuleOutcome.Invalid(value, $"made the replace pattern run longer than its {_pattern.MatchTimeout.TotalMilliseconds:0} ms limit");
            }
        }
    }
}

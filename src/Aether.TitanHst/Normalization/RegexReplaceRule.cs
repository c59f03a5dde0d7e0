using System;
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

        public RuleOutcome Apply(string value) => RuleOutcome.Ok(value.Length == 0 ? value : _pattern.Replace(value, _replacement));
    }
}

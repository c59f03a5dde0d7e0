using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace Aether.TitanHst.Normalization
{
    /// <summary>Translates codes through a small map written in the contract ("A" → "active").</summary>
    public sealed class ValueMapRule : INormalizationRule
    {
        private readonly Dictionary<string, string> _values;
        private readonly UnmappedPolicy _unmapped;

        public ValueMapRule(IDictionary<string, string> values, bool ignoreCase, UnmappedPolicy unmapped)
        {
            _values = new Dictionary<string, string>(values, ignoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
            _unmapped = unmapped;
        }

        public string Name => "map";

        /// <summary>Every value the map can produce (its values, and the unmapped policy's default).</summary>
        internal IEnumerable<string> Outputs => _unmapped.Action == UnmappedAction.Default ? System.Linq.Enumerable.Append(_values.Values, _unmapped.DefaultValue ?? string.Empty) : _values.Values;

        /// <summary>True when an unlisted code passes through unchanged, so any value may come out.</summary>
        internal bool KeepsUnmapped => _unmapped.Action == UnmappedAction.Keep;

        [MethodImpl(Hot.Path)]
        public RuleOutcome Apply(string value)
        {
            if (value.Length == 0)
            {
                return RuleOutcome.Ok(value);
            }

            return _values.TryGetValue(value, out var mapped) ? RuleOutcome.Ok(mapped) : _unmapped.Apply(value, "the value map");
        }
    }
}

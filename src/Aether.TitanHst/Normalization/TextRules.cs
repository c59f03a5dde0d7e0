using System;
using System.Runtime.CompilerServices;
using System.Text;

namespace Aether.TitanHst.Normalization
{
    /// <summary>Removes white space at both ends.</summary>
    public sealed class TrimRule : INormalizationRule
    {
        public string Name => "trim";

        [MethodImpl(Hot.Path)]
        public RuleOutcome Apply(string value) => RuleOutcome.Ok(value.Trim());
    }

    /// <summary>Turns every run of white space (tabs, non-breaking spaces, line breaks) into one space.</summary>
    public sealed class CollapseWhitespaceRule : INormalizationRule
    {
        public string Name => "collapseWhitespace";

        [MethodImpl(Hot.Path)]
        public RuleOutcome Apply(string value)
        {
            var needsWork = false;
            for (var i = 0; i < value.Length; i++)
            {
                if (char.IsWhiteSpace(value[i]) && (value[i] != ' ' || (i > 0 && char.IsWhiteSpace(value[i - 1]))))
                {
                    needsWork = true;
                    break;
                }
            }

            if (!needsWork)
            {
                return RuleOutcome.Ok(value);
            }

            var builder = new StringBuilder(value.Length);
            var inSpace = false;
            foreach (var c in value)
            {
                if (char.IsWhiteSpace(c))
                {
                    if (!inSpace)
                    {
                        builder.Append(' ');
                    }

                    inSpace = true;
                }
                else
                {
                    builder.Append(c);
                    inSpace = false;
                }
            }

            return RuleOutcome.Ok(builder.ToString());
        }
    }

    /// <summary>Unicode normalization form C, so "Peña" typed two ways compares equal.</summary>
    public sealed class NfcRule : INormalizationRule
    {
        public string Name => "nfc";

        [MethodImpl(Hot.Path)]
        public RuleOutcome Apply(string value)
        {
            // Pure ASCII is already NFC; skipping the call keeps the hot path cheap.
            foreach (var c in value)
            {
                if (c > 0x7F)
                {
                    return RuleOutcome.Ok(value.IsNormalized(NormalizationForm.FormC) ? value : value.Normalize(NormalizationForm.FormC));
                }
            }

            return RuleOutcome.Ok(value);
        }
    }

    /// <summary>Upper- or lower-cases with the invariant culture.</summary>
    public sealed class CaseRule : INormalizationRule
    {
        private readonly bool _upper;

        public CaseRule(bool upper) => _upper = upper;

        public string Name => _upper ? "upper" : "lower";

        internal bool Upper => _upper;

        [MethodImpl(Hot.Path)]
        public RuleOutcome Apply(string value) =>
            RuleOutcome.Ok(_upper ? value.ToUpperInvariant() : value.ToLowerInvariant());
    }

    /// <summary>Removes leading zeros from an identifier ("000123" becomes "123"; "0000" becomes "0").</summary>
    /// <remarks>
    /// A zero followed by white space is kept ("0 123" stays): stripping it would expose a leading space, so that
    /// "trim, stripLeadingZeros" would give " 123" once and "123" the next time, and a key written to TitanHST would no
    /// longer match itself when read back (found by the property tests).
    /// </remarks>
    public sealed class StripLeadingZerosRule : INormalizationRule
    {
        public string Name => "stripLeadingZeros";

        [MethodImpl(Hot.Path)]
        public RuleOutcome Apply(string value)
        {
            var i = 0;
            while (i < value.Length - 1 && value[i] == '0' && !char.IsWhiteSpace(value[i + 1]))
            {
                i++;
            }

            return RuleOutcome.Ok(i == 0 ? value : value.Substring(i));
        }
    }

    /// <summary>Gives a fixed value when the value is blank.</summary>
    public sealed class DefaultRule : INormalizationRule
    {
        private readonly string _default;

        public DefaultRule(string defaultValue) => _default = defaultValue;

        public string Name => "default";

        internal string Value => _default;

        [MethodImpl(Hot.Path)]
        public RuleOutcome Apply(string value) => RuleOutcome.Ok(value.Length == 0 ? _default : value);
    }

    /// <summary>Cuts a value to a maximum length (the target's column size).</summary>
    public sealed class MaxLengthRule : INormalizationRule
    {
        private readonly int _max;
        private readonly bool _truncate;

        public MaxLengthRule(int max, bool truncate)
        {
            if (max < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(max), "maxLength must be at least 1.");
            }

            _max = max;
            _truncate = truncate;
        }

        public string Name => "maxLength";

        internal int Max => _max;

        [MethodImpl(Hot.Path)]
        public RuleOutcome Apply(string value)
        {
            if (value.Length <= _max)
            {
                return RuleOutcome.Ok(value);
            }

            return _truncate
                ? RuleOutcome.Ok(value.Substring(0, _max))
                : RuleOutcome.Invalid(value, $"is {value.Length} characters long; at most {_max} are allowed");
        }
    }
}

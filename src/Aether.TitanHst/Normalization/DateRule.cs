using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;

namespace Aether.TitanHst.Normalization
{
    /// <summary>Parses a date with the explicit formats the contract lists and writes it in one format.</summary>
    /// <remarks>Never guesses: "03/04/2025" is read only by the formats given, in the order given.</remarks>
    public sealed class DateRule : INormalizationRule
    {
        private readonly string[] _formats;
        private readonly string _output;
        private readonly DateFormats _reader;
        private readonly DateFormats _outputReader;
        private readonly bool _isoOutput;

        public DateRule(IEnumerable<string> formats, string output = "yyyy-MM-dd")
        {
            _formats = formats.ToArray();
            if (_formats.Length == 0)
            {
                throw new ArgumentException("At least one date format is needed.", nameof(formats));
            }

            _output = output;
            _reader = new DateFormats(_formats);
            _outputReader = new DateFormats(new[] { output });
            _isoOutput = string.Equals(output, "yyyy-MM-dd", StringComparison.Ordinal);
            // Fails now, at contract load, rather than on the first record.
            _ = DateTime.MinValue.ToString(_output, CultureInfo.InvariantCulture);
        }

        public string Name => "date";

        /// <summary>True when <paramref name="value"/> is a date written the way this rule writes dates.</summary>
        internal bool IsOutput(string value) => _outputReader.TryParse(value, DateTimeStyles.None, out var date)
            && (_isoOutput ? IsIsoText(value, date) : date.ToString(_output, CultureInfo.InvariantCulture) == value);

        [MethodImpl(Hot.Path)]
        public RuleOutcome Apply(string value)
        {
            if (value.Length == 0)
            {
                return RuleOutcome.Ok(value);
            }

            return _reader.TryParse(value.Trim(), DateTimeStyles.AllowWhiteSpaces, out var date)
                ? RuleOutcome.Ok(_isoOutput && IsIsoText(value, date) ? value : date.ToString(_output, CultureInfo.InvariantCulture))
                : RuleOutcome.Invalid(value, $"is not a date in the format{(_formats.Length > 1 ? "s" : string.Empty)} {string.Join(", ", _formats)}");
        }

        /// <summary>
        /// True when <paramref name="value"/> is exactly what <c>date.ToString("yyyy-MM-dd", InvariantCulture)</c>
        /// writes: a date already written the rule's way is returned as it came instead of being written again.
        /// </summary>
        [MethodImpl(Hot.Path)]
        private static bool IsIsoText(string value, DateTime date) =>
            value.Length == 10 && value[4] == '-' && value[7] == '-'
            && HasDigits(value, 0, 4, date.Year) && HasDigits(value, 5, 2, date.Month) && HasDigits(value, 8, 2, date.Day);

        // The number, zero-padded to exactly count ASCII digits, at value[start..start+count).
        [MethodImpl(Hot.Path)]
        private static bool HasDigits(string value, int start, int count, int number)
        {
            for (var i = start + count - 1; i >= start; i--)
            {
                if (value[i] != (char)('0' + (number % 10)))
                {
                    return false;
                }

                number /= 10;
            }

            return number == 0;
        }
    }
}

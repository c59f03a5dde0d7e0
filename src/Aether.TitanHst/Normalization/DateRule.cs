using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

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
            // Fails now, at contract load, rather than on the first record.
            _ = DateTime.MinValue.ToString(_output, CultureInfo.InvariantCulture);
        }

        public string Name => "date";

        /// <summary>True when <paramref name="value"/> is a date written the way this rule writes dates.</summary>
        internal bool IsOutput(string value) => _outputReader.TryParse(value, DateTimeStyles.None, out var date)
            && date.ToString(_output, CultureInfo.InvariantCulture) == value;

        public RuleOutcome Apply(string value)
        {
            if (value.Length == 0)
            {
                return RuleOutcome.Ok(value);
            }

            return _reader.TryParse(value.Trim(), DateTimeStyles.AllowWhiteSpaces, out var date)
                ? RuleOutcome.Ok(date.ToString(_output, CultureInfo.InvariantCulture))
                : RuleOutcome.Invalid(value, $"is not a date in the format{(_formats.Length > 1 ? "s" : string.Empty)} {string.Join(", ", _formats)}");
        }
    }
}

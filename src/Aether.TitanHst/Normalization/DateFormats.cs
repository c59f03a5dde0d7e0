using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace Aether.TitanHst.Normalization
{
    /// <summary>
    /// A list of exact date formats, read as <see cref="DateTime.TryParseExact(string, string[], IFormatProvider, DateTimeStyles, out DateTime)"/>
    /// reads them with the invariant culture, the first format that fits winning, but without its cost on the
    /// common case: a format made only of yyyy, M/MM, d/dd and the separators - / . is read by hand when the text is
    /// only ASCII digits and those separators. There the hand reading and the framework's agree exactly (digits
    /// read greedily up to the field's width, separators matched one for one, the whole text consumed, the date
    /// checked against the calendar); any other text or format is left to the framework, so every answer is its.
    /// </summary>
    /// <remarks>The framework's parser was a third of the extract's CPU at 100k staff (two date columns per position row, one per person).</remarks>
    internal sealed class DateFormats
    {
        private readonly string[] _formats;
        private readonly NumericDateFormat?[] _numeric;

        internal DateFormats(IReadOnlyList<string> formats)
        {
            _formats = new string[formats.Count];
            _numeric = new NumericDateFormat?[formats.Count];
            for (var i = 0; i < formats.Count; i++)
            {
                _formats[i] = formats[i];
                _numeric[i] = NumericDateFormat.TryCompile(formats[i]);
            }
        }

        /// <summary>True when <paramref name="text"/> is a date in one of the formats (the first that fits gives the date).</summary>
        [MethodImpl(Hot.Path)]
        internal bool TryParse(string? text, DateTimeStyles styles, out DateTime date)
        {
            if (text is not null && IsPlain(text))
            {
                for (var i = 0; i < _numeric.Length; i++)
                {
                    var format = _numeric[i];
                    if (format is null)
                    {
                        // A format the hand reader does not know comes before any that fits: the framework decides.
                        return DateTime.TryParseExact(text, _formats, CultureInfo.InvariantCulture, styles, out date);
                    }

                    if (format.TryRead(text, out date))
                    {
                        return true;
                    }
                }

                date = default;
                return _numeric.Length == 0 && DateTime.TryParseExact(text, _formats, CultureInfo.InvariantCulture, styles, out date);
            }

            return DateTime.TryParseExact(text, _formats, CultureInfo.InvariantCulture, styles, out date);
        }

        /// <summary>Only ASCII digits and the separators a numeric format may hold: no white space, letters or other marks.</summary>
        [MethodImpl(Hot.Path)]
        private static bool IsPlain(string text)
        {
            foreach (var c in text)
            {
                if (!((c >= '0' && c <= '9') || c == '-' || c == '/' || c == '.'))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>One format of four-digit year, numeric month and day, and separator characters.</summary>
        private sealed class NumericDateFormat
        {
            private const char Year = 'y';
            private const char Month = 'M';
            private const char Day = 'd';

            // Per part: the field letter (or the separator itself) and the fewest and most digits the field takes (0 for a separator).
            private readonly char[] _parts;
            private readonly int[] _least;
            private readonly int[] _most;

            private NumericDateFormat(char[] parts, int[] least, int[] most)
            {
                _parts = parts;
                _least = least;
                _most = most;
            }

            /// <summary>The hand reader for <paramref name="format"/>, or null when the format holds anything else.</summary>
            internal static NumericDateFormat? TryCompile(string? format)
            {
                if (string.IsNullOrEmpty(format))
                {
                    return null;
                }

                var parts = new List<char>();
                var least = new List<int>();
                var most = new List<int>();
                bool seenYear = false, seenMonth = false, seenDay = false;
                for (var i = 0; i < format!.Length;)
                {
                    var c = format[i];
                    var run = 1;
                    while (i + run < format.Length && format[i + run] == c)
                    {
                        run++;
                    }

                    switch (c)
                    {
                        // Two-digit years, month and day names, a field twice: the framework's rules, not these.
                        case Year when run == 4 && !seenYear:
                            seenYear = true;
                            break;
                        case Month when run <= 2 && !seenMonth:
                            seenMonth = true;
                            break;
                        case Day when run <= 2 && !seenDay:
                            seenDay = true;
                            break;
                        case '-':
                        case '/':
                        case '.':
                            // One part per separator character, each matched one for one.
                            for (var k = 0; k < run; k++)
                            {
                                parts.Add(c);
                                least.Add(0);
                                most.Add(0);
                            }

                            i += run;
                            continue;
                        default:
                            return null;
                    }

                    parts.Add(c);
                    // A one-letter field takes one or two digits; a longer one exactly its length.
                    least.Add(run == 1 ? 1 : run);
                    most.Add(run == 1 ? 2 : run);
                    i += run;
                }

                return seenYear && seenMonth && seenDay ? new NumericDateFormat(parts.ToArray(), least.ToArray(), most.ToArray()) : null;
            }

            /// <summary>Reads plain text (digits and separators only) as the framework would.</summary>
            [MethodImpl(Hot.Path)]
            internal bool TryRead(string text, out DateTime date)
            {
                date = default;
                int year = 0, month = 0, day = 0;
                var at = 0;
                for (var p = 0; p < _parts.Length; p++)
                {
                    var part = _parts[p];
                    var width = _most[p];
                    if (width == 0)
                    {
                        if (at >= text.Length || text[at] != part)
                        {
                            return false;
                        }

                        at++;
                        continue;
                    }

                    // Greedy, as the framework's digit reader: as many digits as the field takes, at least its fewest.
                    var value = 0;
                    var digits = 0;
                    while (digits < width && at < text.Length && text[at] >= '0' && text[at] <= '9')
                    {
                        value = (value * 10) + (text[at] - '0');
                        at++;
                        digits++;
                    }

                    if (digits < _least[p])
                    {
                        return false;
                    }

                    switch (part)
                    {
                        case Year:
                            year = value;
                            break;
                        case Month:
                            month = value;
                            break;
                        default:
                            day = value;
                            break;
                    }
                }

                if (at != text.Length || year < 1 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
                {
                    return false;
                }

                date = new DateTime(year, month, day);
                return true;
            }
        }
    }
}

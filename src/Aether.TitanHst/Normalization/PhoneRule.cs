using System;
using System.Runtime.CompilerServices;

namespace Aether.TitanHst.Normalization
{
    /// <summary>How <see cref="PhoneRule"/> writes a North American number.</summary>
    public enum PhoneFormat
    {
        /// <summary>+15595551234</summary>
        E164,

        /// <summary>(559) 555-1234</summary>
        National,
    }

    /// <summary>Normalizes North American (NANP) phone numbers; an extension ("x123") is kept.</summary>
    public sealed class PhoneRule : INormalizationRule
    {
        private readonly PhoneFormat _format;

        public PhoneRule(PhoneFormat format) => _format = format;

        public string Name => "phone";

        [MethodImpl(Hot.Path)]
        public RuleOutcome Apply(string value)
        {
            if (value.Length == 0)
            {
                return RuleOutcome.Ok(value);
            }

            // Written into a buffer, without the substrings and builders of a first draft: the rule runs on every
            // person's phone (few repeat, so the rule memo turns itself off for it).
            var x = IndexOfExtension(value);
            var mainLength = x >= 0 ? x : value.Length;
            Span<char> digits = stackalloc char[11];
            var count = 0;
            for (var i = 0; i < mainLength; i++)
            {
                var c = value[i];
                if (c >= '0' && c <= '9')
                {
                    if (count == digits.Length)
                    {
                        return NotAPhone(value);
                    }

                    digits[count++] = c;
                }
            }

            var start = count == 11 && digits[0] == '1' ? 1 : 0;
            if (count - start != 10 || digits[start] < '2' || digits[start + 3] < '2')
            {
                return NotAPhone(value);
            }

            var number = digits.Slice(start, 10);
            var extension = x >= 0 ? DigitCount(value, x) : 0;
            var length = (_format == PhoneFormat.E164 ? 12 : 14) + (extension > 0 ? 2 + extension : 0);
            Span<char> buffer = length <= 128 ? stackalloc char[length] : new char[length];
            var at = 0;
            if (_format == PhoneFormat.E164)
            {
                buffer[at++] = '+';
                buffer[at++] = '1';
                number.CopyTo(buffer.Slice(at));
                at += 10;
            }
            else
            {
                buffer[at++] = '(';
                number.Slice(0, 3).CopyTo(buffer.Slice(at));
                at += 3;
                buffer[at++] = ')';
                buffer[at++] = ' ';
                number.Slice(3, 3).CopyTo(buffer.Slice(at));
                at += 3;
                buffer[at++] = '-';
                number.Slice(6).CopyTo(buffer.Slice(at));
                at += 4;
            }

            if (extension > 0)
            {
                buffer[at++] = ' ';
                buffer[at++] = 'x';
                for (var i = x; i < value.Length; i++)
                {
                    if (value[i] >= '0' && value[i] <= '9')
                    {
                        buffer[at++] = value[i];
                    }
                }
            }

            // A number already written the rule's way is returned as it came, not copied.
            return RuleOutcome.Ok(buffer.SequenceEqual(value.AsSpan()) ? value : buffer.ToString());
        }

        private static RuleOutcome NotAPhone(string value) => RuleOutcome.Invalid(value, "is not a 10-digit North American phone number");

        /// <summary>Where the extension starts: the first "ext" in any case, else the first 'x' or 'X'; -1 when none.</summary>
        [MethodImpl(Hot.Path)]
        private static int IndexOfExtension(string value)
        {
            // Only 'E', 'X' and 'T' lower-case to 'e', 'x' and 't', so this finds what a search of the
            // lower-cased text found, without making that text.
            for (var i = 0; i + 2 < value.Length; i++)
            {
                if (value[i] is 'e' or 'E' && value[i + 1] is 'x' or 'X' && value[i + 2] is 't' or 'T')
                {
                    return i;
                }
            }

            for (var i = 0; i < value.Length; i++)
            {
                if (value[i] is 'x' or 'X')
                {
                    return i;
                }
            }

            return -1;
        }

        private static int DigitCount(string value, int from)
        {
            var count = 0;
            for (var i = from; i < value.Length; i++)
            {
                count += value[i] >= '0' && value[i] <= '9' ? 1 : 0;
            }

            return count;
        }
    }
}

using System.Text;

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

        public RuleOutcome Apply(string value)
        {
            if (value.Length == 0)
            {
                return RuleOutcome.Ok(value);
            }

            var main = value;
            var extension = string.Empty;
            var x = IndexOfExtension(value);
            if (x >= 0)
            {
                extension = Digits(value.Substring(x));
                main = value.Substring(0, x);
            }

            var digits = Digits(main);
            if (digits.Length == 11 && digits[0] == '1')
            {
                digits = digits.Substring(1);
            }

            if (digits.Length != 10 || digits[0] < '2' || digits[3] < '2')
            {
                return RuleOutcome.Invalid(value, "is not a 10-digit North American phone number");
            }

            var formatted = _format == PhoneFormat.E164
                ? "+1" + digits
                : $"({digits.Substring(0, 3)}) {digits.Substring(3, 3)}-{digits.Substring(6)}";
            return RuleOutcome.Ok(extension.Length > 0 ? $"{formatted} x{extension}" : formatted);
        }

        private static int IndexOfExtension(string value)
        {
            var lower = value.ToLowerInvariant();
            var i = lower.IndexOf("ext", System.StringComparison.Ordinal);
            return i >= 0 ? i : lower.IndexOf('x');
        }

        private static string Digits(string value)
        {
            var builder = new StringBuilder(value.Length);
            foreach (var c in value)
            {
                if (c >= '0' && c <= '9')
                {
                    builder.Append(c);
                }
            }

            return builder.ToString();
        }
    }
}

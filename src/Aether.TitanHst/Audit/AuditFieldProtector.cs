using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace Aether.TitanHst.Audit
{
    /// <summary>Applies each field's <see cref="AuditPiiMode"/>, and keeps field values and e-mail addresses out of free text.</summary>
    internal static class AuditFieldProtector
    {
        private static readonly Regex Email = new(@"[^\s@""'<>(),;:]+@[^\s@""'<>(),;:]+\.[A-Za-z]{2,}", RegexOptions.CultureInvariant);
        private static readonly Regex Bearer = new(@"(?i)\bbearer\s+\S+", RegexOptions.CultureInvariant);

        public static List<AuditFieldValue> Protect(IEnumerable<KeyValuePair<string, string?>> fields, AuditLogOptions options, Func<AuditKey> key)
        {
            var result = new List<AuditFieldValue>();
            foreach (var field in fields)
            {
                var mode = options.ModeOf(field.Key);
                var value = field.Value is null ? null : mode switch
                {
                    AuditPiiMode.Clear => field.Value,
                    AuditPiiMode.Masked => Mask(field.Value),
                    _ => key().Hash(field.Value),
                };
                result.Add(new AuditFieldValue(field.Key, mode, value));
            }

            return result;
        }

        /// <summary>"jane.doe@district.org" → "j***@d***.org"; anything else → first character and "***".</summary>
        public static string Mask(string value)
        {
            if (value.Length == 0)
            {
                return value;
            }

            var at = value.LastIndexOf('@');
            var dot = value.LastIndexOf('.');
            if (at > 0 && dot > at + 1 && dot < value.Length - 1)
            {
                return First(value) + "***@" + First(value.Substring(at + 1)) + "***" + value.Substring(dot);
            }

            return value.Length == 1 ? "***" : First(value) + "***";
        }

        /// <summary>
        /// Takes out of a message what must not be in the audit: the values of the event's non-clear fields (a server
        /// message may echo them), e-mail addresses, and bearer tokens.
        /// </summary>
        public static string? Scrub(string? text, IEnumerable<KeyValuePair<string, string?>> fields, AuditLogOptions options)
        {
            if (string.IsNullOrEmpty(text))
            {
                return text;
            }

            var scrubbed = text!;
            foreach (var field in fields.Where(f => f.Value is { Length: >= 2 } && options.ModeOf(f.Key) != AuditPiiMode.Clear).OrderByDescending(f => f.Value!.Length))
            {
                scrubbed = Replace(scrubbed, field.Value!, "[" + field.Key + "]");
            }

            scrubbed = Bearer.Replace(scrubbed, "Bearer [redacted]");
            return Email.Replace(scrubbed, "[email]");
        }

        private static string First(string value) => char.IsHighSurrogate(value[0]) && value.Length > 1 ? value.Substring(0, 2) : value.Substring(0, 1);

        private static string Replace(string text, string find, string with)
        {
            var index = text.IndexOf(find, StringComparison.OrdinalIgnoreCase);
            while (index >= 0)
            {
                text = text.Substring(0, index) + with + text.Substring(index + find.Length);
                index = text.IndexOf(find, index + with.Length, StringComparison.OrdinalIgnoreCase);
            }

            return text;
        }
    }
}

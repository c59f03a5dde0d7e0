using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;

namespace Aether.TitanHst.Normalization
{
    /// <summary>Lower-cases an email address and checks its shape (and, optionally, its domain).</summary>
    public sealed class EmailRule : INormalizationRule
    {
        // The longest address SMTP allows; longer input is refused before its shape is checked.
        private const int MaxLength = 254;

        // The shape checked is deliberately plain: one local part of the usual characters, one domain of dotted labels,
        // as the pattern docs/titanhst-api.md gives TitanHST's rule:
        //   ^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+\z
        // checked by hand in one pass (IsPlainAddress) rather than by a compiled Regex: the same language, with no
        // regex runner per call and no backtracking at all. EmailShapeReferenceTests hold the pattern as the reference.
        private const string LocalPunctuation = ".!#$%&'*+/=?^_`{|}~-";

        private readonly HashSet<string>? _domains;

        public EmailRule(IEnumerable<string>? allowedDomains = null)
        {
            var list = allowedDomains?.Select(d => d.Trim().ToLowerInvariant()).Where(d => d.Length > 0).ToList();
            _domains = list is { Count: > 0 } ? new HashSet<string>(list, StringComparer.Ordinal) : null;
        }

        public string Name => "email";

        [MethodImpl(Hot.Path)]
        public RuleOutcome Apply(string value)
        {
            if (value.Length == 0)
            {
                return RuleOutcome.Ok(value);
            }

            var email = value.Trim().ToLowerInvariant();
            if (email.StartsWith("mailto:", StringComparison.Ordinal))
            {
                email = email.Substring(7);
            }

            if (email.Length > MaxLength || !IsPlainAddress(email) || email.Contains(".."))
            {
                return RuleOutcome.Invalid(value, "is not a valid email address");
            }

            if (_domains is not null && !InAllowedDomain(email))
            {
                return RuleOutcome.Invalid(value, $"is not in an allowed domain ({string.Join(", ", _domains)})");
            }

            return RuleOutcome.Ok(email);
        }

        /// <summary>
        /// Whether <paramref name="email"/> is in the pattern's language: a non-empty local part of lower-case letters,
        /// digits and <see cref="LocalPunctuation"/>, one '@', then two or more labels split by single dots, each
        /// starting and ending with a letter or digit, with hyphens only inside. The local part's characters exclude
        /// '@', so the pattern's greedy local part always ends at the first '@'.
        /// </summary>
        [MethodImpl(Hot.Path)]
        internal static bool IsPlainAddress(string email)
        {
            var at = email.IndexOf('@');
            if (at <= 0)
            {
                return false;
            }

            for (var i = 0; i < at; i++)
            {
                var c = email[i];
                if (!IsLetterOrDigit(c) && LocalPunctuation.IndexOf(c) < 0)
                {
                    return false;
                }
            }

            var labels = 0;
            var start = at + 1;
            while (true)
            {
                var end = start;
                while (end < email.Length && email[end] != '.')
                {
                    var c = email[end];
                    if (!IsLetterOrDigit(c) && c != '-')
                    {
                        return false;
                    }

                    end++;
                }

                // A label: at least one character, a letter or digit at both ends ('-' only inside).
                if (end == start || !IsLetterOrDigit(email[start]) || !IsLetterOrDigit(email[end - 1]))
                {
                    return false;
                }

                labels++;
                if (end == email.Length)
                {
                    return labels >= 2;
                }

                start = end + 1;
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static bool IsLetterOrDigit(char c) => (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');

        /// <summary>True when the text after the '@' is one of the allowed domains (compared in place: no substring per address).</summary>
        [MethodImpl(Hot.Path)]
        private bool InAllowedDomain(string email)
        {
            var domainStart = email.IndexOf('@') + 1;
            var domainLength = email.Length - domainStart;
            foreach (var domain in _domains!)
            {
                if (domain.Length == domainLength && string.CompareOrdinal(email, domainStart, domain, 0, domainLength) == 0)
                {
                    return true;
                }
            }

            return false;
        }
    }
}

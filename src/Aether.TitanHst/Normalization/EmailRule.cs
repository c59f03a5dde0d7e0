using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace Aether.TitanHst.Normalization
{
    /// <summary>Lower-cases an email address and checks its shape (and, optionally, its domain).</summary>
    public sealed class EmailRule : INormalizationRule
    {
        // The longest address SMTP allows; longer input is refused before the pattern runs.
        private const int MaxLength = 254;

        // Deliberately plain: one local part of the usual characters, one domain of dotted labels. No match timeout:
        // on at most 254 characters this pattern's backtracking is bounded (labels are split by dots), and a
        // wall-clock timeout would make a busy machine (GC pauses, two loaded cores) reject a good address.
        private static readonly Regex Shape = new(
            @"^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+\z",
            RegexOptions.CultureInvariant | RegexOptions.Compiled,
            Regex.InfiniteMatchTimeout);

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

            if (email.Length > MaxLength || !Shape.IsMatch(email) || email.Contains(".."))
            {
                return RuleOutcome.Invalid(value, "is not a valid email address");
            }

            if (_domains is not null && !InAllowedDomain(email))
            {
                return RuleOutcome.Invalid(value, $"is not in an allowed domain ({string.Join(", ", _domains)})");
            }

            return RuleOutcome.Ok(email);
        }

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

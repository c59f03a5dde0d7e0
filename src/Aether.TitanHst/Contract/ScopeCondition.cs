using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;

namespace Aether.TitanHst.Contract
{
    /// <summary>One condition a person must meet to be in scope, on a normalized field.</summary>
    public sealed class ScopeCondition
    {
        private readonly HashSet<string>? _in;
        private readonly HashSet<string>? _notIn;

        internal ScopeCondition(string field, IEnumerable<string>? isIn, IEnumerable<string>? notIn, bool? blank)
        {
            Field = field;
            _in = isIn is null ? null : new HashSet<string>(isIn, StringComparer.OrdinalIgnoreCase);
            _notIn = notIn is null ? null : new HashSet<string>(notIn, StringComparer.OrdinalIgnoreCase);
            Blank = blank;
        }

        public string Field { get; }

        public IReadOnlyCollection<string>? In => _in;

        public IReadOnlyCollection<string>? NotIn => _notIn;

        public bool? Blank { get; }

        /// <summary>True when <paramref name="value"/> (null or empty for blank) meets the condition.</summary>
        [MethodImpl(Hot.Path)]
        public bool IsMetBy(string? value)
        {
            var isBlank = string.IsNullOrEmpty(value);
            if (Blank.HasValue && Blank.Value != isBlank)
            {
                return false;
            }

            if (_in is not null && (isBlank || !_in.Contains(value!)))
            {
                return false;
            }

            return _notIn is null || isBlank || !_notIn.Contains(value!);
        }

        // Written once: every out-of-scope person's marker quotes it (one in ten people of a district).
        private string? _text;

        public override string ToString() => _text ??= Describe();

        private string Describe()
        {
            var parts = new List<string>();
            if (_in is not null)
            {
                parts.Add($"{Field} in ({string.Join(", ", _in.OrderBy(v => v, StringComparer.Ordinal))})");
            }

            if (_notIn is not null)
            {
                parts.Add($"{Field} not in ({string.Join(", ", _notIn.OrderBy(v => v, StringComparer.Ordinal))})");
            }

            if (Blank.HasValue)
            {
                parts.Add(Blank.Value ? $"{Field} is blank" : $"{Field} is not blank");
            }

            return string.Join(" and ", parts);
        }
    }
}

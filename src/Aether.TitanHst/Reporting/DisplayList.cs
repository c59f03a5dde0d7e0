using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;

namespace Aether.TitanHst.Reporting
{
    /// <summary>
    /// A read-only list that reads as its items when turned into text: Export-Csv, string interpolation and
    /// Format-Table show "LHS: 3; VOE: 2" rather than a .NET type name, while scripts still get the items.
    /// </summary>
    public sealed class DisplayList<T> : ReadOnlyCollection<T>
    {
        private readonly string _separator;

        public DisplayList(IEnumerable<T> items, string separator = "; ")
            : base(items.ToList())
        {
            _separator = separator;
        }

        public override string ToString() => string.Join(_separator, this.Select(i => i?.ToString()));
    }

    /// <summary>Turns a sequence into a <see cref="DisplayList{T}"/>.</summary>
    public static class DisplayListExtensions
    {
        public static DisplayList<T> AsDisplayList<T>(this IEnumerable<T> items, string separator = "; ") => new(items, separator);
    }
}

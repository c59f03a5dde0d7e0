using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;

namespace Aether.TitanHst.Positions
{
    /// <summary>
    /// A person's assignments as a set, with the one canonical text the core carries them in
    /// (decision 0011): entries sorted primary first, then by site and role (ordinal), joined by "; ";
    /// each entry SITE/ROLE, '*' when primary, '@' and the FTE when known. Equal sets give equal text.
    /// </summary>
    public sealed class AssignmentSet
    {
        /// <summary>Characters a site or role code may not hold: they delimit the canonical text.</summary>
        internal static readonly char[] Delimiters = { '/', ';', '*', '@' };

        private static readonly string[] Separator = { "; " };

        public static readonly AssignmentSet Empty = new(Array.Empty<Assignment>());

        private AssignmentSet(IReadOnlyList<Assignment> items)
        {
            Items = items;
        }

        /// <summary>The assignments in canonical order (primary first).</summary>
        public IReadOnlyList<Assignment> Items { get; }

        public int Count => Items.Count;

        /// <summary>The primary assignment, or null for an empty set.</summary>
        public Assignment? Primary => Items.FirstOrDefault(a => a.Primary);

        public IEnumerable<string> Sites => Items.Select(a => a.SiteCode).Distinct(StringComparer.Ordinal);

        public IEnumerable<string> Roles => Items.Select(a => a.RoleCode).Distinct(StringComparer.Ordinal);

        /// <summary>Builds a set; two items for the same site and role are refused (the caller merges them first).</summary>
        public static AssignmentSet Of(IEnumerable<Assignment> items) => OfOwned(new List<Assignment>(items));

        /// <summary>As <see cref="Of"/>, keeping <paramref name="items"/> itself (sorted in place): the caller hands it over and never touches it again.</summary>
        [MethodImpl(Hot.Path)]
        internal static AssignmentSet OfOwned(List<Assignment> items)
        {
            var list = items;
            // Equal keys mean the same slot twice, which is refused below, so an unstable sort orders as OrderBy did.
            list.Sort(CanonicalOrder);
            for (var i = 1; i < list.Count; i++)
            {
                for (var j = 0; j < i; j++)
                {
                    if (string.Equals(list[j].SiteCode, list[i].SiteCode, StringComparison.Ordinal) && string.Equals(list[j].RoleCode, list[i].RoleCode, StringComparison.Ordinal))
                    {
                        throw new ArgumentException($"assignment {list[i].Slot} is listed twice", nameof(items));
                    }
                }
            }

            return new AssignmentSet(list);
        }

        /// <summary>Primary first, then by site and role code (ordinal).</summary>
        private static int CanonicalOrder(Assignment x, Assignment y)
        {
            var c = y.Primary.CompareTo(x.Primary);
            if (c == 0)
            {
                c = string.CompareOrdinal(x.SiteCode, y.SiteCode);
            }

            return c != 0 ? c : string.CompareOrdinal(x.RoleCode, y.RoleCode);
        }

        /// <summary>The canonical text, or null for an empty set (a blank field).</summary>
        [MethodImpl(Hot.Path)]
        public string? Format() => Items.Count == 0 ? null : string.Join("; ", Items.Select(a => a.Format()));

        /// <summary>True when the text is the canonical form of some set (what <see cref="TryParse"/> accepts).</summary>
        [MethodImpl(Hot.Path)]
        public static bool TryParse(string? text, out AssignmentSet set)
        {
            set = Empty;
            if (string.IsNullOrEmpty(text))
            {
                return true;
            }

            var items = new List<Assignment>();
            foreach (var part in text!.Split(Separator, StringSplitOptions.None))
            {
                var entry = part;
                decimal? fte = null;
                var at = entry.IndexOf('@');
                if (at >= 0)
                {
                    if (!decimal.TryParse(entry.Substring(at + 1), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var f))
                    {
                        return false;
                    }

                    fte = f;
                    entry = entry.Substring(0, at);
                }

                var primary = entry.EndsWith("*", StringComparison.Ordinal);
                if (primary)
                {
                    entry = entry.Substring(0, entry.Length - 1);
                }

                var slash = entry.IndexOf('/');
                if (slash <= 0 || slash == entry.Length - 1 || entry.IndexOfAny(Delimiters, slash + 1) >= 0 || entry.IndexOf('*') >= 0)
                {
                    return false;
                }

                items.Add(new Assignment(entry.Substring(0, slash), entry.Substring(slash + 1), primary, fte));
            }

            try
            {
                set = Of(items);
                return true;
            }
            catch (ArgumentException)
            {
                return false;
            }
        }

        /// <summary>Parses canonical text; text that is not canonical is refused.</summary>
        [MethodImpl(Hot.Path)]
        public static AssignmentSet Parse(string? text) =>
            TryParse(text, out var set) ? set : throw new FormatException("the value is not a list of assignments (SITE/ROLE[*][@fte]; ...)");

        /// <summary>True when a code can travel in the canonical text.</summary>
        [MethodImpl(Hot.Path)]
        public static bool IsValidCode(string code)
        {
            if (code.Length == 0 || code.IndexOfAny(Delimiters) >= 0)
            {
                return false;
            }

            // A loop, not LINQ: every position's site and role is checked.
            foreach (var c in code)
            {
                if (char.IsWhiteSpace(c))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// What changed from <paramref name="old"/> to <paramref name="new"/>, in words:
        /// "+LHS/TEACHER; -LMS/AIDE; primary LMS/TEACHER → LHS/TEACHER; fte LHS/TEACHER 0.4 → 0.6".
        /// </summary>
        [MethodImpl(Hot.Path)]
        public static string Describe(AssignmentSet old, AssignmentSet @new)
        {
            // Loops over the few items, not dictionaries and LINQ: the diff describes every changed set. A slot is
            // its site and role (codes hold no '/'), so slots are compared as such, without making their text.
            var text = new StringBuilder();
            foreach (var a in @new.Items)
            {
                if (Find(old, a) is null)
                {
                    Separate(text).Append('+').Append(a.SiteCode).Append('/').Append(a.RoleCode);
                }
            }

            foreach (var a in old.Items)
            {
                if (Find(@new, a) is null)
                {
                    Separate(text).Append('-').Append(a.SiteCode).Append('/').Append(a.RoleCode);
                }
            }

            var oldPrimary = old.Primary;
            var newPrimary = @new.Primary;
            if (oldPrimary?.Slot != newPrimary?.Slot)
            {
                Separate(text).Append("primary ").Append(oldPrimary?.Slot ?? "(none)").Append(" → ").Append(newPrimary?.Slot ?? "(none)");
            }

            foreach (var a in @new.Items)
            {
                if (Find(old, a) is { } o && o.Fte != a.Fte)
                {
                    Separate(text).Append("fte ").Append(a.SiteCode).Append('/').Append(a.RoleCode).Append(' ')
                        .Append(o.Fte is { } b ? Assignment.FormatFte(b) : "(blank)").Append(" → ").Append(a.Fte is { } n ? Assignment.FormatFte(n) : "(blank)");
                }
            }

            return text.ToString();
        }

        /// <summary>The item of <paramref name="set"/> with the slot of <paramref name="like"/>, or null.</summary>
        [MethodImpl(Hot.Path)]
        private static Assignment? Find(AssignmentSet set, Assignment like)
        {
            foreach (var item in set.Items)
            {
                if (string.Equals(item.SiteCode, like.SiteCode, StringComparison.Ordinal) && string.Equals(item.RoleCode, like.RoleCode, StringComparison.Ordinal))
                {
                    return item;
                }
            }

            return null;
        }

        [MethodImpl(Hot.Path)]
        private static StringBuilder Separate(StringBuilder text) => text.Length > 0 ? text.Append("; ") : text;

        public override string ToString() => Format() ?? "(none)";
    }
}

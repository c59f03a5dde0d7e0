using System;
using Aether.TitanHst.Positions;

namespace Aether.TitanHst.Canonical
{
    /// <summary>One assignment of the person being resolved (a slot's merged positions), before it is written as text.</summary>
    internal readonly struct AssignmentEntry
    {
        internal AssignmentEntry(string site, string role, string slot, bool primary, decimal? fte)
        {
            Site = site;
            Role = role;
            Slot = slot;
            Primary = primary;
            Fte = fte;
        }

        internal string Site { get; }

        internal string Role { get; }

        internal string Slot { get; }

        internal bool Primary { get; }

        internal decimal? Fte { get; }

        /// <summary>The canonical order of <see cref="AssignmentSet"/>: primary first, then site and role (ordinal).</summary>
        internal static readonly Comparison<AssignmentEntry> CanonicalOrder = Compare;

        private static int Compare(AssignmentEntry x, AssignmentEntry y)
        {
            var c = y.Primary.CompareTo(x.Primary);
            if (c == 0)
            {
                c = string.CompareOrdinal(x.Site, y.Site);
            }

            return c != 0 ? c : string.CompareOrdinal(x.Role, y.Role);
        }
    }
}

using System;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace Aether.TitanHst.Positions
{
    /// <summary>One job a person holds: a site and a role, whether it is the primary one, and its FTE when known.</summary>
    public sealed class Assignment : IEquatable<Assignment>
    {
        public Assignment(string siteCode, string roleCode, bool primary, decimal? fte)
        {
            SiteCode = siteCode ?? throw new ArgumentNullException(nameof(siteCode));
            RoleCode = roleCode ?? throw new ArgumentNullException(nameof(roleCode));
            Primary = primary;
            Fte = fte;
        }

        public string SiteCode { get; }

        public string RoleCode { get; }

        public bool Primary { get; }

        /// <summary>Full-time equivalent (0 &lt; fte ≤ 1), or null when the source does not say.</summary>
        public decimal? Fte { get; }

        /// <summary>"SITE/ROLE": what the assignment is, without primary or FTE (the set's identity).</summary>
        public string Slot => SiteCode + "/" + RoleCode;

        /// <summary>The canonical text of one entry: SITE/ROLE, then '*' when primary, then '@' and the FTE.</summary>
        [MethodImpl(Hot.Path)]
        public string Format() => Slot + (Primary ? "*" : string.Empty) + (Fte is { } f ? "@" + FormatFte(f) : string.Empty);

        internal static string FormatFte(decimal fte) => fte.ToString("0.####", CultureInfo.InvariantCulture);

        public bool Equals(Assignment? other) => other is not null && string.Equals(Format(), other.Format(), StringComparison.Ordinal);

        public override bool Equals(object? obj) => Equals(obj as Assignment);

        public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Format());

        public override string ToString() => Format();
    }
}

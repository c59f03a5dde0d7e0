using System.Collections.Generic;

namespace Aether.TitanHst.Contract
{
    /// <summary>Which fields identify a person to a reviewer, and which carry role and site (for risk flags).</summary>
    public sealed class ReviewFields
    {
        public ReviewFields(IReadOnlyList<string> displayName, string? roleField, string? siteField)
        {
            DisplayName = displayName;
            RoleField = roleField;
            SiteField = siteField;
        }

        public IReadOnlyList<string> DisplayName { get; }

        public string? RoleField { get; }

        public string? SiteField { get; }
    }
}

using System;

namespace Aether.TitanHst.Safety
{
    /// <summary>What makes a change risky. A change may carry several.</summary>
    [Flags]
    public enum RiskFlags
    {
        None = 0,
        Delete = 1,
        Deactivate = 2,
        RoleChange = 4,
        SiteChange = 8,
        Reactivation = 16,
        Conflict = 32,

        /// <summary>The primary job moved between assignments the person already holds (decision 0011): lower risk than a site or role change.</summary>
        PrimaryChange = 64,
    }
}

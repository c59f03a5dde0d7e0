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

        /// <summary>
        /// An owned field TitanHST holds a value for would be left blank: what an export cut short, run for one school,
        /// or with a column shifted looks like to the people it no longer lists.
        /// </summary>
        ValueCleared = 128,

        /// <summary>
        /// Every display-name field of a matched record changes (beyond case and accents): the record's key now
        /// describes someone else (an id reused, or a column block sorted on its own in a spreadsheet).
        /// </summary>
        IdentityChange = 256,

        /// <summary>
        /// Counted, never shown: a change that creates a record is not risky by itself, and no change carries this flag.
        /// It names the optional create threshold (safety.thresholds.create), which counts creates: a flood of them is
        /// what an export from another system, or every id re-keyed, looks like.
        /// </summary>
        Create = 512,
    }
}

namespace Aether.TitanHst.Diff
{
    /// <summary>What the connector would do to one person's TitanHST record.</summary>
    public enum ChangeAction
    {
        /// <summary>In scope in the sources, not in TitanHST.</summary>
        Create,

        /// <summary>Matched; owned fields differ after normalization.</summary>
        Update,

        /// <summary>Active in TitanHST, out of scope or gone from the sources.</summary>
        Deactivate,

        /// <summary>Inactive in TitanHST, in scope again in the sources.</summary>
        Reactivate,

        /// <summary>Like Deactivate, where the contract's safety.removal is "delete".</summary>
        Delete,

        /// <summary>Sources disagree or a record cannot be built; never applied, a human decides.</summary>
        Conflict,

        /// <summary>Matched and equal (hidden unless asked for).</summary>
        NoChange,
    }
}

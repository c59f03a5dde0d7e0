namespace Aether.TitanHst.Preview
{
    /// <summary>What one contract makes of one person the exports know.</summary>
    public enum PersonOutcomeKind
    {
        /// <summary>The exports do not name this person under this contract (another key rule, another source).</summary>
        Absent,

        /// <summary>A canonical record was built: the person is in scope and would be sent.</summary>
        Record,

        /// <summary>The person fails the contract's scope.</summary>
        OutOfScope,

        /// <summary>A conflict rule holds the person for a human.</summary>
        Conflict,

        /// <summary>The record cannot be built (an unmapped code, a blank required field, a duplicate key, a malformed row).</summary>
        Error,

        /// <summary>Left out by the contract's policy (a warning, not an error).</summary>
        Skipped,
    }
}

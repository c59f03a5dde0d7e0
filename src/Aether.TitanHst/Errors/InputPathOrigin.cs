namespace Aether.TitanHst.Errors
{
    /// <summary>Where a path came from, so that the advice for a missing file says what the path is relative to.</summary>
    public enum InputPathOrigin
    {
        /// <summary>Read from a contract (an export, a mapping table): relative to the contract's folder.</summary>
        Contract,

        /// <summary>Given to a command (a contract, plan, snapshot, review sheet or configuration file): relative to PowerShell's current location.</summary>
        CommandLine,
    }
}

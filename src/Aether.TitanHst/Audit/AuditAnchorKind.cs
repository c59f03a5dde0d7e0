namespace Aether.TitanHst.Audit
{
    /// <summary>Where checkpoints are copied outside the audit folder, so that deleting the folder, or its last entries together with their checkpoints, is caught.</summary>
    public enum AuditAnchorKind
    {
        /// <summary>No copy outside the folder: deletion of the whole log is not detectable.</summary>
        None,

        /// <summary>A file in another folder (ideally another machine or an append-only share); used by the tests.</summary>
        File,

        /// <summary>syslog via <c>logger</c> (journald on most Linux systems); read back with <c>journalctl</c> when present.</summary>
        Syslog,

        /// <summary>The Windows Application event log (source AetherTitanHst) via <c>eventcreate</c>; read back with <c>wevtutil</c>.</summary>
        EventLog,
    }
}

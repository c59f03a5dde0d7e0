namespace Aether.TitanHst.Audit
{
    /// <summary>Stable ids for audit log problems; PowerShell shows them as FullyQualifiedErrorId.</summary>
    public static class AuditErrorIds
    {
        /// <summary>A line of a log file is not a valid entry (reading or querying; the verifier reports it instead).</summary>
        public const string AuditEntryInvalid = nameof(AuditEntryInvalid);

        /// <summary>The log does not verify, so retention refuses to remove anything from it.</summary>
        public const string AuditLogInvalid = nameof(AuditLogInvalid);

        /// <summary>Another process held the audit folder's lock for longer than the timeout.</summary>
        public const string AuditLockTimeout = nameof(AuditLockTimeout);

        /// <summary>The audit key file exists but is not a key.</summary>
        public const string AuditKeyInvalid = nameof(AuditKeyInvalid);

        /// <summary>The installation key that signs the chain is kept inside the audit folder it protects.</summary>
        public const string AuditKeyInsideLog = nameof(AuditKeyInsideLog);

        /// <summary>A checkpoint could not be written to the configured anchor outside the folder.</summary>
        public const string AuditAnchorFailed = nameof(AuditAnchorFailed);

        /// <summary>The anchor setting (contract audit section or connector config) is not one this module knows.</summary>
        public const string AuditAnchorInvalid = nameof(AuditAnchorInvalid);

        /// <summary>A name the log uses (a month file, checkpoints.jsonl, audit.lock) is a symbolic link or another entry that is not a regular file.</summary>
        public const string AuditFileNotRegular = nameof(AuditFileNotRegular);

        /// <summary>The newest month file is named for a month after the next one: planted, or written under a clock far ahead.</summary>
        public const string AuditFileFromFuture = nameof(AuditFileFromFuture);
    }
}

using System;

namespace Aether.TitanHst.Sync
{
    /// <summary>
    /// The connector's configuration for unattended runs: where the contract and TitanHST are, how to apply, where
    /// audit, run journals and reports go. Versioned, kept beside the contract, and never holding a secret.
    /// </summary>
    public sealed class ConnectorConfig
    {
        internal ConnectorConfig(string path, string version, string contractPath, Uri baseUri, Uri? tokenUri, string? clientId, double requestsPerSecond,
            string? expectedSchemaVersion, int throttleLimit, bool allowDelete, bool allowRoleChange, string? auditFolder, string? runsFolder, string reportsFolder, int sampleSize)
        {
            Path = path;
            Version = version;
            ContractPath = contractPath;
            BaseUri = baseUri;
            TokenUri = tokenUri;
            ClientId = clientId;
            RequestsPerSecond = requestsPerSecond;
            ExpectedSchemaVersion = expectedSchemaVersion;
            ThrottleLimit = throttleLimit;
            AllowDelete = allowDelete;
            AllowRoleChange = allowRoleChange;
            AuditFolder = auditFolder;
            RunsFolder = runsFolder;
            ReportsFolder = reportsFolder;
            SampleSize = sampleSize;
        }

        public string Path { get; }

        /// <summary>The configuration's own semantic version, recorded with every run.</summary>
        public string Version { get; }

        public string ContractPath { get; }

        public Uri BaseUri { get; }

        public Uri? TokenUri { get; }

        /// <summary>The OAuth client id (not a secret); the secret comes from the caller's credential store.</summary>
        public string? ClientId { get; }

        public double RequestsPerSecond { get; }

        /// <summary>The OAuth client that may write (staff.write), used only to apply; null: <see cref="ClientId"/> with a token of its own, unless <see cref="ReadOnly"/>.</summary>
        public string? WriteClientId { get; internal set; }

        /// <summary>SecretManagement secret names (Get-Secret) for the read and the write client's secret; null: the environment.</summary>
        public string? SecretName { get; internal set; }

        /// <summary>The write client's secret name in SecretManagement.</summary>
        public string? WriteSecretName { get; internal set; }

        /// <summary>The configured credential may only read: scheduled runs diff and save a plan, never apply.</summary>
        public bool ReadOnly { get; internal set; }

        /// <summary>Where audit checkpoints are also written ("syslog", "eventlog", "file:&lt;path&gt;", "none"); null: the contract's, else AETHER_TITANHST_AUDIT_ANCHOR.</summary>
        public string? AuditAnchor { get; internal set; }

        /// <summary>When set, a TitanHST reporting another schema version stops the run for review.</summary>
        public string? ExpectedSchemaVersion { get; }

        public int ThrottleLimit { get; }

        public bool AllowDelete { get; }

        public bool AllowRoleChange { get; }

        /// <summary>Null: the default audit folder (AETHER_TITANHST_AUDIT or the user's data folder).</summary>
        public string? AuditFolder { get; }

        /// <summary>Null: the default run journal folder (AETHER_TITANHST_RUNS or the user's data folder).</summary>
        public string? RunsFolder { get; }

        public string ReportsFolder { get; }

        public int SampleSize { get; }

        /// <summary>Whom to tell about a run (e-mail, webhook), or null.</summary>
        public Notifications.NotificationSettings? Notify { get; internal set; }

        // --- targetReads (decision 0016): how TitanHST is read for the diff ---

        /// <summary>Full or incremental target reads and when a full read is due; default: always full.</summary>
        public Target.TargetReadSettings TargetReads { get; internal set; } = new();

        /// <summary>Where the kept target snapshot (and its seal) lives between runs; resolved against the configuration's folder.</summary>
        public string SnapshotFolder { get; internal set; } = string.Empty;

        public override string ToString() => $"{System.IO.Path.GetFileName(Path)} {Version}";
    }
}

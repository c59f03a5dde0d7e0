using System;
using System.Collections.Generic;
using System.IO;

namespace Aether.TitanHst.Audit
{
    /// <summary>
    /// Where the audit log lives and how it protects field values. The contract's audit section fills these; what
    /// it does not say stays on the safe side: unknown fields are hashed.
    /// </summary>
    public sealed class AuditLogOptions
    {
        public AuditLogOptions(string? folder = null)
        {
            Folder = AuditFolder.Canonical(string.IsNullOrEmpty(folder) ? DefaultFolder : folder!);
        }

        /// <summary>The environment variable that names the audit folder for a scheduled task, a service account or CI.</summary>
        public const string FolderVariable = "AETHER_TITANHST_AUDIT";

        /// <summary>
        /// The folder named by AETHER_TITANHST_AUDIT, else the user's local data folder, Aether.TitanHst/audit
        /// (%LOCALAPPDATA% on Windows, ~/.local/share elsewhere).
        /// </summary>
        public static string DefaultFolder =>
            Environment.GetEnvironmentVariable(FolderVariable) is { Length: > 0 } configured
                ? configured
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "Aether.TitanHst", "audit");

        public string Folder { get; }

        /// <summary>Per field name (case-insensitive): how its value is stored.</summary>
        public IDictionary<string, AuditPiiMode> FieldModes { get; } = new Dictionary<string, AuditPiiMode>(StringComparer.OrdinalIgnoreCase);

        /// <summary>For fields not in <see cref="FieldModes"/>: hashed, like a field the contract marks as personal.</summary>
        public AuditPiiMode DefaultMode { get; set; } = AuditPiiMode.Hashed;

        /// <summary>Days a log file is kept after its month ends; null keeps every file. Applied by <see cref="AuditRetention"/>.</summary>
        public int? RetentionDays { get; set; }

        /// <summary>Who is recorded as the operator; the process's account by default.</summary>
        public AuditOperator Operator { get; set; } = AuditOperator.Current();

        /// <summary>The time source (tests fix it); entries are stamped in UTC to the millisecond.</summary>
        public Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;

        /// <summary>
        /// The folder of the installation key that signs the chain and its checkpoints; null for the default
        /// (AETHER_TITANHST_KEYS, else the user's local data folder). Never inside <see cref="Folder"/>.
        /// </summary>
        public string? KeyFolder { get; set; }

        /// <summary>Where each checkpoint is also written, outside the folder; AETHER_TITANHST_AUDIT_ANCHOR by default.</summary>
        public AuditAnchorSettings Anchor { get; set; } = AuditAnchorSettings.FromEnvironment();

        /// <summary>How long to wait for another process's append before giving up.</summary>
        public TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>
        /// The contract's defaults: personal fields hashed, the others in clear. <paramref name="overrides"/>
        /// (the contract's audit section) wins where it names a field.
        /// </summary>
        public AuditLogOptions UseFields(IEnumerable<KeyValuePair<string, bool>> piiByField, IEnumerable<KeyValuePair<string, AuditPiiMode>>? overrides = null)
        {
            foreach (var field in piiByField)
            {
                FieldModes[field.Key] = field.Value ? AuditPiiMode.Hashed : AuditPiiMode.Clear;
            }

            foreach (var field in overrides ?? Array.Empty<KeyValuePair<string, AuditPiiMode>>())
            {
                FieldModes[field.Key] = field.Value;
            }

            return this;
        }

        /// <summary>The mode for a field: its own, or <see cref="DefaultMode"/>.</summary>
        public AuditPiiMode ModeOf(string field) => FieldModes.TryGetValue(field, out var mode) ? mode : DefaultMode;
    }
}

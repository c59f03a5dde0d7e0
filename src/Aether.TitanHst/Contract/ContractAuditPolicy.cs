using System.Collections.Generic;

namespace Aether.TitanHst.Contract
{
    /// <summary>
    /// The contract's audit settings: retention, and per field how its values are stored in the audit log
    /// ("clear", "masked" or "hashed"). Fields not named follow their <c>pii</c> flag: personal hashed, others clear.
    /// </summary>
    public sealed class ContractAuditPolicy
    {
        internal static readonly string[] Modes = { "clear", "masked", "hashed" };

        public ContractAuditPolicy(int? retentionDays, IReadOnlyDictionary<string, string> fieldModes, string? anchor = null)
        {
            RetentionDays = retentionDays;
            FieldModes = fieldModes;
            Anchor = anchor;
        }

        /// <summary>
        /// Where audit checkpoints are also written, outside the audit folder: "none", "syslog", "eventlog" or
        /// "file:&lt;path&gt;"; null leaves it to AETHER_TITANHST_AUDIT_ANCHOR.
        /// </summary>
        public string? Anchor { get; }

        internal static bool IsAnchor(string text) =>
            text is "none" or "syslog" or "eventlog" || (text.StartsWith("file:", System.StringComparison.Ordinal) && text.Length > 5);

        /// <summary>Days an audit file is kept before Remove-TitanHstAuditLog may remove it; null keeps everything.</summary>
        public int? RetentionDays { get; }

        public IReadOnlyDictionary<string, string> FieldModes { get; }
    }
}

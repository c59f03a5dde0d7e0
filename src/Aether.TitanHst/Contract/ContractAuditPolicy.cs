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

        public ContractAuditPolicy(int? retentionDays, IReadOnlyDictionary<string, string> fieldModes)
        {
            RetentionDays = retentionDays;
            FieldModes = fieldModes;
        }

        /// <summary>Days an audit file is kept before Remove-TitanHstAuditLog may remove it; null keeps everything.</summary>
        public int? RetentionDays { get; }

        public IReadOnlyDictionary<string, string> FieldModes { get; }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using Aether.TitanHst.Contract;

namespace Aether.TitanHst.Audit
{
    /// <summary>Builds audit options from a contract: its retention and its fields' PII treatment.</summary>
    public static class AuditLogOptionsForContract
    {
        public static AuditLogOptions Create(MappingContract contract, string? folder = null)
        {
            var overrides = contract.Policies.Audit.FieldModes
                .Select(p => new KeyValuePair<string, AuditPiiMode>(p.Key, (AuditPiiMode)Enum.Parse(typeof(AuditPiiMode), p.Value, ignoreCase: true)));
            var options = new AuditLogOptions(folder) { RetentionDays = contract.Policies.Audit.RetentionDays };
            if (contract.Policies.Audit.Anchor is { } anchor)
            {
                options.Anchor = AuditAnchorSettings.Parse(anchor, "audit.anchor");
            }

            return options.UseFields(contract.Fields.Select(f => new KeyValuePair<string, bool>(f.Name, f.Pii)), overrides);
        }
    }
}

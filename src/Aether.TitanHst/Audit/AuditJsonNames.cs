using System;

namespace Aether.TitanHst.Audit
{
    /// <summary>Property names and enum spellings of the audit line format (docs/audit-log.md).</summary>
    internal static class AuditJsonNames
    {
        public const string Format = "v";
        public const string Sequence = "seq";
        public const string Time = "time";
        public const string Kind = "kind";
        public const string RunId = "runId";
        public const string Operator = "operator";
        public const string User = "user";
        public const string Machine = "machine";
        public const string Contract = "contract";
        public const string Id = "id";
        public const string Version = "version";
        public const string Hash = "hash";
        public const string PlanHash = "planHash";
        public const string Action = "action";
        public const string ExternalId = "externalId";
        public const string Fields = "fields";
        public const string Mode = "mode";
        public const string Value = "value";
        public const string HttpStatus = "httpStatus";
        public const string Attempts = "attempts";
        public const string Outcome = "outcome";
        public const string Error = "error";
        public const string Reason = "reason";
        public const string Access = "access";
        public const string What = "what";
        public const string Count = "count";
        public const string Target = "target";
        public const string Removed = "removed";
        public const string File = "file";
        public const string Entries = "entries";
        public const string FirstSequence = "firstSeq";
        public const string LastSequence = "lastSeq";
        public const string LastHash = "lastHash";
        public const string PrevHash = "prevHash";

        public static string OfKind(AuditEntryKind kind) => kind switch
        {
            AuditEntryKind.RunStart => "runStart",
            AuditEntryKind.RunEnd => "runEnd",
            AuditEntryKind.ContractPublish => "contractPublish",
            _ => kind.ToString().ToLowerInvariant(),
        };

        public static AuditEntryKind? ParseKind(string? text)
        {
            foreach (AuditEntryKind kind in Enum.GetValues(typeof(AuditEntryKind)))
            {
                if (string.Equals(OfKind(kind), text, StringComparison.Ordinal))
                {
                    return kind;
                }
            }

            return null;
        }

        public static string OfMode(AuditPiiMode mode) => mode.ToString().ToLowerInvariant();

        public static AuditPiiMode? ParseMode(string? text) => text switch
        {
            "clear" => AuditPiiMode.Clear,
            "masked" => AuditPiiMode.Masked,
            "hashed" => AuditPiiMode.Hashed,
            _ => null,
        };
    }
}

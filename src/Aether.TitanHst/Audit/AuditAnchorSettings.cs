using System;
using System.IO;
using Aether.TitanHst.Errors;

namespace Aether.TitanHst.Audit
{
    /// <summary>
    /// Which anchor checkpoints go to: "none", "syslog", "eventlog" or "file:&lt;path&gt;", from the contract's audit
    /// section (<c>"anchor"</c>), the connector config, or AETHER_TITANHST_AUDIT_ANCHOR.
    /// </summary>
    public sealed class AuditAnchorSettings
    {
        /// <summary>The environment variable that names the anchor for every command (a scheduled task, CI).</summary>
        public const string Variable = "AETHER_TITANHST_AUDIT_ANCHOR";

        private AuditAnchorSettings(AuditAnchorKind kind, string? path)
        {
            Kind = kind;
            Path = path;
        }

        public static AuditAnchorSettings None { get; } = new(AuditAnchorKind.None, null);

        public AuditAnchorKind Kind { get; }

        /// <summary>The anchor file (File only), full path.</summary>
        public string? Path { get; }

        /// <summary>The anchor from AETHER_TITANHST_AUDIT_ANCHOR, or None.</summary>
        public static AuditAnchorSettings FromEnvironment() =>
            Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } text ? Parse(text, Variable) : None;

        /// <summary>Parses "none", "syslog", "eventlog" or "file:&lt;path&gt;"; <paramref name="where"/> names the setting in errors.</summary>
        public static AuditAnchorSettings Parse(string text, string where)
        {
            var t = text.Trim();
            if (t.StartsWith("file:", StringComparison.OrdinalIgnoreCase) && t.Length > 5)
            {
                return new AuditAnchorSettings(AuditAnchorKind.File, System.IO.Path.GetFullPath(t.Substring(5)));
            }

            switch (t.ToLowerInvariant())
            {
                case "none": return None;
                case "syslog": return new AuditAnchorSettings(AuditAnchorKind.Syslog, null);
                case "eventlog": return new AuditAnchorSettings(AuditAnchorKind.EventLog, null);
                default:
                    throw new InputFileException(AuditErrorIds.AuditAnchorInvalid, where, 0, "anchor",
                        "the audit anchor must be \"none\", \"syslog\", \"eventlog\" or \"file:<path>\"");
            }
        }

        /// <summary>Refuses an anchor file inside the audit folder: it would go when the folder goes.</summary>
        internal void RefuseInside(string folder)
        {
            if (Kind == AuditAnchorKind.File && Path!.StartsWith(System.IO.Path.GetFullPath(folder).TrimEnd(System.IO.Path.DirectorySeparatorChar) + System.IO.Path.DirectorySeparatorChar, StringComparison.OrdinalIgnoreCase))
            {
                throw new InputFileException(AuditErrorIds.AuditAnchorInvalid, Path, 0, "anchor",
                    "the anchor file is inside the audit folder it is meant to outlive; put it in another folder");
            }
        }

        public override string ToString() => Kind == AuditAnchorKind.File ? "file:" + Path : Kind.ToString().ToLowerInvariant();
    }
}

namespace Aether.TitanHst.Audit
{
    /// <summary>How a field's value is stored in the audit log.</summary>
    public enum AuditPiiMode
    {
        /// <summary>As given. For codes (roleCode, siteCode) and other non-personal fields.</summary>
        Clear,

        /// <summary>First character and "***" ("j***@d***.org" for an e-mail): readable by a person, not reversible.</summary>
        Masked,

        /// <summary>HMAC-SHA256 with the audit folder's key: equal values give equal hashes, so entries can be matched.</summary>
        Hashed,
    }
}

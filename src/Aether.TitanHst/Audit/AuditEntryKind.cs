namespace Aether.TitanHst.Audit
{
    /// <summary>What an audit entry records. Written to the log in camelCase ("runStart").</summary>
    public enum AuditEntryKind
    {
        /// <summary>A call the apply is about to make (action, external id, changed fields).</summary>
        Action,

        /// <summary>How a call ended: outcome, HTTP status, attempts, error.</summary>
        Outcome,

        /// <summary>TitanHST data was read or exported (diff, target read, snapshot export).</summary>
        Access,

        /// <summary>Old log files were removed by the retention policy; records what they held.</summary>
        Retention,

        RunStart,

        RunEnd,

        /// <summary>An operator overrode a safety stop (a blocked plan, deletes, role changes), with the reason.</summary>
        Override,

        /// <summary>A mapping contract version was published (Publish-MappingContract), with its hash and the reason given.</summary>
        ContractPublish,

        /// <summary>A plan was approved (Approve-TitanHstPlan), or an apply was refused for missing or invalid approvals; Outcome says which.</summary>
        Approval,
    }
}

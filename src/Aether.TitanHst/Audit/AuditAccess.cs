namespace Aether.TitanHst.Audit
{
    /// <summary>What an Access entry says was read: "diff", "target-read", "snapshot-export", "validate", how many records, from or to where.</summary>
    public sealed class AuditAccess
    {
        public const string Diff = "diff";
        public const string TargetRead = "target-read";
        public const string SnapshotExport = "snapshot-export";
        public const string PlanExport = "plan-export";
        public const string Validate = "validate";
        public const string ReportExport = "report-export";
        public const string ContractCompare = "contract-compare";

        public AuditAccess(string what, long count, string? target)
        {
            What = what;
            Count = count;
            Target = target;
        }

        public string What { get; }

        /// <summary>Records read or exported.</summary>
        public long Count { get; }

        /// <summary>A description of the source or destination (TitanHST base URI, snapshot file); never a credential.</summary>
        public string? Target { get; }

        public override string ToString() => $"{What} {Count}";
    }
}

namespace Aether.TitanHst.Approvals
{
    /// <summary>One stored approval and whether it counts for the plan, with the reason when it does not.</summary>
    public sealed class ApprovalCheck
    {
        internal ApprovalCheck(PlanApproval approval, bool counts, string? refusal)
        {
            Approval = approval;
            Counts = counts;
            Refusal = refusal;
        }

        public PlanApproval Approval { get; }

        public bool Counts { get; }

        /// <summary>Why the approval does not count (another plan's hash, the author's own, a signature that does not verify), or null.</summary>
        public string? Refusal { get; }

        public override string ToString() => Counts ? Approval.ToString() : $"{Approval.Identity}: not counted: {Refusal}";
    }
}

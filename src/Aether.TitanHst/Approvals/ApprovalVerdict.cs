using System.Collections.Generic;
using System.Linq;

namespace Aether.TitanHst.Approvals
{
    /// <summary>Whether a plan has the approvals its contract requires, and what each stored approval is worth.</summary>
    public sealed class ApprovalVerdict
    {
        internal ApprovalVerdict(int required, IReadOnlyList<ApprovalCheck> checks)
        {
            Required = required;
            Checks = checks;
        }

        public int Required { get; }

        public IReadOnlyList<ApprovalCheck> Checks { get; }

        /// <summary>Valid approvals by distinct identities.</summary>
        public int Valid => Checks.Where(c => c.Counts).Select(c => c.Approval.Identity).Distinct().Count();

        public bool Satisfied => Valid >= Required;

        public string Describe() => Required == 0
            ? "no approval is required"
            : $"{Valid} of {Required} required approval(s)" + (Checks.Any(c => !c.Counts)
                ? "; not counted: " + string.Join("; ", Checks.Where(c => !c.Counts).Select(c => $"{c.Approval.Identity} ({c.Refusal})"))
                : string.Empty);
    }
}

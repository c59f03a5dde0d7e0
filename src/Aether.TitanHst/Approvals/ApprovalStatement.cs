using System.Globalization;
using System.Text;

namespace Aether.TitanHst.Approvals
{
    /// <summary>
    /// The exact bytes an approval's MAC or signature covers: the plan's hash and id, who, when and why, one per
    /// line, with a fixed prefix so a signature made for anything else never verifies as an approval.
    /// </summary>
    internal static class ApprovalStatement
    {
        internal const string Header = "aether-titanhst plan approval v1";

        internal static byte[] Of(PlanApproval approval) => Encoding.UTF8.GetBytes(string.Join("\n",
            Header,
            "plan-hash: " + approval.PlanHash,
            "plan-id: " + approval.PlanId,
            "approver: " + approval.Approver,
            "approved-at: " + approval.ApprovedAt.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture),
            "method: " + approval.Method,
            "reason: " + approval.Reason));
    }
}

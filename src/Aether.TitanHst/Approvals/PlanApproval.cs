using System;

namespace Aether.TitanHst.Approvals
{
    /// <summary>
    /// One person's approval of one plan, bound to the plan's hash: an approval of another plan, or of this plan
    /// before an edit, never verifies. Stored beside the plan in <c>&lt;plan&gt;.approvals.json</c>.
    /// </summary>
    public sealed class PlanApproval
    {
        public string PlanId { get; set; } = string.Empty;

        /// <summary>The hash of the plan's content as approved ("sha256:…").</summary>
        public string PlanHash { get; set; } = string.Empty;

        /// <summary>The account that ran Approve-TitanHstPlan (user@machine).</summary>
        public string Approver { get; set; } = string.Empty;

        public DateTimeOffset ApprovedAt { get; set; }

        /// <summary>One line: why the approver agrees.</summary>
        public string Reason { get; set; } = string.Empty;

        /// <summary>
        /// InstallationKey or Certificate, as the approvals file stores it (text, so ConvertTo-Json writes the name);
        /// typed through <see cref="GetMethod"/>.
        /// </summary>
        public string Method { get; set; } = string.Empty;

        /// <summary>The method, or null when the file names none this version knows (the approval then never verifies).</summary>
        public ApprovalMethod? GetMethod() =>
            Enum.TryParse<ApprovalMethod>(Method, ignoreCase: false, out var method) && string.Equals(method.ToString(), Method, StringComparison.Ordinal)
                ? method
                : null;

        /// <summary>InstallationKey: the key's public id.</summary>
        public string? KeyId { get; set; }

        /// <summary>InstallationKey: HMAC-SHA256 of <see cref="ApprovalStatement"/> under the "approval" key.</summary>
        public string? Mac { get; set; }

        /// <summary>Certificate: the detached CMS signature over <see cref="ApprovalStatement"/>, base64 (holds the signer certificate).</summary>
        public string? Signature { get; set; }

        /// <summary>Certificate: the signer's subject, for people (verification reads it from the signature itself).</summary>
        public string? SignerSubject { get; set; }

        /// <summary>Certificate: the signer's SHA-1 thumbprint, for people and for the contract's trustedSigners.</summary>
        public string? SignerThumbprint { get; set; }

        /// <summary>The identity the approval speaks for: the certificate subject, else the account.</summary>
        public string Identity => GetMethod() == ApprovalMethod.Certificate && !string.IsNullOrEmpty(SignerSubject) ? SignerSubject! : Approver;

        public override string ToString() => $"{Identity} approved {PlanId} at {ApprovedAt:u} ({Method})";
    }
}

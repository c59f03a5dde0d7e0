using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using Aether.TitanHst.Security;

namespace Aether.TitanHst.Approvals
{
    /// <summary>
    /// Decides what each stored approval of a plan is worth. Approval files are untrusted input: an approval counts
    /// only when it names this plan's hash, verifies (the installation key's MAC, or a CMS signature whose signer
    /// the contract lists in trustedSigners), is not the author's own when the policy says so, and its
    /// certificate was valid when it signed.
    /// </summary>
    public static class ApprovalVerifier
    {
        public static ApprovalVerdict Verify(string planHash, string planAuthor, int required, ApprovalPolicy policy, IEnumerable<PlanApproval> approvals, InstallationKey key)
        {
            var checks = approvals.Select(a => Check(a, planHash, planAuthor, policy, key)).ToList();
            return new ApprovalVerdict(required, checks);
        }

        private static ApprovalCheck Check(PlanApproval approval, string planHash, string planAuthor, ApprovalPolicy policy, InstallationKey key)
        {
            string? refusal;
            if (!string.Equals(approval.PlanHash, planHash, StringComparison.Ordinal))
            {
                refusal = $"it approves plan content {Short(approval.PlanHash)}, not this plan's {Short(planHash)} (another plan, or this plan before an edit)";
            }
            else
            {
                refusal = approval.GetMethod() switch
                {
                    ApprovalMethod.InstallationKey => CheckMac(approval, key),
                    ApprovalMethod.Certificate => CheckSignature(approval, policy),
                    _ => "unknown approval method",
                };
            }

            if (refusal is null && policy.DistinctFromAuthor && IsAuthor(approval, planAuthor))
            {
                refusal = $"it is the plan author's own ({planAuthor}); the contract requires approval by someone else";
            }

            return new ApprovalCheck(approval, refusal is null, refusal);
        }

        private static string? CheckMac(PlanApproval approval, InstallationKey key)
        {
            if (approval.KeyId != key.KeyId)
            {
                return $"it was made under another installation key ({approval.KeyId ?? "none"})";
            }

            return key.Verify(ApprovalSigner.MacPurpose, ApprovalStatement.Of(approval), approval.Mac) ? null : "its MAC does not verify (the approval was edited or forged)";
        }

        private static string? CheckSignature(PlanApproval approval, ApprovalPolicy policy)
        {
            if (string.IsNullOrEmpty(approval.Signature))
            {
                return "it has no signature";
            }

            try
            {
                var cms = new SignedCms(new ContentInfo(ApprovalStatement.Of(approval)), detached: true);
                cms.Decode(Convert.FromBase64String(approval.Signature));
                if (cms.SignerInfos.Count != 1 || cms.SignerInfos[0].Certificate is null)
                {
                    return "the signature does not carry exactly one signer certificate";
                }

                // The signature is checked over the statement rebuilt from the approval's fields: any edited field fails here.
                cms.CheckSignature(verifySignatureOnly: true);
                var signer = cms.SignerInfos[0].Certificate!;
                if (approval.ApprovedAt < signer.NotBefore.ToUniversalTime() || approval.ApprovedAt > signer.NotAfter.ToUniversalTime())
                {
                    return $"the signer certificate was not valid when it signed ({signer.NotBefore:u} to {signer.NotAfter:u})";
                }

                // Both exactly as the signer wrote them (the certificate's own text, upper-case hex on every runtime):
                // a case-blind compare would let the stated thumbprint's letters change unnoticed.
                if (!string.Equals(signer.Subject, approval.SignerSubject, StringComparison.Ordinal)
                    || !string.Equals(signer.Thumbprint, approval.SignerThumbprint, StringComparison.Ordinal))
                {
                    return "the signer named in the approval is not the one who signed it";
                }

                // Anyone can make a certificate with any subject: a signature says who signed only when the contract
                // names the certificate. With no trustedSigners, no certificate approval counts (the installation key's do).
                if (policy.TrustedSigners.Count == 0)
                {
                    return $"the contract lists no safety.approvals.trustedSigners, so a certificate proves nothing about who signed; add the signer's thumbprint ({signer.Thumbprint}) there, or approve without -Certificate";
                }

                if (!policy.TrustedSigners.Contains(signer.Thumbprint.ToUpperInvariant()))
                {
                    return $"the signer {signer.Subject} ({signer.Thumbprint}) is not in the contract's safety.approvals.trustedSigners";
                }

                return null;
            }
            catch (Exception ex) when (ex is CryptographicException or FormatException)
            {
                return "its signature does not verify (" + ex.Message.Trim() + ")";
            }
        }

        private static bool IsAuthor(PlanApproval approval, string planAuthor) =>
            string.Equals(approval.Approver, planAuthor, StringComparison.OrdinalIgnoreCase)
            || string.Equals(approval.SignerSubject, planAuthor, StringComparison.OrdinalIgnoreCase);

        private static string Short(string hash) => hash.Length > 19 ? hash.Substring(0, 19) : hash;
    }
}

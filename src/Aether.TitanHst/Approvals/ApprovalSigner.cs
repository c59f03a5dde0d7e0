using System;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using Aether.TitanHst.Security;

namespace Aether.TitanHst.Approvals
{
    /// <summary>Makes approvals: with a certificate (a detached CMS signature) or with the installation key (a MAC).</summary>
    public static class ApprovalSigner
    {
        /// <summary>The installation key purpose approval MACs are made under.</summary>
        public const string MacPurpose = "approval";

        public static PlanApproval WithInstallationKey(string planId, string planHash, string approver, string reason, InstallationKey key)
        {
            var approval = New(planId, planHash, approver, reason, ApprovalMethod.InstallationKey);
            approval.KeyId = key.KeyId;
            approval.Mac = key.Mac(MacPurpose, ApprovalStatement.Of(approval));
            return approval;
        }

        /// <summary>Signs the approval statement with <paramref name="certificate"/>, a certificate with its private key (Cert:\CurrentUser\My or a PFX).</summary>
        public static PlanApproval WithCertificate(string planId, string planHash, string approver, string reason, X509Certificate2 certificate)
        {
            if (!certificate.HasPrivateKey)
            {
                throw new ArgumentException($"The certificate '{certificate.Subject}' has no private key here, so it cannot sign; use the certificate from the approver's own store or PFX.", nameof(certificate));
            }

            var approval = New(planId, planHash, approver, reason, ApprovalMethod.Certificate);
            approval.SignerSubject = certificate.Subject;
            approval.SignerThumbprint = certificate.Thumbprint;
            var cms = new SignedCms(new ContentInfo(ApprovalStatement.Of(approval)), detached: true);
            cms.ComputeSignature(new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, certificate) { IncludeOption = X509IncludeOption.EndCertOnly });
            approval.Signature = Convert.ToBase64String(cms.Encode());
            return approval;
        }

        private static PlanApproval New(string planId, string planHash, string approver, string reason, ApprovalMethod method) => new()
        {
            PlanId = planId,
            PlanHash = planHash,
            Approver = approver,
            ApprovedAt = DateTimeOffset.UtcNow,
            Reason = reason,
            Method = method.ToString(),
        };
    }
}

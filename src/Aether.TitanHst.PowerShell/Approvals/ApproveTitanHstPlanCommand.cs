using System;
using System.Management.Automation;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Aether.TitanHst.Approvals;
using Aether.TitanHst.Audit;
using Aether.TitanHst.Errors;
using Aether.TitanHst.Plan;
using Aether.TitanHst.PowerShell.Audit;
using Aether.TitanHst.PowerShell.Internal;
using Aether.TitanHst.Security;

namespace Aether.TitanHst.PowerShell.Approvals
{
    /// <summary>
    /// <para type="synopsis">Records your approval of a saved plan, bound to the plan's hash, signed with your certificate or this installation's key.</para>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Approve, "TitanHstPlan", SupportsShouldProcess = true)]
    [OutputType(typeof(PlanApproval))]
    public sealed class ApproveTitanHstPlanCommand : PSCmdlet
    {
        internal const string ApprovalCertificateUnusable = nameof(ApprovalCertificateUnusable);
        internal const string ApprovalReasonInvalid = nameof(ApprovalReasonInvalid);
        private static readonly char[] LineBreaks = { '\r', '\n' };

        /// <summary>The plan file from Export-TitanHstPlan.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName", "PSPath")]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = null!;

        /// <summary>One line: why you approve (what you checked).</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        public string Reason { get; set; } = null!;

        /// <summary>Signs the approval with this certificate (it must have its private key): a detached CMS signature anyone can verify.</summary>
        [Parameter]
        [ValidateNotNull]
        public X509Certificate2? Certificate { get; set; }

        /// <summary>Verifies the plan, then writes the approval beside it and to the audit log.</summary>
        protected override void ProcessRecord()
        {
            var reason = Reason.Trim();
            if (reason.IndexOfAny(LineBreaks) >= 0)
            {
                ThrowTerminatingError(ErrorRecords.Argument(ApprovalReasonInvalid, "-Reason must be one line: say what you checked.", Reason));
            }

            var path = PathResolver.Resolve(this, Path);
            SavedPlan plan;
            try
            {
                plan = PlanReader.Read(path);
            }
            catch (InputFileException ex)
            {
                ThrowTerminatingError(ErrorRecords.FromInputFile(ex));
                return;
            }

            var approver = OperatorName.Current;
            if (string.Equals(approver, plan.Operator, StringComparison.OrdinalIgnoreCase))
            {
                WriteWarning($"You ({approver}) exported this plan. A contract whose safety.approvals requires someone other than the author will not count this approval.");
            }

            if (Certificate is not null)
            {
                // The plan does not carry the contract's trusted signers; say the rule here rather than let the apply refuse it later.
                WriteWarning($"A certificate approval counts only where the contract lists the certificate's thumbprint ({Certificate.Thumbprint}) in safety.approvals.trustedSigners.");
            }

            var method = Certificate is null ? "this installation's key" : $"certificate {Certificate.Subject} ({Certificate.Thumbprint})";
            if (!ShouldProcess(path, $"Approve plan {plan.PlanId} ({plan.ChangeCount} changes, {plan.Hash}) with {method}"))
            {
                return;
            }

            PlanApproval approval;
            try
            {
                if (Certificate is null)
                {
                    using var key = InstallationKey.LoadOrCreate();
                    approval = ApprovalSigner.WithInstallationKey(plan.PlanId, plan.Hash, approver, reason, key);
                }
                else
                {
                    approval = ApprovalSigner.WithCertificate(plan.PlanId, plan.Hash, approver, reason, Certificate);
                }
            }
            catch (Exception ex) when (ex is ArgumentException or CryptographicException)
            {
                ThrowTerminatingError(new ErrorRecord(ex, ApprovalCertificateUnusable, ErrorCategory.InvalidArgument, Certificate)
                {
                    ErrorDetails = new ErrorDetails($"The approval could not be signed: {ex.Message}")
                    {
                        RecommendedAction = "Use a certificate with its private key (from Cert:\\CurrentUser\\My on Windows, or Get-PfxCertificate / X509CertificateLoader from a PFX), or approve without -Certificate.",
                    },
                });
                return;
            }
            catch (InputFileException ex)
            {
                ThrowTerminatingError(ErrorRecords.FromInputFile(ex));
                return;
            }

            // The audit entry first: an approval that cannot be accounted for is not recorded.
            AuditApproval.Record(this, plan, "approved", $"{approval.Identity} ({approval.Method}): {reason}");
            ApprovalStore.Append(path, approval);
            WriteObject(approval);
        }
    }
}

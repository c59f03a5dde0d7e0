using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Aether.TitanHst.Apply;
using Aether.TitanHst.Approvals;
using Aether.TitanHst.Errors;
using Aether.TitanHst.Plan;
using Aether.TitanHst.Tests.BadInput;
using CsCheck;

namespace Aether.TitanHst.Tests.Approvals
{
    /// <summary>
    /// Any edit of a plan's approvals file (one approval, by installation key or by certificate) read back as
    /// Invoke-TitanHstApply does (store, verifier, gate) ends in the plan going through, ApprovalRequired, or
    /// ApprovalFileInvalid naming the file and a line: never another exception. And the plan goes through only on an
    /// approval whose signed statement (plan hash and id, approver, time, method, reason) is still the one signed.
    /// </summary>
    public sealed class ApprovalFilePropertyTests
    {
        [Theory]
        [InlineData("installationKey")]
        [InlineData("certificate")]
        public void Any_edit_of_an_approvals_file_counts_only_the_signed_statement_and_throws_only_input_errors(string method)
        {
            // A certificate approval counts only when the contract lists its signer.
            using var certificate = method == "certificate" ? Certificate("CN=Bob Approver") : null;
            var trusted = certificate is null ? string.Empty : $", \"trustedSigners\": [\"{certificate.Thumbprint}\"]";
            using var fx = ApprovalGateTests.Fixture(out var contract, "\"approvals\": { \"required\": 1" + trusted + " }");
            var plan = PlanWriter.Write(fx.PlanPath, ApprovalGateTests.Diff(contract).Changes, "alice@host", fx.Key);
            var approval = certificate is null
                ? ApprovalSigner.WithInstallationKey(plan.PlanId, plan.Hash, "bob@host", "checked", fx.Key)
                : ApprovalSigner.WithCertificate(plan.PlanId, plan.Hash, "bob@host", "checked", certificate);
            var file = ApprovalStore.Append(fx.PlanPath, approval);
            var original = File.ReadAllBytes(file);
            var statement = ApprovalStatement.Of(approval);
            Assert.Null(Outcome(fx, contract, plan, statement, approval.Identity));

            var (tried, refused) = FileEdit.SampleEdits(FileEdit.OfJson(original.Length), file, original, iter: 1500, "reading, verifying or the gate", (edit, edited) =>
            {
                var outcome = Outcome(fx, contract, plan, statement, approval.Identity);
                Assert.True(outcome is null or ApplyErrorIds.ApprovalRequired or InputErrorIds.ApprovalFileInvalid, $"{outcome} for {edit.Describe(edited)}");
                return outcome is not null;
            });

            Assert.True(refused > tried / 3, $"only {refused} of {tried} edits were refused");
        }

        /// <summary>Null when the plan may be applied (checked to rest on the statement signed), else the error id.</summary>
        private static string? Outcome(Tests.Apply.ApplyFixture fx, TitanHst.Contract.MappingContract contract, SavedPlan plan, byte[] statement, string identity)
        {
            try
            {
                var approvals = ApprovalStore.Read(plan.Path);
                var verdict = ApprovalVerifier.Verify(plan.Hash, plan.Operator, 1, contract.Policies.Safety.Approvals, approvals, fx.Key);
                _ = verdict.Describe();
                ApplyGate.Check(plan.Changes, ApprovalGateTests.Options(fx, contract, verdict));
                foreach (var counted in verdict.Checks.Where(c => c.Counts))
                {
                    Assert.True(ApprovalStatement.Of(counted.Approval).AsSpan().SequenceEqual(statement),
                        $"an approval counted with another statement: {System.Text.Encoding.UTF8.GetString(ApprovalStatement.Of(counted.Approval))}");
                    Assert.Equal(identity, counted.Approval.Identity);
                }

                return null;
            }
            catch (InputFileException ex)
            {
                Assert.True(ex.Line > 0 && ex.File == ApprovalStore.PathFor(plan.Path), $"refused without the file and a line: {ex.Message}");
                return ex.ErrorId;
            }
            catch (ApplyRefusedException ex)
            {
                return ex.ErrorId;
            }
        }

        private static X509Certificate2 Certificate(string subject)
        {
            using var rsa = RSA.Create(2048);
            var request = new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
            return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx, "t"), "t", X509KeyStorageFlags.Exportable);
        }
    }
}

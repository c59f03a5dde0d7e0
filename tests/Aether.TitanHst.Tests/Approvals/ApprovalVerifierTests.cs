using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Aether.TitanHst.Approvals;
using Aether.TitanHst.Security;

namespace Aether.TitanHst.Tests.Approvals
{
    /// <summary>What an approval is worth: bound to the plan hash, authenticated, never the author's own.</summary>
    public sealed class ApprovalVerifierTests : IDisposable
    {
        private const string PlanHash = "sha256:1111111111111111111111111111111111111111111111111111111111111111";
        private const string OtherHash = "sha256:2222222222222222222222222222222222222222222222222222222222222222";
        private const string Author = "alice@host";
        private static readonly ApprovalPolicy OneApproval = new(1, distinctFromAuthor: true, onlyWhenRisky: false, Array.Empty<string>());

        private readonly string _keys = Path.Combine(Path.GetTempPath(), "titanhst-tests", Guid.NewGuid().ToString("N"));
        private readonly InstallationKey _key;

        public ApprovalVerifierTests() => _key = InstallationKey.LoadOrCreate(_keys);

        public void Dispose()
        {
            _key.Dispose();
            Directory.Delete(_keys, recursive: true);
        }

        [Fact]
        public void An_approval_by_someone_else_with_the_installation_key_counts()
        {
            var approval = ApprovalSigner.WithInstallationKey("plan-1", PlanHash, "bob@host", "checked the role changes", _key);
            var verdict = ApprovalVerifier.Verify(PlanHash, Author, 1, OneApproval, new[] { approval }, _key);
            Assert.True(verdict.Satisfied);
            Assert.Equal(1, verdict.Valid);
        }

        [Fact]
        public void The_authors_own_approval_is_refused()
        {
            var approval = ApprovalSigner.WithInstallationKey("plan-1", PlanHash, Author, "me", _key);
            var verdict = ApprovalVerifier.Verify(PlanHash, Author, 1, OneApproval, new[] { approval }, _key);
            Assert.False(verdict.Satisfied);
            Assert.Contains("author's own", Assert.Single(verdict.Checks).Refusal, StringComparison.Ordinal);
        }

        [Fact]
        public void An_approval_of_another_plan_or_of_this_plan_before_an_edit_is_refused()
        {
            var approval = ApprovalSigner.WithInstallationKey("plan-1", OtherHash, "bob@host", "ok", _key);
            var verdict = ApprovalVerifier.Verify(PlanHash, Author, 1, OneApproval, new[] { approval }, _key);
            Assert.False(verdict.Satisfied);
            Assert.Contains("not this plan's", Assert.Single(verdict.Checks).Refusal, StringComparison.Ordinal);
        }

        [Fact]
        public void An_edited_approval_no_longer_verifies()
        {
            var approval = ApprovalSigner.WithInstallationKey("plan-1", PlanHash, "bob@host", "ok", _key);
            approval.Approver = "carol@host";
            var verdict = ApprovalVerifier.Verify(PlanHash, Author, 1, OneApproval, new[] { approval }, _key);
            Assert.Contains("MAC does not verify", Assert.Single(verdict.Checks).Refusal, StringComparison.Ordinal);
        }

        [Fact]
        public void An_approval_made_under_another_installation_key_is_refused()
        {
            var otherFolder = Path.Combine(_keys, "other");
            using var other = InstallationKey.LoadOrCreate(otherFolder);
            var approval = ApprovalSigner.WithInstallationKey("plan-1", PlanHash, "bob@host", "ok", other);
            var verdict = ApprovalVerifier.Verify(PlanHash, Author, 1, OneApproval, new[] { approval }, _key);
            Assert.Contains("another installation key", Assert.Single(verdict.Checks).Refusal, StringComparison.Ordinal);
        }

        [Fact]
        public void A_certificate_signature_over_this_plan_counts_and_one_over_another_plan_does_not()
        {
            using var bob = Certificate("CN=Bob Approver");
            var trustingBob = Trusting(bob);
            var good = ApprovalSigner.WithCertificate("plan-1", PlanHash, "bob@host", "ok", bob);
            Assert.True(ApprovalVerifier.Verify(PlanHash, Author, 1, trustingBob, new[] { good }, _key).Satisfied);

            // The signature was made over another plan's hash; relabelling the approval does not help.
            var other = ApprovalSigner.WithCertificate("plan-2", OtherHash, "bob@host", "ok", bob);
            other.PlanHash = PlanHash;
            other.PlanId = "plan-1";
            var check = Assert.Single(ApprovalVerifier.Verify(PlanHash, Author, 1, trustingBob, new[] { other }, _key).Checks);
            Assert.False(check.Counts);
            Assert.Contains("signature does not verify", check.Refusal, StringComparison.Ordinal);
        }

        [Fact]
        public void A_certificate_approval_counts_only_when_the_contract_names_its_signer()
        {
            // A self-signed certificate made on the spot for any name signs as well as a real one: with no
            // trustedSigners, a signature cannot say who approved, so it must not stand in for a second person.
            using var madeUp = Certificate("CN=Principal Skinner");
            var approval = ApprovalSigner.WithCertificate("plan-1", PlanHash, "skinner@district-office", "ok", madeUp);
            var verdict = ApprovalVerifier.Verify(PlanHash, Author, 1, OneApproval, new[] { approval }, _key);
            Assert.False(verdict.Satisfied);
            Assert.Contains("lists no safety.approvals.trustedSigners", Assert.Single(verdict.Checks).Refusal, StringComparison.Ordinal);
            Assert.True(ApprovalVerifier.Verify(PlanHash, Author, 1, Trusting(madeUp), new[] { approval }, _key).Satisfied);
        }

        [Fact]
        public void A_signed_approval_whose_stated_signer_was_edited_is_refused_even_in_letter_case_only()
        {
            using var bob = Certificate("CN=Bob Approver");
            using var carol = Certificate("CN=Carol Approver");
            var trusting = new ApprovalPolicy(1, distinctFromAuthor: true, onlyWhenRisky: false, new[] { bob.Thumbprint, carol.Thumbprint });
            var asSigned = ApprovalSigner.WithCertificate("plan-1", PlanHash, "bob@host", "ok", bob);
            Assert.True(ApprovalVerifier.Verify(PlanHash, Author, 1, trusting, new[] { asSigned }, _key).Satisfied);

            // The stated thumbprint sits outside the signed statement: only the compare with the signer's own keeps it as written.
            var lowered = ApprovalSigner.WithCertificate("plan-1", PlanHash, "bob@host", "ok", bob);
            Assert.Matches("[A-F]", lowered.SignerThumbprint);
            lowered.SignerThumbprint = lowered.SignerThumbprint!.ToLowerInvariant();
            var renamed = ApprovalSigner.WithCertificate("plan-1", PlanHash, "bob@host", "ok", bob);
            renamed.SignerThumbprint = carol.Thumbprint;
            renamed.SignerSubject = carol.Subject;
            foreach (var edited in new[] { lowered, renamed })
            {
                var check = Assert.Single(ApprovalVerifier.Verify(PlanHash, Author, 1, trusting, new[] { edited }, _key).Checks);
                Assert.False(check.Counts);
                Assert.Contains("not the one who signed it", check.Refusal, StringComparison.Ordinal);
            }
        }

        [Fact]
        public void A_signer_outside_the_contracts_trusted_signers_is_refused()
        {
            using var bob = Certificate("CN=Bob Approver");
            using var carol = Certificate("CN=Carol Approver");
            var policy = new ApprovalPolicy(1, true, false, new[] { carol.Thumbprint });
            var approval = ApprovalSigner.WithCertificate("plan-1", PlanHash, "bob@host", "ok", bob);
            var check = Assert.Single(ApprovalVerifier.Verify(PlanHash, Author, 1, policy, new[] { approval }, _key).Checks);
            Assert.Contains("trustedSigners", check.Refusal, StringComparison.Ordinal);

            var byCarol = ApprovalSigner.WithCertificate("plan-1", PlanHash, "carol@host", "ok", carol);
            Assert.True(ApprovalVerifier.Verify(PlanHash, Author, 1, policy, new[] { byCarol }, _key).Satisfied);
        }

        [Fact]
        public void Two_approvals_by_one_person_count_once()
        {
            var first = ApprovalSigner.WithInstallationKey("plan-1", PlanHash, "bob@host", "ok", _key);
            var second = ApprovalSigner.WithInstallationKey("plan-1", PlanHash, "bob@host", "ok again", _key);
            var verdict = ApprovalVerifier.Verify(PlanHash, Author, 2, new ApprovalPolicy(2, true, false, Array.Empty<string>()), new[] { first, second }, _key);
            Assert.Equal(1, verdict.Valid);
            Assert.False(verdict.Satisfied);
            Assert.StartsWith("1 of 2 required", verdict.Describe(), StringComparison.Ordinal);
        }

        [Fact]
        public void Only_risky_plans_need_approvals_when_the_policy_says_so()
        {
            var policy = new ApprovalPolicy(1, true, onlyWhenRisky: true, Array.Empty<string>());
            Assert.Equal(0, policy.RequiredFor(Enumerable.Empty<TitanHst.Diff.StaffChange>()));
            Assert.Equal(0, ApprovalPolicy.None.RequiredFor(Enumerable.Empty<TitanHst.Diff.StaffChange>()));
        }

        [Fact]
        public void The_store_round_trips_and_refuses_a_malformed_file_naming_it()
        {
            var plan = Path.Combine(_keys, "plan.json");
            var approval = ApprovalSigner.WithInstallationKey("plan-1", PlanHash, "bob@host", "ok", _key);
            ApprovalStore.Append(plan, approval);
            var read = Assert.Single(ApprovalStore.Read(plan));
            Assert.True(ApprovalVerifier.Verify(PlanHash, Author, 1, OneApproval, new[] { read }, _key).Satisfied);

            File.WriteAllText(ApprovalStore.PathFor(plan), "[ null ]");
            var error = Assert.Throws<Errors.InputFileException>(() => ApprovalStore.Read(plan));
            Assert.Equal(Errors.InputErrorIds.ApprovalFileInvalid, error.ErrorId);
            Assert.Equal(ApprovalStore.PathFor(plan), error.File);
        }

        // A policy of one approval by someone other than the author that names this certificate in trustedSigners.
        private static ApprovalPolicy Trusting(X509Certificate2 signer) => new(1, distinctFromAuthor: true, onlyWhenRisky: false, new[] { signer.Thumbprint });

        private static X509Certificate2 Certificate(string subject)
        {
            using var rsa = RSA.Create(2048);
            var request = new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
            // A copy with an exportable private key that outlives the RSA object above.
            return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx, "t"), "t", X509KeyStorageFlags.Exportable);
        }
    }
}

using System;
using System.IO;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Aether.TitanHst.Apply;
using Aether.TitanHst.Approvals;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Errors;
using Aether.TitanHst.Plan;
using Aether.TitanHst.Tests.Apply;
using Aether.TitanHst.Tests.Approvals;

namespace Aether.TitanHst.Tests.BadInput.Handlers
{
    /// <summary>
    /// "approval": a plan whose contract requires one approval, approved by someone else as case.json says, whose
    /// approvals file is then attacked; reading it, verifying it and the apply gate (as Invoke-TitanHstApply does)
    /// must end in the expected error id. The approval is first checked to count before the attack, so a case
    /// cannot pass because its approval never counted.
    /// </summary>
    /// <remarks>
    /// Members: "method": "certificate" (a self-signed certificate's CMS signature) or "installationKey" (default);
    /// "thumbprintCase": "lower" (the stated signer thumbprint's hex letters lower-cased);
    /// "fileEdit" { "find", "replace" } on the approvals file's text;
    /// "valueEdit" { "member", "json" }: that member's value (whatever it is) replaced with the JSON text given;
    /// "trustedSigners": "none": the attack is the contract's default, no trustedSigners (a certificate approval is
    /// first checked to count with its certificate listed, as every certificate case's contract lists it).
    /// </remarks>
    public sealed class ApprovalHandler : IBadInputHandler
    {
        public string Kind => "approval";

        public void Run(BadInputCase badCase)
        {
            var d = badCase.Definition;
            using var certificate = badCase.Member("method") == "certificate" ? Certificate("CN=Bob Approver") : null;
            var trusted = certificate is null ? string.Empty : $", \"trustedSigners\": [\"{certificate.Thumbprint}\"]";
            using var fx = ApprovalGateTests.Fixture(out var contract, "\"approvals\": { \"required\": 1" + trusted + " }");
            var plan = PlanWriter.Write(fx.PlanPath, ApprovalGateTests.Diff(contract).Changes, "alice@host", fx.Key);
            var approval = certificate is null
                ? ApprovalSigner.WithInstallationKey(plan.PlanId, plan.Hash, "bob@host", "checked", fx.Key)
                : ApprovalSigner.WithCertificate(plan.PlanId, plan.Hash, "bob@host", "checked", certificate);
            var file = ApprovalStore.Append(fx.PlanPath, approval);
            var policy = contract.Policies.Safety.Approvals;
            Assert.Null(Outcome(fx, contract, policy, plan));

            if (badCase.Member("trustedSigners") == "none")
            {
                policy = new ApprovalPolicy(policy.Required, policy.DistinctFromAuthor, policy.OnlyWhenRisky, Array.Empty<string>());
            }
            else
            {
                Attack(d, file);
            }

            var errorId = Outcome(fx, contract, policy, plan);
            Assert.True(errorId == badCase.ExpectedErrorId, $"{badCase.Name}: expected {badCase.ExpectedErrorId}, got {errorId ?? "no error (the approval counted)"}");
        }

        /// <summary>What reading, verifying and the gate say of the plan's approvals file: an error id, or null when the plan may be applied.</summary>
        private static string? Outcome(ApplyFixture fx, MappingContract contract, ApprovalPolicy policy, SavedPlan plan)
        {
            try
            {
                var verdict = ApprovalVerifier.Verify(plan.Hash, plan.Operator, 1, policy, ApprovalStore.Read(plan.Path), fx.Key);
                ApplyGate.Check(plan.Changes, ApprovalGateTests.Options(fx, contract, verdict));
                return null;
            }
            catch (InputFileException ex)
            {
                return ex.ErrorId;
            }
            catch (ApplyRefusedException ex)
            {
                return ex.ErrorId;
            }
        }

        private static void Attack(JsonElement d, string file)
        {
            var text = File.ReadAllText(file);
            var edited = text;
            if (d.TryGetProperty("thumbprintCase", out var letterCase) && letterCase.GetString() == "lower")
            {
                edited = Regex.Replace(edited, "\"signerThumbprint\": \"([0-9A-F]+)\"", m => $"\"signerThumbprint\": \"{m.Groups[1].Value.ToLowerInvariant()}\"");
            }

            if (d.TryGetProperty("fileEdit", out var fileEdit))
            {
                edited = edited.Replace(fileEdit.GetProperty("find").GetString()!, fileEdit.GetProperty("replace").GetString()!, StringComparison.Ordinal);
            }

            if (d.TryGetProperty("valueEdit", out var valueEdit))
            {
                var member = Regex.Escape(valueEdit.GetProperty("member").GetString()!);
                var json = valueEdit.GetProperty("json").GetString()!;
                edited = Regex.Replace(edited, $"(\"{member}\": )(\"(?:[^\"\\\\]|\\\\.)*\"|[^,\\r\\n}}]*)", m => m.Groups[1].Value + json);
            }

            Assert.NotEqual(text, edited);
            File.WriteAllText(file, edited, new UTF8Encoding(false));
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

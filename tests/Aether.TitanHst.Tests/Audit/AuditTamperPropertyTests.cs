using System;
using System.IO;
using System.Linq;
using System.Text;
using Aether.TitanHst.Audit;
using Aether.TitanHst.Tests.BadInput;
using CsCheck;

namespace Aether.TitanHst.Tests.Audit
{
    /// <summary>
    /// Any edit of an audit file, by someone who can write the folder but not read the key, is reported by
    /// Test-TitanHstAuditLog's verification: never verified, never a runtime exception in place of a finding.
    /// The edits are what a hand or a tool makes (<see cref="FileEdit.OfJson"/>): a byte overwritten, a piece of JSON
    /// inserted (punctuation, literals, escapes, escaped lone surrogates, characters beyond ASCII, bytes that are not
    /// UTF-8), a few bytes cut, a member's value replaced by one of another kind.
    /// </summary>
    public sealed class AuditTamperPropertyTests
    {
        [Fact]
        public void Any_edit_of_an_audit_file_is_reported_never_verified_and_never_thrown()
        {
            using var log = new AuditTestLog();
            log.TwoRuns();
            var file = AuditFolder.ListFiles(log.Folder).Single();
            var original = File.ReadAllBytes(file);
            Assert.True(log.Verify().Passed);

            FileEdit.OfJson(original.Length).Sample(edit =>
            {
                var edited = edit.ApplyTo(original);
                // The same bytes, or only the file's last newline gone: every entry is whole and unchanged (by design).
                if (edited.AsSpan().SequenceEqual(original) || edited.AsSpan().SequenceEqual(original.AsSpan(0, original.Length - 1)))
                {
                    return;
                }

                File.WriteAllBytes(file, edited);
                AuditVerificationResult result;
                try
                {
                    result = log.Verify();
                }
                catch (Exception e) when (e is not Xunit.Sdk.XunitException)
                {
                    throw new Xunit.Sdk.XunitException($"verification threw {e.GetType().Name} ({e.Message}) for {edit.Describe(edited)}");
                }
                finally
                {
                    File.WriteAllBytes(file, original);
                }

                Assert.False(result.Passed, $"the log verified after {edit.Describe(edited)}");
            }, iter: 1500, threads: 1);
        }
    }
}

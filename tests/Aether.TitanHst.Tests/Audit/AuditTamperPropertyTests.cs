using System;
using System.IO;
using System.Linq;
using System.Text;
using Aether.TitanHst.Audit;
using CsCheck;

namespace Aether.TitanHst.Tests.Audit
{
    /// <summary>
    /// Any edit of an audit file, by someone who can write the folder but not read the key, is reported by
    /// Test-TitanHstAuditLog's verification: never verified, never a runtime exception in place of a finding.
    /// The edits are what a hand or a tool makes: a byte overwritten, a piece of JSON inserted (punctuation, literals,
    /// escapes, escaped lone surrogates, characters beyond ASCII, bytes that are not UTF-8), a few bytes cut.
    /// </summary>
    public sealed class AuditTamperPropertyTests
    {
        private static readonly byte[][] Pieces = new[]
        {
            " ", "\t", ",", ":", "\"", "\\", "{", "}", "[", "]", "null", "true", "0", "-", "1e9", "\\u0000", "\\ud800", "\\udc00",
            "\\u0041", "\"x\":1,", "\"outcome\":\"Succeeded\",", "é", "\u202e", "\r",
        }.Select(Encoding.UTF8.GetBytes).Concat(new[] { new byte[] { 0xC3 }, new byte[] { 0xFF }, new byte[] { 0xED, 0xA0, 0x80 }, new byte[] { 0x00 } }).ToArray();

        [Fact]
        public void Any_edit_of_an_audit_file_is_reported_never_verified_and_never_thrown()
        {
            using var log = new AuditTestLog();
            log.TwoRuns();
            var file = AuditFolder.ListFiles(log.Folder).Single();
            var original = File.ReadAllBytes(file);
            Assert.True(log.Verify().Passed);

            // The edit: where (a fraction of the file), what (overwrite with a piece's first byte, insert a piece, cut 1-4 bytes), which piece.
            Gen.Select(Gen.Double[0, 1], Gen.Int[0, 2], Gen.Int[0, Pieces.Length - 1], Gen.Int[1, 4]).Sample(t =>
            {
                var at = Math.Min((int)(t.Item1 * original.Length), original.Length - 1);
                var piece = Pieces[t.Item3];
                var cut = Math.Min(t.Item4, original.Length - at);
                byte[] edited = t.Item2 switch
                {
                    0 => [.. original.AsSpan(0, at), piece[0], .. original.AsSpan(at + 1)],
                    1 => [.. original.AsSpan(0, at), .. piece, .. original.AsSpan(at)],
                    _ => [.. original.AsSpan(0, at), .. original.AsSpan(at + cut)],
                };
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
                    throw new Xunit.Sdk.XunitException($"verification threw {e.GetType().Name} ({e.Message}) for an edit at byte {at}: {Around(edited, at)}");
                }
                finally
                {
                    File.WriteAllBytes(file, original);
                }

                Assert.False(result.Passed, $"an edit at byte {at} verified: {Around(edited, at)}");
            }, iter: 1500, threads: 1);
        }

        private static string Around(byte[] bytes, int at)
        {
            var from = Math.Max(0, at - 30);
            return string.Concat(bytes.Skip(from).Take(60).Select(b => b is < 0x20 or > 0x7E ? $"\\x{b:x2}" : ((char)b).ToString()));
        }
    }
}

using System;
using System.IO;
using System.Linq;
using Aether.TitanHst.Audit;

namespace Aether.TitanHst.Tests.Audit
{
    /// <summary>
    /// tests/fixtures/audit is a log written before the keyed chain (format 1, plain SHA-256), now frozen: the writer
    /// no longer produces that format, and existing logs like it must keep reading and verifying, under the weaker
    /// "unkeyed legacy" guarantee (docs/decisions/0013). The Pester suite reads, tampers with and prunes copies of it.
    /// </summary>
    public sealed class AuditFixtureTests
    {
        [Fact]
        public void The_committed_legacy_fixture_verifies_as_unkeyed_legacy_even_without_an_installation_key()
        {
            var noKey = Path.Combine(Path.GetTempPath(), "titanhst-tests", "no-key-" + Guid.NewGuid().ToString("N"));
            var result = AuditLogVerifier.Verify(Path.Combine(AppContext.BaseDirectory, "fixtures", "audit"), noKey, AuditAnchorSettings.None);

            Assert.True(result.Passed, result.FirstBadEntry?.ToString());
            Assert.Equal(12, result.EntriesChecked);
            Assert.StartsWith("Unkeyed legacy", result.Checks.Single(c => c.Check == AuditCheckResult.Entries).Guarantee);
            Assert.All(AuditLogQuery.Read(Path.Combine(AppContext.BaseDirectory, "fixtures", "audit")), e => Assert.Equal(1, e.Format));
        }
    }
}

using System;
using System.IO;
using Aether.TitanHst.Apply;
using Aether.TitanHst.Target;

namespace Aether.TitanHst.Tests.Apply
{
    /// <summary>Bypass 3 and the lock: one TitanHST has one identity however its URL is spelled.</summary>
    public sealed class TargetIdentityTests
    {
        [Theory]
        [InlineData("https://localhost:5001/", "https://127.0.0.1:5001")]
        [InlineData("https://LOCALHOST:5001", "https://[::1]:5001/")]
        [InlineData("https://TitanHST.Example.org/district/", "https://titanhst.example.org:443/district")]
        [InlineData("http://titanhst.example.org", "http://titanhst.example.org:80/")]
        [InlineData("https://titanhst.example.org/api?x=1#y", "https://titanhst.example.org/api")]
        public void Spellings_of_one_target_are_one_identity(string a, string b) =>
            Assert.Equal(TargetIdentity.Of(new Uri(a), "tnt-1"), TargetIdentity.Of(new Uri(b), "tnt-1"));

        [Theory]
        [InlineData("https://titanhst.example.org/district", "https://titanhst.example.org/District")]
        [InlineData("https://titanhst.example.org", "http://titanhst.example.org")]
        [InlineData("https://titanhst.example.org:8443", "https://titanhst.example.org")]
        [InlineData("https://a.example.org", "https://b.example.org")]
        public void Other_targets_are_other_identities(string a, string b) =>
            Assert.NotEqual(TargetIdentity.Of(new Uri(a), "tnt-1"), TargetIdentity.Of(new Uri(b), "tnt-1"));

        [Fact]
        public void Another_instance_behind_the_same_uri_is_another_identity() =>
            Assert.NotEqual(TargetIdentity.Of(new Uri("https://t.example.org"), "tnt-1"), TargetIdentity.Of(new Uri("https://t.example.org"), "tnt-2"));

        [Theory]
        [InlineData("https://user:secret@t.example.org", null)]
        [InlineData("https://t.example.org", "bad id with spaces")]
        [InlineData("https://t.example.org", "")]
        public void Credentials_in_the_uri_and_malformed_instance_ids_are_refused(string uri, string? instance) =>
            Assert.Throws<ArgumentException>(() => TargetIdentity.Of(new Uri(uri), instance));

        [Fact]
        public void The_lock_is_one_per_target_whatever_the_spelling_or_journal_folder()
        {
            var folder = Path.Combine(Path.GetTempPath(), "locks-" + Guid.NewGuid().ToString("N"));
            try
            {
                using var first = TargetLock.Acquire(TargetIdentity.Of(new Uri("http://localhost:5055/"), "emu-1"), "run-a", folder);
                var ex = Assert.Throws<ApplyRefusedException>(() => TargetLock.Acquire(TargetIdentity.Of(new Uri("http://127.0.0.1:5055"), "emu-1"), "run-b", folder));
                Assert.Equal(ApplyErrorIds.TargetBusy, ex.ErrorId);
                Assert.Contains("run-a", ex.Message);
                using var other = TargetLock.Acquire(TargetIdentity.Of(new Uri("http://127.0.0.1:5055"), "emu-2"), "run-c", folder);
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}

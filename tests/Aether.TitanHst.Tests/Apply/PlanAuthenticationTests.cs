using System.IO;
using System.Linq;
using System.Text;
using Aether.TitanHst.Errors;
using Aether.TitanHst.Plan;
using Aether.TitanHst.Security;

namespace Aether.TitanHst.Tests.Apply
{
    /// <summary>Bypass 1: a plan's hash can be recomputed by anyone; its MAC only by the installation key's holder.</summary>
    public sealed class PlanAuthenticationTests
    {
        [Fact]
        public void A_plan_round_trips_with_its_target_baseline_and_contract()
        {
            using var fx = new ApplyFixture();
            var saved = PlanWriter.Write(fx.PlanPath, fx.Diff().Changes, "ops@host", fx.Key);
            var identity = saved.Changes[0].GetIdentity();
            Assert.Equal("https://titanhst.test:443", identity.TargetIdentity!.BaseUri);
            Assert.Equal("tnt-1", identity.TargetIdentity.InstanceId);
            Assert.Equal(1, identity.ManagedActive);
            Assert.Equal(fx.Contract.Path, identity.ContractPath);
            Assert.Contains($"\"keyId\": \"{fx.Key.KeyId}\"", File.ReadAllText(fx.PlanPath));
        }

        [Theory]
        [InlineData("\"blocked\": true", "\"blocked\": false")]
        [InlineData("\"risk\": \"RoleChange\"", "\"risk\": \"None\"")]
        [InlineData("bo@district.org", "bo@elsewhere.example")]
        public void A_plan_edited_and_rehashed_is_refused(string find, string replace)
        {
            using var fx = new ApplyFixture();
            PlanWriter.Write(fx.PlanPath, fx.Diff().Changes, "ops@host", fx.Key);
            PlanForgery.Rewrite(fx.PlanPath, raw => raw.Replace(find, replace));

            var ex = Assert.Throws<InputFileException>(() => PlanReader.Read(fx.PlanPath, fx.Key));
            Assert.Equal(InputErrorIds.PlanNotAuthentic, ex.ErrorId);
            Assert.Contains("edited", ex.Message);
        }

        [Fact]
        public void A_plan_made_under_another_installation_is_refused()
        {
            using var fx = new ApplyFixture();
            using var other = InstallationKey.LoadOrCreate(fx.District.PathOf("other-keys"));
            PlanWriter.Write(fx.PlanPath, fx.Diff().Changes, "ops@host", other);

            var ex = Assert.Throws<InputFileException>(() => PlanReader.Read(fx.PlanPath, fx.Key));
            Assert.Equal(InputErrorIds.PlanNotAuthentic, ex.ErrorId);
            Assert.Contains("another installation", ex.Message);
        }

        [Fact]
        public void A_plan_without_a_mac_is_refused()
        {
            using var fx = new ApplyFixture();
            PlanWriter.Write(fx.PlanPath, fx.Diff().Changes, "ops@host", fx.Key);
            var lines = File.ReadAllLines(fx.PlanPath).Where(l => !l.TrimStart().StartsWith("\"mac\"", System.StringComparison.Ordinal) && !l.TrimStart().StartsWith("\"keyId\"", System.StringComparison.Ordinal));
            File.WriteAllText(fx.PlanPath, string.Join("\n", lines), new UTF8Encoding(false));

            var ex = Assert.Throws<InputFileException>(() => PlanReader.Read(fx.PlanPath, fx.Key));
            Assert.Equal(InputErrorIds.PlanNotAuthentic, ex.ErrorId);
        }
    }
}

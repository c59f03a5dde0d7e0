using System;
using System.IO;
using Aether.TitanHst.Apply;
using Aether.TitanHst.Audit;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Profile;
using Aether.TitanHst.Sync;

namespace Aether.TitanHst.Tests.Profile
{
    /// <summary>One operating profile: the configuration decides the folders, else the environment or the user's data folder.</summary>
    public sealed class OperatingProfileTests : IDisposable
    {
        private readonly TempDistrict _district = new();

        [Fact]
        public void The_configuration_decides_the_runs_and_audit_folders_relative_to_itself()
        {
            var profile = OperatingProfile.FromConfig(Config("\"runs\": { \"folder\": \"./ops/runs\" }, \"audit\": { \"folder\": \"./ops/audit\", \"anchor\": \"none\" }, \"apply\": { \"throttleLimit\": 7 },"), ProfileSource.Environment);

            Assert.Equal(Path.GetFullPath(_district.PathOf("ops/runs")), profile.RunsFolder);
            Assert.Equal(Path.GetFullPath(_district.PathOf("ops/audit")), profile.AuditFolder);
            Assert.Equal("config runs.folder", profile.RunsFolderFrom);
            Assert.Equal("config audit.folder", profile.AuditFolderFrom);
            Assert.Equal(7, profile.ThrottleLimit);
            Assert.Equal(ProfileSource.Environment, profile.GetSource());
            Assert.Contains(OperatingProfile.ConfigVariable, profile.Describe(), StringComparison.Ordinal);

            // Every audited command of the profile writes to its chain, with the configuration's anchor over the contract's.
            var options = profile.AuditOptions(ContractLoader.Load(_district.ContractPath));
            Assert.Equal(profile.AuditFolder, options.Folder);
            Assert.Equal(AuditAnchorKind.None, options.Anchor.Kind);
        }

        [Fact]
        public void What_the_configuration_leaves_unsaid_falls_back_to_the_environment_then_the_user_data_folder()
        {
            var profile = OperatingProfile.FromConfig(Config(string.Empty), ProfileSource.Parameter);

            Assert.Equal(Path.GetFullPath(RunJournal.DefaultRoot), profile.RunsFolder);
            Assert.Equal(Path.GetFullPath(AuditLogOptions.DefaultFolder), profile.AuditFolder);
            Assert.Equal(4, profile.ThrottleLimit);
            var none = OperatingProfile.WithoutConfig();
            Assert.Null(none.ConfigPath);
            Assert.Equal(ProfileSource.None, none.GetSource());
            Assert.Equal(profile.RunsFolder, none.RunsFolder);
            Assert.Equal(profile.AuditFolder, none.AuditFolder);
        }

        public void Dispose() => _district.Dispose();

        private ConnectorConfig Config(string members)
        {
            var path = _district.PathOf("titanhst.config.jsonc");
            File.WriteAllText(path, "{ \"configFormat\": 1, \"version\": \"1.0.0\", \"contract\": \"./contract.jsonc\",\n" + members + "\n \"titanHst\": { \"baseUri\": \"https://x.example\", \"clientId\": \"reader\" } }");
            return ConnectorConfigLoader.Load(path);
        }
    }
}

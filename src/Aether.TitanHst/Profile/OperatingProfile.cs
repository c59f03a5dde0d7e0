using System;
using System.IO;
using Aether.TitanHst.Apply;
using Aether.TitanHst.Audit;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Sync;

namespace Aether.TitanHst.Profile
{
    /// <summary>
    /// One operating profile for scheduled and interactive use alike: the connector configuration (when there is one)
    /// decides where runs and audit go, the connection and the throttle. Whatever it leaves unsaid falls back to the
    /// environment (AETHER_TITANHST_RUNS, AETHER_TITANHST_AUDIT), then to the user's data folder. An explicit
    /// parameter of a command beats all of them.
    /// </summary>
    public sealed class OperatingProfile
    {
        /// <summary>The environment variable naming the connector configuration every command uses by default.</summary>
        public const string ConfigVariable = "AETHER_TITANHST_CONFIG";

        private readonly ProfileSource _source;

        private OperatingProfile(ProfileSource source, ConnectorConfig? config)
        {
            _source = source;
            Config = config;
            if (config?.RunsFolder is { } runs)
            {
                RunsFolder = runs;
                RunsFolderFrom = "config runs.folder";
            }
            else
            {
                RunsFolder = Path.GetFullPath(RunJournal.DefaultRoot);
                RunsFolderFrom = FromEnvironment(RunJournal.FolderVariable);
            }

            if (config?.AuditFolder is { } audit)
            {
                AuditFolder = audit;
                AuditFolderFrom = "config audit.folder";
            }
            else
            {
                AuditFolder = Path.GetFullPath(AuditLogOptions.DefaultFolder);
                AuditFolderFrom = FromEnvironment(AuditLogOptions.FolderVariable);
            }
        }

        /// <summary>Where the profile came from, as text (Parameter, Session, Environment, None); typed through <see cref="GetSource"/>.</summary>
        public string Source => _source.ToString();

        /// <summary>Where the profile came from, typed (a method, so it never serializes as a number).</summary>
        public ProfileSource GetSource() => _source;

        /// <summary>The connector configuration, or null when the profile has none (folders from the environment).</summary>
        public ConnectorConfig? Config { get; }

        /// <summary>The configuration's path, or null.</summary>
        public string? ConfigPath => Config?.Path;

        /// <summary>Where apply runs are journaled and looked up.</summary>
        public string RunsFolder { get; }

        /// <summary>What decided <see cref="RunsFolder"/>: "config runs.folder", "AETHER_TITANHST_RUNS" or "user data folder".</summary>
        public string RunsFolderFrom { get; }

        /// <summary>The audit folder: the one chain every audited command of this profile writes to.</summary>
        public string AuditFolder { get; }

        /// <summary>What decided <see cref="AuditFolder"/>.</summary>
        public string AuditFolderFrom { get; }

        /// <summary>Changes in flight for an apply: the configuration's apply.throttleLimit, else 4.</summary>
        public int ThrottleLimit => Config?.ThrottleLimit ?? 4;

        /// <summary>The TitanHST the configuration names, or null.</summary>
        public Uri? BaseUri => Config?.BaseUri;

        /// <summary>A profile from a connector configuration.</summary>
        public static OperatingProfile FromConfig(ConnectorConfig config, ProfileSource source) => new(source, config ?? throw new ArgumentNullException(nameof(config)));

        /// <summary>The profile without a configuration: the environment, else the user's data folder.</summary>
        public static OperatingProfile WithoutConfig() => new(ProfileSource.None, null);

        /// <summary>AETHER_TITANHST_CONFIG's value, or null when unset.</summary>
        public static string? ConfigFromEnvironment() =>
            Environment.GetEnvironmentVariable(ConfigVariable) is { Length: > 0 } path ? path : null;

        /// <summary>
        /// The audit options every audited command of this profile uses: its folder, the contract's field treatment
        /// and retention when a contract is known, and the configuration's anchor, which wins over the contract's.
        /// </summary>
        public AuditLogOptions AuditOptions(MappingContract? contract)
        {
            var options = contract is null ? new AuditLogOptions(AuditFolder) : AuditLogOptionsForContract.Create(contract, AuditFolder);
            if (Config?.AuditAnchor is { } anchor)
            {
                // A file anchor is relative to the configuration's folder, like every other path in it.
                options.Anchor = AuditAnchorSettings.Parse(anchor.StartsWith("file:", StringComparison.Ordinal)
                    ? "file:" + Path.Combine(Path.GetDirectoryName(Config.Path) ?? ".", anchor.Substring(5))
                    : anchor, Config.Path);
            }

            return options;
        }

        /// <summary>One line for Verbose output: where the profile came from and what it decides.</summary>
        public string Describe() =>
            $"Operating profile: {(Config is null ? "no connector configuration" : $"{Config.Path} ({Config.Version})")} from {SourceText}; runs in {RunsFolder} ({RunsFolderFrom}); audit in {AuditFolder} ({AuditFolderFrom})"
            + (Config is null ? "." : $"; TitanHST {Config.BaseUri}, throttle {Config.ThrottleLimit}.");

        public override string ToString() => Config is null ? $"(no config) runs {RunsFolder}, audit {AuditFolder}" : $"{Config.Path} ({SourceText})";

        private string SourceText => _source switch
        {
            ProfileSource.Parameter => "-ConfigPath",
            ProfileSource.Session => "Connect-TitanHst -ConfigPath",
            ProfileSource.Environment => ConfigVariable,
            _ => "the defaults",
        };

        private static string FromEnvironment(string variable) =>
            Environment.GetEnvironmentVariable(variable) is { Length: > 0 } ? variable : "user data folder";
    }
}

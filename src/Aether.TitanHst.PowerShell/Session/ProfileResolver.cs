using System.Management.Automation;
using Aether.TitanHst.Audit;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Errors;
using Aether.TitanHst.PowerShell.Internal;
using Aether.TitanHst.Profile;
using Aether.TitanHst.Sync;

namespace Aether.TitanHst.PowerShell.Session
{
    /// <summary>
    /// The operating profile a command uses (docs/decisions/0018): the session's (Connect-TitanHst -ConfigPath), else
    /// the configuration AETHER_TITANHST_CONFIG names, else none (the environment's folders, then the user's data
    /// folder). An explicit parameter of the command beats the profile.
    /// </summary>
    internal static class ProfileResolver
    {
        /// <summary>The profile in effect; stops the command with the file, line and property when its configuration is invalid.</summary>
        internal static OperatingProfile Current(PSCmdlet cmdlet)
        {
            if (TitanHstSession.Profile is { } session)
            {
                return session;
            }

            if (OperatingProfile.ConfigFromEnvironment() is { } path)
            {
                try
                {
                    return OperatingProfile.FromConfig(ConnectorConfigLoader.Load(path), ProfileSource.Environment);
                }
                catch (InputFileException ex)
                {
                    cmdlet.ThrowTerminatingError(ErrorRecords.FromInputFile(ex));
                }
            }

            return OperatingProfile.WithoutConfig();
        }

        /// <summary>The profile in effect, said in a Verbose line so the operator can see which one it is.</summary>
        internal static OperatingProfile Announce(PSCmdlet cmdlet)
        {
            var profile = Current(cmdlet);
            cmdlet.WriteVerbose(profile.Describe());
            return profile;
        }

        /// <summary>-JournalPath when given, else the profile's runs folder.</summary>
        internal static string RunsFolder(PSCmdlet cmdlet, string? journalPath) =>
            string.IsNullOrEmpty(journalPath) ? Announce(cmdlet).RunsFolder : PathResolver.Resolve(cmdlet, journalPath!);

        /// <summary>The audit options of the profile in effect (folder, anchor), with the contract's field treatment when known.</summary>
        internal static AuditLogOptions AuditOptions(PSCmdlet cmdlet, MappingContract? contract) => Current(cmdlet).AuditOptions(contract);

        /// <summary>For tab completion, which must never fail or prompt: the profile in effect, or none when its configuration cannot be read.</summary>
        internal static OperatingProfile Quietly()
        {
            if (TitanHstSession.Profile is { } session)
            {
                return session;
            }

            try
            {
                return OperatingProfile.ConfigFromEnvironment() is { } path ? OperatingProfile.FromConfig(ConnectorConfigLoader.Load(path), ProfileSource.Environment) : OperatingProfile.WithoutConfig();
            }
            catch (InputFileException)
            {
                return OperatingProfile.WithoutConfig();
            }
        }
    }
}

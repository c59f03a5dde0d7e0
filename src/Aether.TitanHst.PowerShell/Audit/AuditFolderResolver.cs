using System.IO;
using System.Management.Automation;
using Aether.TitanHst.Audit;
using Aether.TitanHst.PowerShell.Internal;
using Aether.TitanHst.PowerShell.Session;

namespace Aether.TitanHst.PowerShell.Audit
{
    /// <summary>Resolves -Path to an audit folder (the default one when absent) and refuses a folder that does not exist.</summary>
    internal static class AuditFolderResolver
    {
        internal const string AuditFolderNotFound = nameof(AuditFolderNotFound);

        internal static string Resolve(PSCmdlet cmdlet, string? path)
        {
            // -Path, else the operating profile's audit folder (its configuration's, else AETHER_TITANHST_AUDIT, else the user's data folder).
            var folder = string.IsNullOrEmpty(path) ? ProfileResolver.Announce(cmdlet).AuditFolder : PathResolver.Resolve(cmdlet, path!);
            if (!Directory.Exists(folder))
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(
                    new DirectoryNotFoundException($"There is no audit log at {folder}."), AuditFolderNotFound, ErrorCategory.ObjectNotFound, folder)
                {
                    ErrorDetails = new ErrorDetails($"There is no audit log at {folder}.") { RecommendedAction = "Give -Path the audit folder the apply writes to, or use the operating profile the runs were made under (Connect-TitanHst -ConfigPath, or AETHER_TITANHST_CONFIG)." },
                });
            }

            return folder;
        }
    }
}

using System.IO;
using System.Management.Automation;
using Aether.TitanHst.Audit;
using Aether.TitanHst.PowerShell.Internal;

namespace Aether.TitanHst.PowerShell.Audit
{
    /// <summary>Resolves -Path to an audit folder (the default one when absent) and refuses a folder that does not exist.</summary>
    internal static class AuditFolderResolver
    {
        internal const string AuditFolderNotFound = nameof(AuditFolderNotFound);

        internal static string Resolve(PSCmdlet cmdlet, string? path)
        {
            var folder = string.IsNullOrEmpty(path) ? AuditLogOptions.DefaultFolder : PathResolver.Resolve(cmdlet, path!);
            if (!Directory.Exists(folder))
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(
                    new DirectoryNotFoundException($"There is no audit log at {folder}."), AuditFolderNotFound, ErrorCategory.ObjectNotFound, folder)
                {
                    ErrorDetails = new ErrorDetails($"There is no audit log at {folder}.") { RecommendedAction = "Give -Path the audit folder the apply writes to." },
                });
            }

            return folder;
        }
    }
}

using System;
using System.Management.Automation;
using Aether.TitanHst.PowerShell.Diff;
using Aether.TitanHst.PowerShell.Internal;
using Aether.TitanHst.Security;
using Aether.TitanHst.Target;

namespace Aether.TitanHst.PowerShell.Session
{
    /// <summary>Opens a target snapshot for a command that compares the whole district (the diff, the validation).</summary>
    internal static class TargetSnapshots
    {
        /// <summary>
        /// Opens the snapshot, refusing one of active records only unless the command is narrowed to a few people:
        /// it would make every inactive person look new and every departure invisible.
        /// </summary>
        internal static TargetSnapshotReader OpenComplete(PSCmdlet cmdlet, string snapshot, bool narrowed)
        {
            var path = PathResolver.Resolve(cmdlet, snapshot);
            // A sealed snapshot (Update-TitanHstSnapshot) is verified while it is read; an unsealed one is read as it is.
            var reader = TargetSnapshotReader.OpenChecked(path, () => InstallationKey.LoadOrCreate());
            if (reader.Header.Scope != TargetSnapshotScope.All && !narrowed)
            {
                reader.Dispose();
                cmdlet.ThrowTerminatingError(new ErrorRecord(
                    new InvalidOperationException($"The snapshot {path} holds {reader.Header.Scope.ToString().ToLowerInvariant()} records only; {cmdlet.MyInvocation.MyCommand.Name} needs every record. Take one with Get-TitanHstStaff -IncludeInactive -OutFile."),
                    DiffErrorIds.TargetSnapshotIncomplete, ErrorCategory.InvalidData, path));
            }

            cmdlet.WriteVerbose($"Reading TitanHST snapshot {path} taken {reader.Header.TakenAt:u} from {reader.Header.BaseUri}");
            return reader;
        }
    }
}

using System.Management.Automation;
using Aether.TitanHst.Apply;

namespace Aether.TitanHst.PowerShell.Apply
{
    /// <summary>An apply refusal as an ErrorRecord: its id, the category that fits it, and what to do next where that is not obvious.</summary>
    internal static class ApplyRefusalErrors
    {
        internal static ErrorRecord Record(ApplyRefusedException ex, object? target) =>
            new(ex, ex.ErrorId, Category(ex.ErrorId), target) { ErrorDetails = RecommendedAction(ex) };

        private static ErrorDetails? RecommendedAction(ApplyRefusedException ex)
        {
            var action = ex.ErrorId switch
            {
                ApplyErrorIds.TargetBusy => "Wait for the run named to finish (Get-TitanHstRun), or resume it with Invoke-TitanHstApply -Resume if its process is gone.",
                ApplyErrorIds.AuditChainMismatch => "Resume under the operating profile the run started with (its ConfigPath and AuditFolder on Get-TitanHstRun).",
                ApplyErrorIds.PlanAlreadyApplied or ApplyErrorIds.ChangesClaimedByRun => "Resume the earlier run named, or diff again for what changed since.",
                ApplyErrorIds.RunNotFound => "List the runs with Get-TitanHstRun; a run started under another profile is found after Connect-TitanHst -ConfigPath with that profile's configuration.",
                ApplyErrorIds.ApprovalRequired => "Another person runs Approve-TitanHstPlan -Path <plan> -Reason '...'; then apply the plan again.",
                _ => null,
            };
            return action is null ? null : new ErrorDetails(ex.Message) { RecommendedAction = action };
        }

        private static ErrorCategory Category(string errorId) => errorId switch
        {
            ApplyErrorIds.DiffBlocked or ApplyErrorIds.DeleteNotAllowed or ApplyErrorIds.RoleChangeNotAllowed => ErrorCategory.PermissionDenied,
            ApplyErrorIds.ValueRejectedByContract or ApplyErrorIds.RunDamaged or ApplyErrorIds.JournalInvalid or ApplyErrorIds.SchemaChanged or ApplyErrorIds.ThresholdBaselineUnverified => ErrorCategory.InvalidData,
            ApplyErrorIds.WrongTarget or ApplyErrorIds.TargetUnknown or ApplyErrorIds.ContractMismatch or ApplyErrorIds.AuditChainMismatch => ErrorCategory.InvalidOperation,
            ApplyErrorIds.TargetBusy or ApplyErrorIds.TargetUnavailable => ErrorCategory.ResourceBusy,
            ApplyErrorIds.RunNotFound => ErrorCategory.ObjectNotFound,
            ApplyErrorIds.PlanAlreadyApplied or ApplyErrorIds.ChangesClaimedByRun => ErrorCategory.ResourceExists,
            _ => ErrorCategory.InvalidArgument,
        };
    }
}

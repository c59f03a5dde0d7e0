using System.Linq;
using Aether.TitanHst.Client;
using Aether.TitanHst.Diff;

namespace Aether.TitanHst.PowerShell.Apply
{
    /// <summary>The call a change would make, for ShouldProcess: -WhatIf tells exactly that.</summary>
    internal static class ApplyCallDescription
    {
        internal static string For(StaffChange change)
        {
            var fields = change.GetDesiredFields().Keys.ToList();
            return change.GetAction() switch
            {
                ChangeAction.Create => WriteCallDescriptions.Create(change.GetExternalId(), fields),
                ChangeAction.Update => WriteCallDescriptions.Patch(change.TargetId!, change.ETag, fields),
                ChangeAction.Reactivate => WriteCallDescriptions.Reactivate(change.TargetId!, change.ETag, fields),
                ChangeAction.Deactivate => WriteCallDescriptions.Deactivate(change.TargetId!, change.ETag),
                ChangeAction.Delete => WriteCallDescriptions.Delete(change.TargetId!, change.ETag),
                _ => "no call",
            };
        }

        // The change by its action and key only: the display name is made of pii fields, which never appear in
        // messages, and this text is also the -Verbose line a transcript of a scheduled run keeps.
        internal static string Target(StaffChange change) => $"{change.GetAction()} {change.ExternalId}";
    }
}

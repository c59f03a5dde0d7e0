namespace Aether.TitanHst.PowerShell.Diff
{
    /// <summary>Stable error ids of the diff and plan cmdlets.</summary>
    internal static class DiffErrorIds
    {
        internal const string TargetSnapshotIncomplete = nameof(TargetSnapshotIncomplete);
        internal const string DiffBlocked = nameof(DiffBlocked);
        internal const string NotDiffChanges = nameof(NotDiffChanges);
    }
}

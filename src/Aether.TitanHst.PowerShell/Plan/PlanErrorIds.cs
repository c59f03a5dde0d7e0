namespace Aether.TitanHst.PowerShell.Plan
{
    /// <summary>Stable error ids of the plan cmdlets.</summary>
    internal static class PlanErrorIds
    {
        internal const string PlanExists = nameof(PlanExists);
        internal const string PlanEmpty = nameof(PlanEmpty);
        internal const string PlanMixesDiffs = nameof(PlanMixesDiffs);

        /// <summary>The plan (or review sheet) cannot be written where asked: a read-only folder, a file in the way.</summary>
        internal const string OutputNotWritable = nameof(OutputNotWritable);
    }
}

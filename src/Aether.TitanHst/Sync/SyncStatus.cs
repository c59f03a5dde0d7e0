namespace Aether.TitanHst.Sync
{
    /// <summary>How an unattended sync ended. Each status has its exit code, for Task Scheduler, cron or CI.</summary>
    public enum SyncStatus
    {
        /// <summary>Exit 0: TitanHST already matched the sources.</summary>
        InSync = 0,

        /// <summary>Exit 1: changes were applied and validation passed.</summary>
        Applied = 1,

        /// <summary>
        /// Exit 2: a person is needed. Either stopped before applying (a blocked diff, source records that cannot be
        /// built, a schema change, changes needing an approval, an apply refused before any write such as TargetBusy,
        /// or with -PlanOnly a plan awaiting review), or nothing
        /// or only the safe part was applied while conflicts or blocked changes stand. Never "in sync".
        /// </summary>
        NeedsReview = 2,

        /// <summary>Exit 3: the contract check failed, a change failed or went stale, validation did not pass, or TitanHST was failing when the apply began.</summary>
        Failed = 3,
    }
}

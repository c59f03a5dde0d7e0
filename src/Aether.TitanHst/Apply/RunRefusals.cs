using System;
using System.Collections.Generic;
using System.Linq;
using Aether.TitanHst.Diff;

namespace Aether.TitanHst.Apply
{
    /// <summary>
    /// What other runs refuse before a new run or a resume writes anything: a plan applied already, changes an
    /// unfinished run still holds, and a resume whose audit entries would go to another chain.
    /// </summary>
    internal static class RunRefusals
    {
        // A reviewed plan is applied once: a second apply names the first run (resume it if it is unfinished). Changes of
        // one diff that an unfinished run still holds are its to finish: a second run never claims them too.
        internal static void SecondApply(string root, string? planHash, IReadOnlyList<StaffChange> changes)
        {
            var runs = RunCatalog.List(root).Where(r => !r.Damaged).ToList();
            if (planHash is not null)
            {
                var earlier = runs.FirstOrDefault(r => string.Equals(r.PlanHash, planHash, StringComparison.Ordinal));
                if (earlier is not null)
                {
                    var next = earlier.GetStatus() == RunStatus.Interrupted || earlier.ToResume > 0 ? $" It is unfinished: Invoke-TitanHstApply -Resume {earlier.RunId}." : " Diff again for what changed since.";
                    throw new ApplyRefusedException(ApplyErrorIds.PlanAlreadyApplied,
                        $"This plan was applied already by run {earlier.RunId} ({earlier.Status}, started {earlier.StartedAt:u} by {earlier.Operator}). Nothing was applied.{next}");
                }
            }

            var diffId = changes[0].DiffId;
            var wanted = new HashSet<string>(changes.Select(c => c.GetExternalId()), KeyHash.Comparer);
            foreach (var run in runs.Where(r => r.ToResume > 0 && string.Equals(r.DiffId, diffId, StringComparison.Ordinal)))
            {
                var claimed = RunCatalog.ChangeIds(run.Folder).Count(wanted.Contains);
                if (claimed > 0)
                {
                    throw new ApplyRefusedException(ApplyErrorIds.ChangesClaimedByRun,
                        $"{claimed} of these changes belong to run {run.RunId} ({run.Status}, started {run.StartedAt:u} by {run.Operator}, {run.ToResume} to do), which is unfinished. "
                        + $"Nothing was applied; two runs never both claim one change. Finish it: Invoke-TitanHstApply -Resume {run.RunId}.");
                }
            }
        }

        // One run's audit entries stay in one chain: a resume writes where the run started, or not at all.
        internal static void OtherAuditChain(RunHeader header, string auditFolder)
        {
            if (header.AuditFolder is null || SameFolder(header.AuditFolder, auditFolder))
            {
                return;
            }

            var profile = header.ConfigPath is null ? "no connector configuration" : $"the connector configuration {header.ConfigPath}";
            throw new ApplyRefusedException(ApplyErrorIds.AuditChainMismatch,
                $"Run {header.RunId} started under {profile} and wrote its audit entries to {header.AuditFolder}; this session's operating profile writes to {auditFolder}. "
                + "One run's entries never go to two chains, so nothing was applied. Resume under the run's profile"
                + (header.ConfigPath is null ? $" (set AETHER_TITANHST_AUDIT to {header.AuditFolder})." : $": Connect-TitanHst -ConfigPath '{header.ConfigPath}', then Invoke-TitanHstApply -Resume {header.RunId}."));
        }

        private static bool SameFolder(string a, string b)
        {
            static string Normal(string path) => System.IO.Path.GetFullPath(path).TrimEnd(System.IO.Path.DirectorySeparatorChar, System.IO.Path.AltDirectorySeparatorChar);
            var comparison = System.IO.Path.DirectorySeparatorChar == '\\' ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            return string.Equals(Normal(a), Normal(b), comparison);
        }
    }
}

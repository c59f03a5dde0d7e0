using System.Collections.Generic;
using Aether.TitanHst.Apply;

namespace Aether.TitanHst.PowerShell.Apply
{
    /// <summary>
    /// What Invoke-TitanHstApply tells the host after its pipeline stopped (Ctrl+C, or a later command that stopped
    /// reading): an interrupted run names its resume, a finished one what it left (pending after failures, a paused
    /// client); a run that completed cleanly needs no word. Only what is true of the run is said.
    /// </summary>
    internal static class ApplyStopAdvice
    {
        internal static IEnumerable<string> Lines(ApplyEngine engine)
        {
            var summary = engine.Summary;
            if (summary is null)
            {
                if (engine.RunId is not null)
                {
                    yield return $"Stopped: apply run {engine.RunId} did not close; see Get-TitanHstRun -RunId {engine.RunId}.";
                }

                yield break;
            }

            if (summary.GetStatus() == RunStatus.Interrupted && summary.ToResume == 0)
            {
                yield return $"Stopped: apply run {summary.RunId} was interrupted after its last change was done (none pending); close it with: Invoke-TitanHstApply -Resume {summary.RunId}";
                yield break;
            }

            if (summary.GetStatus() == RunStatus.Interrupted)
            {
                yield return $"Stopped: apply run {summary.RunId} was interrupted with {summary.Pending} change(s) pending; "
                    + $"calls in flight were finished and journaled. Finish it with: Invoke-TitanHstApply -Resume {summary.RunId}";
                yield break;
            }

            if (engine.WaitAdvice is not null)
            {
                yield return engine.WaitAdvice;
            }

            if (summary.ToResume > 0)
            {
                yield return $"{summary.ToResume} change(s) are still to do (failed or not attempted); finish them with Invoke-TitanHstApply -Resume {summary.RunId}.";
            }
        }
    }
}

using System;
using System.Diagnostics;
using System.Management.Automation;
using Aether.TitanHst.Apply;

namespace Aether.TitanHst.PowerShell.Apply
{
    /// <summary>Write-Progress for an apply: done, failed, rate and time left.</summary>
    internal sealed class ApplyProgress
    {
        private readonly Cmdlet _cmdlet;
        private readonly ProgressRecord _record;
        private readonly Stopwatch _watch = Stopwatch.StartNew();
        private readonly int _total;
        private int _done;
        private int _failed;

        internal ApplyProgress(Cmdlet cmdlet, string runId, int total)
        {
            _cmdlet = cmdlet;
            _total = Math.Max(1, total);
            _record = new ProgressRecord(4, $"Invoke-TitanHstApply {runId}", "Starting");
        }

        internal void Add(ChangeOutcome outcome)
        {
            _done++;
            _failed += outcome.GetOutcome() == ApplyOutcomeKind.Failed ? 1 : 0;
            var rate = _done / Math.Max(0.001, _watch.Elapsed.TotalSeconds);
            _record.PercentComplete = Math.Min(100, 100 * _done / _total);
            _record.StatusDescription = $"{_done} of {_total} done, {_failed} failed, {rate:0.0}/s";
            _record.SecondsRemaining = (int)Math.Max(0, (_total - _done) / Math.Max(0.001, rate));
            _cmdlet.WriteProgress(_record);
        }

        internal void Complete()
        {
            _record.RecordType = ProgressRecordType.Completed;
            _cmdlet.WriteProgress(_record);
        }
    }
}

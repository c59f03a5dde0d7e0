using System;
using System.Collections.Generic;
using System.Linq;

using Aether.TitanHst.Reporting;

namespace Aether.TitanHst.Apply
{
    /// <summary>An apply run in numbers: outcomes by action, what has no outcome yet, how long it took. The counts add up to the plan.</summary>
    public sealed class ApplyRunSummary
    {
        internal ApplyRunSummary(RunHeader header, IReadOnlyList<(string Action, string Outcome)> outcomes, int pending, DateTimeOffset? finishedAt, string folder)
        {
            RunId = header.RunId;
            Target = header.Target;
            ContractId = header.ContractId;
            ContractVersion = header.ContractVersion;
            PlanHash = header.PlanHash;
            StartedAt = header.StartedAt;
            FinishedAt = finishedAt;
            Operator = header.Operator;
            Folder = folder;
            Pending = pending;
            Succeeded = outcomes.Count(o => o.Outcome == nameof(ApplyOutcomeKind.Succeeded));
            Failed = outcomes.Count(o => o.Outcome == nameof(ApplyOutcomeKind.Failed));
            Stale = outcomes.Count(o => o.Outcome == nameof(ApplyOutcomeKind.Stale));
            Skipped = outcomes.Count(o => o.Outcome == nameof(ApplyOutcomeKind.Skipped));
            Declined = outcomes.Count(o => o.Outcome == nameof(ApplyOutcomeKind.Declined));
            AuditFolder = header.AuditFolder;
            DiffId = header.DiffId;
            ConfigPath = header.ConfigPath;
            ByAction = outcomes.GroupBy(o => o.Action).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => $"{g.Key}: " + string.Join(", ", g.GroupBy(o => o.Outcome).OrderBy(x => x.Key, StringComparer.Ordinal).Select(x => $"{x.Count()} {x.Key}")))
                .ToList().AsDisplayList();
        }

        public string RunId { get; }

        public string Target { get; }

        public string ContractId { get; }

        public string ContractVersion { get; }

        public string? PlanHash { get; }

        /// <summary>The diff the run's changes came from (null for runs older than this record).</summary>
        public string? DiffId { get; }

        public string Operator { get; }

        public DateTimeOffset StartedAt { get; }

        /// <summary>When the last pass ended, from the journal's end line; null for a run interrupted and not resumed, or still running.</summary>
        public DateTimeOffset? FinishedAt { get; }

        public TimeSpan? Duration => FinishedAt - StartedAt;

        public int Succeeded { get; }

        public int Failed { get; }

        public int Stale { get; }

        public int Skipped { get; }

        /// <summary>Changes the operator answered No (or No to All) to at -Confirm: never attempted, never retried.</summary>
        public int Declined { get; }

        /// <summary>Changes with no outcome yet: never started, or interrupted mid-call. Succeeded, Failed, Stale, Skipped, Declined and Pending add up to the plan.</summary>
        public int Pending { get; }

        /// <summary>What a resume takes up: the pending changes and the failed ones (retried).</summary>
        public int ToResume => Pending + Failed;

        /// <summary>"Update: 12 Succeeded, 1 Stale", one line per action.</summary>
        public IReadOnlyList<string> ByAction { get; }

        /// <summary>The run's journal folder.</summary>
        public string Folder { get; }

        /// <summary>The audit folder (chain) the run's entries are in; a resume writes there too. Null for runs older than this record.</summary>
        public string? AuditFolder { get; }

        /// <summary>The connector configuration of the operating profile the run started under; null when there was none.</summary>
        public string? ConfigPath { get; }

        /// <summary>Completed, CompletedWithFailures, Interrupted, Running (another process is applying it now), Declined (nothing attempted, every change declined), or Failed (a damaged folder).</summary>
        public string Status => GetStatus().ToString();

        /// <summary>The status, typed (a method, so it never serializes as a number).</summary>
        public RunStatus GetStatus() => Damaged ? RunStatus.Failed
            : Running ? RunStatus.Running
            : FinishedAt is null ? RunStatus.Interrupted
            : Failed > 0 || Stale > 0 || Pending > 0 ? RunStatus.CompletedWithFailures
            : Declined > 0 && Succeeded == 0 ? RunStatus.Declined
            : RunStatus.Completed;

        /// <summary>The exact command that takes the run further, or null when there is nothing left to do.</summary>
        public string? NextCommand => GetStatus() switch
        {
            RunStatus.Interrupted => $"Invoke-TitanHstApply -Resume {RunId}",
            RunStatus.CompletedWithFailures when ToResume > 0 => $"Invoke-TitanHstApply -Resume {RunId}",
            RunStatus.CompletedWithFailures => "Get-TitanHstDiff (the Stale changes need a fresh diff and review)",
            RunStatus.Failed => "Get-TitanHstDiff (the run folder cannot be trusted: diff again and apply a fresh plan)",
            _ => null,
        };

        /// <summary>True while another process holds the target lock for this run (it has no end line yet): it is being applied, not interrupted.</summary>
        internal bool Running { get; set; }

        /// <summary>True when the run's folder cannot be trusted (see <see cref="Problem"/>); its numbers are then unknown.</summary>
        public bool Damaged => Problem is not null;

        private IReadOnlyList<string> _warnings = Array.Empty<string>().AsDisplayList();

        /// <summary>Why the run's folder cannot be trusted (run.json missing or edited, a journal line unreadable), or null.</summary>
        public string? Problem { get; internal set; }

        /// <summary>What reading the run noticed and worked around (a torn last journal line).</summary>
        public IReadOnlyList<string> Warnings
        {
            get => _warnings;
            internal set => _warnings = value.AsDisplayList();
        }

        public override string ToString() => Damaged ? $"{RunId}: damaged ({Problem})" : $"{RunId}: {Succeeded} succeeded, {Failed} failed, {Stale} stale, {Skipped} skipped, {Declined} declined, {Pending} pending";
    }
}

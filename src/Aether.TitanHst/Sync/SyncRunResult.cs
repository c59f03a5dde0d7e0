using System;
using System.Collections.Generic;
using Aether.TitanHst.Apply;
using Aether.TitanHst.Diff;
using Aether.TitanHst.Validation;

namespace Aether.TitanHst.Sync
{
    /// <summary>One unattended run of the playbook, with everything a scheduled script or a person needs to judge it.</summary>
    public sealed class SyncRunResult
    {
        private readonly List<string> _messages = new();

        internal SyncRunResult(ConnectorConfig config, string contractId, string contractVersion)
        {
            ConfigPath = config.Path;
            ConfigVersion = config.Version;
            ContractId = contractId;
            ContractVersion = contractVersion;
            StartedAt = DateTimeOffset.UtcNow;
        }

        private SyncStatus _status = SyncStatus.InSync;

        /// <summary>InSync, Applied, NeedsReview or Failed, as text; typed through <see cref="GetStatus"/>.</summary>
        public string Status => _status.ToString();

        /// <summary>The status, typed (a method, so it never serializes as a number).</summary>
        public SyncStatus GetStatus() => _status;

        /// <summary>The process exit code for Status: 0 in sync, 1 applied, 2 needs review, 3 failed.</summary>
        public int ExitCode => (int)_status;

        /// <summary>What happened, step by step, without personal data.</summary>
        public IReadOnlyList<string> Messages => _messages;

        public string ConfigPath { get; }

        public string ConfigVersion { get; }

        public string ContractId { get; }

        public string ContractVersion { get; }

        public DateTimeOffset StartedAt { get; }

        public DateTimeOffset? FinishedAt { get; internal set; }

        public DiffSummary? Diff { get; internal set; }

        /// <summary>How TitanHST was read for the diff when targetReads.mode is incremental (full or refresh, pages); null for a live read.</summary>
        public Target.TargetReadResult? TargetRead { get; internal set; }

        /// <summary>The apply run, when changes were applied.</summary>
        public ApplyRunSummary? Apply { get; internal set; }

        public string? RunId => Apply?.RunId;

        /// <summary>Changes of the apply run still to do: no outcome yet, or failed (a resume takes them up); 0 without a run.</summary>
        public int Pending => Apply?.ToResume ?? 0;

        /// <summary>The exact command that takes the run further (Invoke-TitanHstApply -Resume …), or null.</summary>
        public string? NextCommand => Apply?.NextCommand;

        public SyncValidationResult? Validation { get; internal set; }

        /// <summary>The plan written by -PlanOnly, or the plan of the applied changes.</summary>
        public string? PlanPath { get; internal set; }

        public string? ReportPath { get; internal set; }

        internal void Note(string message) => _messages.Add(message);

        /// <summary>Keeps the worst status seen: a later success never hides an earlier failure.</summary>
        internal void Escalate(SyncStatus status, string message)
        {
            _messages.Add(message);
            if (Rank(status) > Rank(_status))
            {
                _status = status;
            }
        }

        private static int Rank(SyncStatus status) => status switch
        {
            SyncStatus.Failed => 3,
            SyncStatus.NeedsReview => 2,
            SyncStatus.Applied => 1,
            _ => 0,
        };

        public override string ToString() => $"{_status} (exit {ExitCode}): {string.Join(" ", _messages)}";
    }
}

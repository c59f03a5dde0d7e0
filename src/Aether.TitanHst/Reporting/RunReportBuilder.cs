using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Aether.TitanHst.Apply;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Diff;
using Aether.TitanHst.Plan;
using Aether.TitanHst.Validation;

namespace Aether.TitanHst.Reporting
{
    /// <summary>Builds a <see cref="RunReport"/> from a run's journal folder, read only: plan.json, run.json, journal.jsonl.</summary>
    public static class RunReportBuilder
    {
        /// <summary>The order actions appear in charts and tables.</summary>
        public static readonly IReadOnlyList<string> ActionOrder = new[]
        {
            nameof(ChangeAction.Create), nameof(ChangeAction.Update), nameof(ChangeAction.Reactivate), nameof(ChangeAction.Deactivate),
            nameof(ChangeAction.Delete), nameof(ChangeAction.Conflict),
        };

        /// <summary>The folder of a run under a journal root (AETHER_TITANHST_RUNS by default).</summary>
        /// <exception cref="ReportException">There is no such run.</exception>
        public static string FindRun(string? journalRoot, string runId)
        {
            var root = journalRoot ?? RunJournal.DefaultRoot;
            var folder = Path.Combine(root, runId);
            if (runId.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || !File.Exists(Path.Combine(folder, "run.json")) || !File.Exists(Path.Combine(folder, "plan.json")))
            {
                throw new ReportException(ReportErrorIds.RunNotFound, $"There is no apply run {runId} in {root}.");
            }

            return folder;
        }

        /// <summary>Builds the report; the contract decides which values may appear (none without one).</summary>
        /// <exception cref="ReportException">The contract or the validation is another district's.</exception>
        public static RunReport Build(string runFolder, MappingContract? contract, SyncValidationResult? validation = null, DateTimeOffset? now = null)
        {
            using var key = Security.InstallationKey.LoadOrCreate();
            RunHeader header;
            try
            {
                // run.json is read back like any file: authenticated, or refused.
                header = RunHeaderFile.Read(runFolder, key);
            }
            catch (ApplyRefusedException ex)
            {
                throw Damaged(runFolder, ex);
            }

            var notes = new List<string>();
            if (contract is not null && !string.Equals(contract.Id, header.ContractId, StringComparison.Ordinal))
            {
                throw new ReportException(ReportErrorIds.ContractMismatch, $"Run {header.RunId} applied contract {header.ContractId}, not {contract.Id}; pass the run's own contract.");
            }

            if (contract is not null && !string.Equals(contract.Hash, header.ContractHash, StringComparison.Ordinal))
            {
                notes.Add($"Reportable fields come from contract version {contract.Version}; the run applied version {header.ContractVersion}.");
            }

            if (validation is not null && !string.Equals(validation.ContractId, header.ContractId, StringComparison.Ordinal))
            {
                throw new ReportException(ReportErrorIds.ContractMismatch, $"The validation checked contract {validation.ContractId}, but run {header.RunId} applied {header.ContractId}.");
            }

            if (validation is not null && validation.CheckedAt < header.StartedAt)
            {
                notes.Add($"The validation was made on {ReportText.When(validation.CheckedAt)}, before this run started: it does not show the run's result.");
            }

            if (contract is null)
            {
                notes.Add("No contract was given, so no field is treated as reportable: the report shows match keys and counts only.");
            }

            var journalPath = Path.Combine(runFolder, "journal.jsonl");
            SavedPlan plan;
            Dictionary<string, JournalRecord> last;
            DateTimeOffset? finished;
            using (var mac = new JournalLineMac(key, header.RunId))
            {
                try
                {
                    // The plan copy the run started with (run.json holds its hash), and outcomes of its changes only.
                    plan = RunPlanCopy.Read(runFolder, header, key);
                    (last, _, var ended, _) = RunJournal.ReadLines(journalPath, mac, repair: false, null);
                    RunPlanCopy.RequireOutcomesInPlan(runFolder, last.Values.Where(r => r.Phase == JournalRecord.OutcomePhase).Select(r => r.ExternalId!), plan.Changes.Select(c => c.GetExternalId()));
                    finished = ended ? JournalEndTime.Read(journalPath, mac) : null;
                }
                catch (ApplyRefusedException ex)
                {
                    throw Damaged(runFolder, ex);
                }
            }

            // What still needs a person though the plan left it out: the validation's conflicts, blocked and held-back changes.
            var inPlan = new HashSet<string>(plan.Changes.Select(c => c.GetAction() + "/" + c.ExternalId), StringComparer.Ordinal);
            var standing = validation?.Outstanding.Where(c => !inPlan.Contains(c.GetAction() + "/" + c.ExternalId)).ToList() ?? new List<StaffChange>();
            var privacy = ReportPrivacy.For(contract, plan.Changes.Concat(standing).ToList());

            var report = new RunReport
            {
                RunId = header.RunId,
                ContractId = header.ContractId,
                ContractVersion = header.ContractVersion,
                ContractHashShort = Short(header.ContractHash),
                PlanHashShort = header.PlanHash is null ? null : Short(header.PlanHash),
                Operator = header.Operator,
                TargetHost = ReportPrivacy.HostText(header.Target),
                StartedAt = header.StartedAt,
                FinishedAt = finished,
                Running = finished is null && header.TargetBaseUri.Length > 0
                    && TargetLock.HeldByOtherProcess(new Target.TargetIdentity(header.TargetBaseUri, header.TargetInstanceId), header.RunId),
                GeneratedAt = now ?? DateTimeOffset.UtcNow,
                OverrideReason = header.OverrideReason is null ? null : privacy.Clean(header.OverrideReason),
                ConfigPath = header.ConfigPath,
                ReportableFields = privacy.ReportableFields,
                ContractKnown = contract is not null,
                SitesShown = privacy.SiteField is not null,
                RolesShown = privacy.RoleField is not null,
                Validation = validation is null ? null : ReportValidation.From(validation, privacy),
            };
            Fill(report, plan.Changes.Where(c => c.GetAction() != ChangeAction.NoChange).ToList(), last, privacy);
            AddStanding(report, standing, privacy);
            report.Notes = notes;
            return report;
        }

        private static void Fill(RunReport report, IReadOnlyList<StaffChange> changes, Dictionary<string, JournalRecord> last, ReportPrivacy privacy)
        {
            var byAction = ActionOrder.ToDictionary(a => a, a => new ReportOutcomes(a), StringComparer.Ordinal);
            var blocked = new List<ReportChangeRow>();
            var failed = new List<ReportChangeRow>();
            var conflicts = new List<ReportChangeRow>();
            foreach (var change in changes)
            {
                var record = last.TryGetValue(change.GetExternalId(), out var r) && r.Phase == JournalRecord.OutcomePhase ? r : null;
                var outcome = record?.Outcome ?? "Pending";
                report.Totals.Add(outcome);
                byAction[change.GetAction().ToString()].Add(outcome);
                ReportChangeRow Row(string? reason) => new(change.ExternalId, change.GetAction().ToString(), outcome, privacy.Site(change), privacy.Role(change),
                    privacy.Fields(change), privacy.Clean(reason), record?.Status);

                if (change.Blocked || change.HeldBack)
                {
                    blocked.Add(Row(change.BlockReason));
                }

                if (outcome is "Failed" or "Stale")
                {
                    failed.Add(Row(record?.Reason));
                }

                if (change.GetAction() == ChangeAction.Conflict)
                {
                    conflicts.Add(Row(change.Explanation));
                }
            }

            report.ByAction = byAction.Values.Where(o => o.Total > 0).ToList();
            report.Blocked = blocked;
            report.Failed = failed;
            report.Conflicts = conflicts;
            report.BySite = privacy.SiteField is null ? Array.Empty<ReportGroup>() : Groups(changes, privacy.Site);
            report.ByRole = privacy.RoleField is null ? Array.Empty<ReportGroup>() : Groups(changes, privacy.Role);
        }

        /// <summary>Standing work outside the plan, shown as "Not in plan" and never counted as an outcome of the run.</summary>
        private static void AddStanding(RunReport report, IReadOnlyList<StaffChange> standing, ReportPrivacy privacy)
        {
            var blocked = report.Blocked.ToList();
            var conflicts = report.Conflicts.ToList();
            foreach (var change in standing)
            {
                var row = new ReportChangeRow(change.ExternalId, change.GetAction().ToString(), NotInPlan, privacy.Site(change), privacy.Role(change),
                    privacy.Fields(change), privacy.Clean(change.GetAction() == ChangeAction.Conflict ? change.Explanation : change.BlockReason), null);
                (change.GetAction() == ChangeAction.Conflict ? conflicts : blocked).Add(row);
            }

            report.Blocked = blocked;
            report.Conflicts = conflicts;
        }

        private static ReportException Damaged(string runFolder, ApplyRefusedException ex) =>
            new(ReportErrorIds.RunDamaged, RunCatalog.Untrusted(Path.GetFileName(runFolder), ex.Message));

        /// <summary>The outcome shown for standing work the plan left out.</summary>
        public const string NotInPlan = "Not in plan";

        private static List<ReportGroup> Groups(IReadOnlyList<StaffChange> changes, Func<StaffChange, string?> key) =>
            changes.GroupBy(c => string.IsNullOrEmpty(key(c)) ? "(none)" : key(c)!, StringComparer.Ordinal)
                .Select(g => new ReportGroup(g.Key, ActionOrder
                    .Select(a => new KeyValuePair<string, int>(a, g.Count(c => c.GetAction().ToString() == a)))
                    .Where(p => p.Value > 0).ToList()))
                .OrderByDescending(g => g.Total).ThenBy(g => g.Name, StringComparer.Ordinal)
                .ToList();

        private static string Short(string hash) => hash.StartsWith("sha256:", StringComparison.Ordinal) && hash.Length >= 19 ? hash.Substring(7, 12) : hash;
    }
}

using System.Collections.Generic;
using System.Linq;
using Aether.TitanHst.Audit;

namespace Aether.TitanHst.Apply
{
    /// <summary>
    /// Holds a run's journal to its audit entries. Each outcome is journaled before it is audited, so the audit never
    /// holds more outcomes of a person than the journal; more means lines were cut from the journal's end (which,
    /// unlike a line from its middle, leaves the numbering whole): a declined or failed outcome removed so that a
    /// resume would call that change again.
    /// </summary>
    internal static class JournalAuditCheck
    {
        /// <summary>How many people the audit log holds more outcomes of, for run <paramref name="runId"/>, than the journal does.</summary>
        private static int CutFromJournal(string auditFolder, string runId, IReadOnlyDictionary<string, int> journalOutcomes)
        {
            var query = new AuditQuery();
            query.RunIds.Add(runId);
            query.Kinds.Add(AuditEntryKind.Outcome);
            var audited = new Dictionary<string, int>(KeyHash.Comparer);
            foreach (var entry in AuditLogQuery.Read(auditFolder, query))
            {
                if (entry.ExternalId is not null)
                {
                    audited[entry.ExternalId] = (audited.TryGetValue(entry.ExternalId, out var n) ? n : 0) + 1;
                }
            }

            return audited.Count(a => (journalOutcomes.TryGetValue(a.Key, out var held) ? held : 0) < a.Value);
        }

        /// <summary>Refuses the run (<see cref="ApplyErrorIds.JournalInvalid"/>) when lines were cut from its journal.</summary>
        /// <exception cref="ApplyRefusedException">The audit log holds outcomes the journal no longer does.</exception>
        internal static void Check(string auditFolder, string runId, IReadOnlyDictionary<string, int> journalOutcomes)
        {
            var cut = CutFromJournal(auditFolder, runId, journalOutcomes);
            if (cut > 0)
            {
                throw new ApplyRefusedException(ApplyErrorIds.JournalInvalid,
                    $"Run {runId}: the audit log holds outcomes of {cut} change(s) that the run's journal no longer holds: lines were cut from the journal. "
                    + "Nothing was applied. Keep the run folder for investigation (Test-TitanHstAuditLog), then diff again and apply a fresh plan.");
            }
        }
    }
}

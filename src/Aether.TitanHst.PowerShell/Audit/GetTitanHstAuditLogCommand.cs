using System;
using System.Management.Automation;
using Aether.TitanHst.Audit;
using Aether.TitanHst.Errors;
using Aether.TitanHst.PowerShell.Internal;

namespace Aether.TitanHst.PowerShell.Audit
{
    /// <summary>
    /// <para type="synopsis">Reads audit log entries as objects, filtered by run, time, external id, outcome and kind.</para>
    /// <para type="description">Entries come oldest first, streamed from the month files of the audit folder.
    /// Personal field values appear as the log stores them: hashed, masked or clear. The chain is not checked here;
    /// Test-TitanHstAuditLog does that.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "TitanHstAuditLog")]
    [OutputType(typeof(AuditEntry))]
    public sealed class GetTitanHstAuditLogCommand : PSCmdlet
    {
        /// <summary>The audit folder; the user's data folder (Aether.TitanHst/audit) by default.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        /// <summary>Only entries of these runs; binds from the RunId property of piped objects.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[]? RunId { get; set; }

        /// <summary>Only entries written at or after this time (local time unless it says otherwise).</summary>
        [Parameter]
        public DateTime? After { get; set; }

        /// <summary>Only entries written before this time.</summary>
        [Parameter]
        public DateTime? Before { get; set; }

        /// <summary>Only entries about these people (match keys); binds from the ExternalId property of piped objects.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[]? ExternalId { get; set; }

        /// <summary>Only entries with these outcomes: Succeeded, Failed, Stale, Skipped (and a run's result on RunEnd).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? Outcome { get; set; }

        /// <summary>Only entries of these kinds.</summary>
        [Parameter]
        [ValidateSet("Action", "Outcome", "Access", "Retention", "RunStart", "RunEnd", "Override", "ContractPublish", "Approval", IgnoreCase = true)]
        public string[]? Kind { get; set; }

        /// <summary>Only the last N matching entries (still oldest first).</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int Last { get; set; }

        /// <summary>Streams the matching entries.</summary>
        protected override void ProcessRecord()
        {
            var folder = AuditFolderResolver.Resolve(this, Path);
            var query = BuildQuery();
            try
            {
                if (Last > 0)
                {
                    WriteObject(AuditLogQuery.ReadLast(folder, query, Last), enumerateCollection: true);
                    return;
                }

                foreach (var entry in AuditLogQuery.Read(folder, query))
                {
                    WriteObject(entry);
                }
            }
            catch (InputFileException ex)
            {
                ThrowTerminatingError(ErrorRecords.FromInputFile(ex));
            }
        }

        private AuditQuery BuildQuery()
        {
            var query = new AuditQuery
            {
                After = After is { } after ? new DateTimeOffset(after) : null,
                Before = Before is { } before ? new DateTimeOffset(before) : null,
            };
            Array.ForEach(RunId ?? Array.Empty<string>(), query.RunIds.Add);
            Array.ForEach(ExternalId ?? Array.Empty<string>(), query.ExternalIds.Add);
            Array.ForEach(Outcome ?? Array.Empty<string>(), query.Outcomes.Add);
            foreach (var kind in Kind ?? Array.Empty<string>())
            {
                query.Kinds.Add((AuditEntryKind)Enum.Parse(typeof(AuditEntryKind), kind, ignoreCase: true));
            }

            return query;
        }
    }
}

using System;
using System.Globalization;
using System.Management.Automation;
using Aether.TitanHst.Audit;
using Aether.TitanHst.Errors;
using Aether.TitanHst.PowerShell.Internal;

namespace Aether.TitanHst.PowerShell.Audit
{
    /// <summary>
    /// <para type="synopsis">Removes audit log files older than the retention period and records the removal in the log.</para>
    /// <para type="description">Removes whole month files whose month ended longer ago than -OlderThan, oldest first,
    /// never the newest file, and first writes a Retention entry naming each file with its entry count, sequences and
    /// last hash, so Test-TitanHstAuditLog still passes afterwards. A log that does not verify is not pruned.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "TitanHstAuditLog", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(AuditEntry))]
    public sealed class RemoveTitanHstAuditLogCommand : PSCmdlet
    {
        internal const string RetentionPeriodInvalid = nameof(RetentionPeriodInvalid);

        /// <summary>The retention period: a TimeSpan, or a number of days (-OlderThan 400).</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [DaysOrTimeSpanTransformation]
        public TimeSpan OlderThan { get; set; }

        /// <summary>The audit folder; the user's data folder (Aether.TitanHst/audit) by default.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        /// <summary>Writes the Retention entry to the pipeline.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>Confirms each file, oldest first, then removes the confirmed ones and records it.</summary>
        protected override void EndProcessing()
        {
            if (OlderThan <= TimeSpan.Zero)
            {
                ThrowTerminatingError(ErrorRecords.Argument(RetentionPeriodInvalid, "-OlderThan must be a positive period, such as 400 (days) or (New-TimeSpan -Days 400).", OlderThan));
            }

            var folder = AuditFolderResolver.Resolve(this, Path);
            var expired = AuditRetention.FindExpired(folder, OlderThan, DateTimeOffset.UtcNow);
            var confirmed = 0;
            foreach (var file in expired)
            {
                var month = AuditFolder.MonthOf(file)!.Value.ToString("yyyy-MM", CultureInfo.InvariantCulture);
                var action = $"Remove the audit entries of {month}";
                if (!ShouldProcess($"{action} ({file})", $"{action}?", file, out var reason))
                {
                    // -WhatIf lists every file; a "no" stops here, as only the oldest files may go (a gap would break the chain).
                    if (reason == ShouldProcessReason.WhatIf)
                    {
                        continue;
                    }

                    break;
                }

                confirmed++;
            }

            if (confirmed == 0)
            {
                WriteVerbose(expired.Count == 0 ? $"No audit file at {folder} is older than {OlderThan.TotalDays:0.#} days." : "Nothing removed.");
                return;
            }

            // The retention entry is checkpointed to the operating profile's anchor, like every other entry of its chain.
            using var writer = new AuditLogWriter(new AuditLogOptions(folder) { Anchor = Session.ProfileResolver.AuditOptions(this, null).Anchor });
            try
            {
                var entry = AuditRetention.Remove(writer, OlderThan, confirmed);
                if (entry is not null)
                {
                    WriteVerbose($"Removed {entry.Removed!.Count} file(s); recorded as entry {entry.Sequence}.");
                    if (PassThru)
                    {
                        WriteObject(entry);
                    }
                }
            }
            catch (InputFileException ex)
            {
                ThrowTerminatingError(ErrorRecords.FromInputFile(ex));
            }
        }
    }
}

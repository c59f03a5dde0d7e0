using System;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using System.Threading;
using Aether.TitanHst.Audit;
using Aether.TitanHst.Client;
using Aether.TitanHst.Errors;
using Aether.TitanHst.PowerShell.Audit;
using Aether.TitanHst.PowerShell.Internal;
using Aether.TitanHst.PowerShell.Session;
using Aether.TitanHst.Security;
using Aether.TitanHst.Target;

namespace Aether.TitanHst.PowerShell.TitanHst
{
    /// <summary>
    /// <para type="synopsis">Brings a kept TitanHST snapshot up to date, reading only what changed since the last read when it can.</para>
    /// <para type="description">Refreshes the snapshot at -Path with the records TitanHST reports as updated since its
    /// high-water mark, or reads every record when the snapshot is missing, sealed with another key, changed, from
    /// another TitanHST or schema, or older than -FullReadEvery / -MaxAge (docs/target-reads.md).</para>
    /// </summary>
    [Cmdlet(VerbsData.Update, "TitanHstSnapshot", SupportsShouldProcess = true)]
    [OutputType(typeof(TargetReadResult))]
    public sealed class UpdateTitanHstSnapshotCommand : PSCmdlet, IDisposable
    {
        internal const string KeyUnavailable = "SnapshotKeyUnavailable";
        private const string ProgressActivity = "Updating the TitanHST snapshot";
        private readonly CancellationTokenSource _stop = new();

        /// <summary>The kept snapshot file; created by a full read when it does not exist.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = null!;

        /// <summary>Reads every record whatever the kept snapshot says.</summary>
        [Parameter]
        public SwitchParameter Full { get; set; }

        /// <summary>A full read when the last one is older than this (default 7 days).</summary>
        [Parameter]
        public TimeSpan FullReadEvery { get; set; } = TimeSpan.FromDays(7);

        /// <summary>A full read when the snapshot was last brought up to date longer ago than this (default 2 days).</summary>
        [Parameter]
        public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(2);

        /// <summary>How far before the high-water mark a refresh starts (default 10 minutes).</summary>
        [Parameter]
        public TimeSpan Overlap { get; set; } = TimeSpan.FromMinutes(10);

        /// <summary>The connection to use; the session's (Connect-TitanHst) by default.</summary>
        [Parameter]
        [ValidateNotNull]
        public TitanHstConnection? Connection { get; set; }

        /// <summary>Refreshes or reads in full, then writes the result.</summary>
        protected override void EndProcessing()
        {
            CheckRange(nameof(FullReadEvery), FullReadEvery, TimeSpan.FromHours(1), TimeSpan.FromDays(90));
            CheckRange(nameof(MaxAge), MaxAge, TimeSpan.FromHours(1), TimeSpan.FromDays(90));
            CheckRange(nameof(Overlap), Overlap, TimeSpan.Zero, TimeSpan.FromDays(1));
            var path = PathResolver.Resolve(this, Path);
            if (!ShouldProcess(path, Full ? "Read every TitanHST record into the snapshot" : "Refresh the TitanHST snapshot (a full read when it is due or in doubt)"))
            {
                return;
            }

            AccessAudit.EnsureWritable(this, null);
            var connection = ConnectionResolver.Resolve(this, Connection);
            var settings = new TargetReadSettings { Mode = TargetReadMode.Incremental, FullReadEvery = FullReadEvery, MaxSnapshotAge = MaxAge, Overlap = Overlap };
            var identity = TargetIdentity.Of(connection.BaseUri, connection.InstanceId);
            var progress = new ProgressRecord(1, ProgressActivity, "Requesting the first page");
            long pages = 0;
            TargetReadResult result;
            try
            {
                using var key = InstallationKey.LoadOrCreate();
                var refresher = new TargetSnapshotRefresher(connection.Client, key, settings)
                {
                    PageFetched = page =>
                    {
                        pages++;
                        progress.StatusDescription = $"{pages.ToString(CultureInfo.InvariantCulture)} page(s)";
                        WriteProgress(progress);
                        ConnectionResolver.WriteCalls(this, connection);
                    },
                };
                result = refresher.Read(path, identity, connection.ApiVersion, connection.SchemaVersion, Full, _stop.Token);
            }
            catch (TitanHstApiException e)
            {
                ConnectionResolver.WriteCalls(this, connection);
                ThrowTerminatingError(ClientErrors.FromApi(e, connection.BaseUri));
                return;
            }
            catch (InputFileException e)
            {
                ThrowTerminatingError(ClientErrors.WithAction(new ErrorRecord(e, KeyUnavailable, ErrorCategory.SecurityError, e.File),
                    "Restore the installation key from backup, or point AETHER_TITANHST_KEYS at the folder that holds it; kept snapshots sealed with another key are read again in full."));
                return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                ThrowTerminatingError(new ErrorRecord(e, ClientErrors.SnapshotWriteFailed, ErrorCategory.WriteError, path));
                return;
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            finally
            {
                progress.RecordType = ProgressRecordType.Completed;
                WriteProgress(progress);
            }

            ConnectionResolver.WriteCalls(this, connection);
            AccessAudit.Record(this, null, AuditAccess.SnapshotExport, result.Changed, $"{connection.BaseUri} to {result.Path} ({result.Made.ToString().ToLowerInvariant()} read)");
            WriteVerbose($"{result.Made} read: {result.Reason}.");
            WriteObject(result);
        }

        private void CheckRange(string name, TimeSpan value, TimeSpan min, TimeSpan max)
        {
            if (value < min || value > max)
            {
                ThrowTerminatingError(ClientErrors.WithAction(
                    ErrorRecords.Argument("InvalidTargetReadSetting", $"-{name} must be from {min} to {max}; it is {value}.", value),
                    $"Give -{name} as a TimeSpan within that range, for example (New-TimeSpan -Days 7) or '7.00:00:00'."));
            }
        }

        /// <summary>Cancels the request in flight (Ctrl+C); the kept snapshot stays as it was.</summary>
        protected override void StopProcessing() => _stop.Cancel();

        /// <summary>Releases the cancellation source.</summary>
        public void Dispose() => _stop.Dispose();
    }
}

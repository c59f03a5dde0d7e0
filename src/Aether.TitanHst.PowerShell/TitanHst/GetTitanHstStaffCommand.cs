using System;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using System.Threading;
using Aether.TitanHst.Errors;
using Aether.TitanHst.Audit;
using Aether.TitanHst.Client;
using Aether.TitanHst.PowerShell.Audit;
using Aether.TitanHst.PowerShell.Internal;
using Aether.TitanHst.PowerShell.Session;
using Aether.TitanHst.Target;

namespace Aether.TitanHst.PowerShell.TitanHst
{
    /// <summary>
    /// <para type="synopsis">Reads staff records from TitanHST, streamed page by page, or saves them as a snapshot file.</para>
    /// <para type="description">Without -Id or -ExternalId, lists every active record (with -IncludeInactive, every
    /// record). -OutFile writes a target snapshot (JSON Lines) for offline review and for diffing without a
    /// connection; add -PassThru to get the records as well. Each field is also a property of the output object.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "TitanHstStaff", DefaultParameterSetName = ListSet)]
    [OutputType(typeof(TargetStaffRecord))]
    public sealed class GetTitanHstStaffCommand : PSCmdlet, IDisposable
    {
        private const string ListSet = "List";
        private const string ByIdSet = "ById";
        private const string ByExternalIdSet = "ByExternalId";
        private const string ProgressActivity = "Reading TitanHST staff";

        private readonly CancellationTokenSource _stop = new();
        private TitanHstConnection _connection = null!;
        private TargetSnapshotWriter? _snapshot;
        private long _written;

        /// <summary>External ids (match keys) of the records to read; binds from the ExternalId property of piped objects.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByExternalIdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] ExternalId { get; set; } = null!;

        /// <summary>TitanHST ids of the records to read.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ByIdSet)]
        [ValidateNotNullOrEmpty]
        public string[] Id { get; set; } = null!;

        /// <summary>Lists inactive records too; by default only active ones are listed.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public SwitchParameter IncludeInactive { get; set; }

        /// <summary>Records per request while listing, 1 to 1000 (default 1000: fewest requests against the rate limit).</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateRange(1, 1000)]
        public int PageSize { get; set; } = 1000;

        /// <summary>Writes the records to this snapshot file (JSON Lines) instead of the pipeline.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? OutFile { get; set; }

        /// <summary>With -OutFile, writes the records to the pipeline as well.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>The connection to use; the session's (Connect-TitanHst) by default.</summary>
        [Parameter]
        [ValidateNotNull]
        public TitanHstConnection? Connection { get; set; }

        /// <summary>Resolves the connection and opens the snapshot file.</summary>
        protected override void BeginProcessing()
        {
            AccessAudit.EnsureWritable(this, null);
            _connection = ConnectionResolver.Resolve(this, Connection);
            if (OutFile is null)
            {
                return;
            }

            var path = PathResolver.Resolve(this, OutFile);
            if (InputFiles.IsFolder(path))
            {
                ThrowTerminatingError(ErrorRecords.OutputIsFolder(path));
            }

            var scope = ParameterSetName == ListSet ? (IncludeInactive ? TargetSnapshotScope.All : TargetSnapshotScope.Active) : TargetSnapshotScope.Selection;
            try
            {
                _snapshot = new TargetSnapshotWriter(path, new TargetSnapshotHeader(DateTimeOffset.UtcNow, _connection.BaseUri.ToString(), scope, _connection.ApiVersion, _connection.SchemaVersion)
                {
                    InstanceId = _connection.InstanceId,
                });
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
            {
                ThrowTerminatingError(new ErrorRecord(e, ClientErrors.SnapshotWriteFailed, ErrorCategory.WriteError, path));
            }
        }

        /// <summary>Reads the requested records, or the whole list.</summary>
        protected override void ProcessRecord()
        {
            switch (ParameterSetName)
            {
                case ByIdSet:
                    foreach (var id in Id)
                    {
                        ReadOne(id, () => ConnectionResolver.Await(this, _connection.Log, _connection.Client.GetStaffAsync(id, _stop.Token)));
                    }

                    break;
                case ByExternalIdSet:
                    foreach (var externalId in ExternalId)
                    {
                        ReadOne(externalId, () => ConnectionResolver.Await(this, _connection.Log, _connection.Client.GetStaffByExternalIdAsync(externalId, _stop.Token)));
                    }

                    break;
                default:
                    List();
                    break;
            }
        }

        /// <summary>Completes the snapshot file.</summary>
        protected override void EndProcessing()
        {
            var what = _snapshot is null ? AuditAccess.TargetRead : AuditAccess.SnapshotExport;
            AccessAudit.Record(this, null, what, _written, _snapshot is null ? _connection.BaseUri.ToString() : $"{_connection.BaseUri} to {_snapshot.FilePath}");
            if (_snapshot is null)
            {
                return;
            }

            try
            {
                _snapshot.Complete();
                WriteVerbose($"Wrote {_snapshot.Count.ToString(CultureInfo.InvariantCulture)} record(s) to {_snapshot.FilePath}.");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                ThrowTerminatingError(new ErrorRecord(e, ClientErrors.SnapshotWriteFailed, ErrorCategory.WriteError, _snapshot.FilePath));
            }
        }

        /// <summary>Cancels the request in flight (Ctrl+C).</summary>
        protected override void StopProcessing() => _stop.Cancel();

        /// <summary>Removes an unfinished snapshot file.</summary>
        public void Dispose()
        {
            _snapshot?.Dispose();
            _stop.Dispose();
        }

        private void List()
        {
            var query = new StaffQuery { Active = IncludeInactive ? null : true, PageSize = PageSize };
            var progress = new ProgressRecord(1, ProgressActivity, "Requesting the first page");
            var pages = 0;
            try
            {
                // The page callback runs on this thread: each page's calls and waits are written as they finish.
                foreach (var record in _connection.Client.EnumerateStaff(query, _ => { pages++; ConnectionResolver.WriteCalls(this, _connection); }, _stop.Token))
                {
                    Emit(record);
                    if (_written % 1000 == 0)
                    {
                        progress.StatusDescription = $"{_written.ToString(CultureInfo.InvariantCulture)} records, {pages.ToString(CultureInfo.InvariantCulture)} page(s)";
                        WriteProgress(progress);
                        ConnectionResolver.WriteCalls(this, _connection);
                    }
                }
            }
            catch (TitanHstApiException e)
            {
                ConnectionResolver.WriteCalls(this, _connection);
                ThrowTerminatingError(ClientErrors.FromApi(e, _connection.BaseUri));
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

            ConnectionResolver.WriteCalls(this, _connection);
            WriteVerbose($"Read {_written.ToString(CultureInfo.InvariantCulture)} record(s) in {pages.ToString(CultureInfo.InvariantCulture)} page(s).");
        }

        private void ReadOne(string key, Func<TargetStaffRecord> read)
        {
            try
            {
                Emit(read());
            }
            catch (TitanHstApiException e) when (e.Kind == TitanHstErrorKind.NotFound)
            {
                // One missing record is that record's problem; the others are still read.
                WriteError(ClientErrors.FromApi(e, key));
            }
            catch (TitanHstApiException e)
            {
                ConnectionResolver.WriteCalls(this, _connection);
                ThrowTerminatingError(ClientErrors.FromApi(e, key));
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }

            ConnectionResolver.WriteCalls(this, _connection);
        }

        private void Emit(TargetStaffRecord record)
        {
            _written++;
            if (_snapshot is not null)
            {
                _snapshot.Write(record);
                if (!PassThru)
                {
                    return;
                }
            }

            WriteObject(TargetRecordView.Wrap(record));
        }
    }
}

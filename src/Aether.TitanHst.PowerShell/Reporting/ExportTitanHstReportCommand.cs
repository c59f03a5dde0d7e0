using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using Aether.TitanHst.Audit;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Errors;
using Aether.TitanHst.PowerShell.Audit;
using Aether.TitanHst.PowerShell.Completion;
using Aether.TitanHst.PowerShell.Internal;
using Aether.TitanHst.Reporting;
using Aether.TitanHst.Security;
using Aether.TitanHst.Validation;

namespace Aether.TitanHst.PowerShell.Reporting
{
    /// <summary>
    /// <para type="synopsis">Writes a stakeholder report of an apply run: one self-contained HTML page, or Markdown.</para>
    /// </summary>
    [Cmdlet(VerbsData.Export, "TitanHstReport", SupportsShouldProcess = true)]
    [OutputType(typeof(FileInfo))]
    public sealed class ExportTitanHstReportCommand : PSCmdlet
    {
        private const string ReportExists = nameof(ReportExists);
        private const string ReportWriteFailed = nameof(ReportWriteFailed);
        private const string SeveralRunsOnePath = nameof(SeveralRunsOnePath);

        // The runs named, in the order first seen: an apply piped in names its run once per outcome and once more in
        // its summary, and the report is written once, at the end, of the finished run.
        private readonly List<string> _runs = new();

        /// <summary>The run to report on: its RunId, or a run summary (Invoke-TitanHstApply, Get-TitanHstRun) piped in.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("RunId")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(RunIdCompleter))]
        public string Run { get; set; } = null!;

        /// <summary>The file to write.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = null!;

        /// <summary>Html or Markdown; by default Markdown for a .md or .markdown file and Html otherwise.</summary>
        [Parameter]
        [ValidateSet("Html", "Markdown")]
        public string? Format { get; set; }

        /// <summary>The run's contract (object or path): which fields are reportable. Without it, no field value is shown.</summary>
        [Parameter]
        [MappingContractTransformation]
        [ArgumentCompleter(typeof(ContractPathCompleter))]
        public MappingContract? Contract { get; set; }

        /// <summary>The result of Test-TitanHstSync after the run, shown in the report's validation section.</summary>
        [Parameter]
        public SyncValidationResult? Validation { get; set; }

        /// <summary>The folder of run journals; by default the operating profile's (its configuration's runs.folder, else AETHER_TITANHST_RUNS, else the user's data folder).</summary>
        [Parameter]
        public string? JournalPath { get; set; }

        /// <summary>Replaces an existing report file.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Collects the run named by each object piped in.</summary>
        protected override void ProcessRecord()
        {
            if (!_runs.Contains(Run, StringComparer.Ordinal))
            {
                _runs.Add(Run);
            }
        }

        /// <summary>Builds the report of the run, once its input has ended, and writes it.</summary>
        protected override void EndProcessing()
        {
            if (_runs.Count == 0)
            {
                return;
            }

            if (_runs.Count > 1)
            {
                var shown = string.Join(", ", _runs.Take(5)) + (_runs.Count > 5 ? $" and {_runs.Count - 5} more" : string.Empty);
                var error = new ErrorRecord(
                    new ArgumentException($"{_runs.Count} runs were piped in ({shown}), but -Path names one file and a report covers one run; nothing was written."),
                    SeveralRunsOnePath,
                    ErrorCategory.InvalidArgument,
                    _runs.ToArray())
                {
                    ErrorDetails = new ErrorDetails($"{_runs.Count} runs were piped in ({shown}), but -Path names one file and a report covers one run; nothing was written.")
                    {
                        RecommendedAction = "Write one report per run, each to its own file: ... | ForEach-Object { Export-TitanHstReport -Run $_.RunId -Path \"./report-$($_.RunId).html\" }; or pipe in only the run you want (Get-TitanHstRun -Last 1).",
                    },
                };
                ThrowTerminatingError(error);
            }

            WriteReport(_runs[0]);
        }

        private void WriteReport(string run)
        {
            var path = PathResolver.Resolve(this, Path);
            if (InputFiles.IsFolder(path))
            {
                ThrowTerminatingError(ErrorRecords.OutputIsFolder(path));
            }

            var format = Format ?? FormatOf(path);
            RunReport report;
            try
            {
                var folder = RunReportBuilder.FindRun(Session.ProfileResolver.RunsFolder(this, JournalPath), run);
                report = RunReportBuilder.Build(folder, Contract, Validation);
            }
            catch (ReportException ex)
            {
                var category = ex.ErrorId == ReportErrorIds.RunNotFound ? ErrorCategory.ObjectNotFound : ErrorCategory.InvalidArgument;
                ThrowTerminatingError(new ErrorRecord(ex, ex.ErrorId, category, run));
                return;
            }
            catch (InputFileException ex)
            {
                ThrowTerminatingError(ErrorRecords.FromInputFile(ex));
                return;
            }

            foreach (var note in report.Notes)
            {
                WriteWarning(note);
            }

            if (File.Exists(path) && !Force)
            {
                ThrowTerminatingError(new ErrorRecord(new IOException($"The report {path} exists already; use -Force to replace it."), ReportExists, ErrorCategory.ResourceExists, path));
            }

            if (!ShouldProcess(path, $"Write a {format} report of run {report.RunId} ({report.Totals.Total} change(s))"))
            {
                return;
            }

            Write(report, path, format);
        }

        // Without -Format, the file's extension says: HTML written into report.md is no report for a ticket.
        private static string FormatOf(string path) =>
            System.IO.Path.GetExtension(path).ToLowerInvariant() is ".md" or ".markdown" ? nameof(ReportFormat.Markdown) : nameof(ReportFormat.Html);

        private void Write(RunReport report, string path, string format)
        {
            var text = format == nameof(ReportFormat.Markdown) ? MarkdownReportRenderer.Render(report) : HtmlReportRenderer.Render(report);
            try
            {
                // The report names people by match key; writing it is an export of TitanHST data, so it is audited first.
                AccessAudit.EnsureWritable(this, Contract);
                var folder = System.IO.Path.GetDirectoryName(path);
                if (!string.IsNullOrEmpty(folder))
                {
                    // A report into a folder that does not exist yet: create it, as Export-TitanHstPlan does.
                    PrivateFiles.EnsureFolder(folder);
                }

                PrivateFiles.WriteAllText(path, text, new UTF8Encoding(false));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                ThrowTerminatingError(new ErrorRecord(ex, ReportWriteFailed, ErrorCategory.WriteError, path));
            }

            AccessAudit.Record(this, Contract, AuditAccess.ReportExport, report.Totals.Total, $"report of run {report.RunId} to {path}");
            WriteVerbose($"Report of run {report.RunId} written to {path}");
            // As Get-Item gives it (the provider's properties set), so the default view shows its mode and size.
            WriteObject(SessionState.InvokeProvider.Item.Get(new[] { path }, force: true, literalPath: true), enumerateCollection: true);
        }
    }
}

using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Aether.TitanHst.Errors;
using Aether.TitanHst.Client;
using Aether.TitanHst.Conformance;
using Aether.TitanHst.PowerShell.Internal;
using Aether.TitanHst.PowerShell.Session;

namespace Aether.TitanHst.PowerShell.Conformance
{
    /// <summary>
    /// <para type="synopsis">Checks a TitanHST instance, rule by rule, against the API the connector was written for (docs/titanhst-api.md).</para>
    /// <para type="description">Runs the API document as an executable conformance suite against the connected TitanHST, or
    /// the one named by -BaseUri and -Credential: token errors, bearer errors, the schema endpoint, reference data, paging
    /// and filters, single-record reads, problem bodies and headers. By default it only reads. -IncludeWrites adds the
    /// create, patch, deactivate, reactivate and delete rules on records it creates under a reserved externalId prefix
    /// and deletes afterwards; it refuses unless GET /api/v1/schema says environment "sandbox", or -Force is given with
    /// a -Reason (recorded in the audit log). Writes one result per rule; -OutFile writes a Markdown or HTML report for
    /// the vendor. Neither the secret nor a token ever appears in the output or the report.</para>
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "TitanHstApiConformance", DefaultParameterSetName = SessionSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ConformanceResult))]
    public sealed class TestTitanHstApiConformanceCommand : PSCmdlet, IDisposable
    {
        private const string SessionSet = "Session";
        private const string DirectSet = "Direct";
        private readonly CancellationTokenSource _stopping = new();

        /// <summary>The connection to check (default: the session's, from Connect-TitanHst).</summary>
        [Parameter(ParameterSetName = SessionSet, ValueFromPipeline = true)]
        public TitanHstConnection? Connection { get; set; }

        /// <summary>A TitanHST origin to check without connecting first (the API is under /api/v1). Plain http only for loopback.</summary>
        [Parameter(Mandatory = true, ParameterSetName = DirectSet, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNull]
        public Uri BaseUri { get; set; } = null!;

        /// <summary>The OAuth client for -BaseUri: user name = client id, password = client secret.</summary>
        [Parameter(Mandatory = true, ParameterSetName = DirectSet, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNull]
        [Credential]
        public PSCredential Credential { get; set; } = null!;

        /// <summary>The OAuth token endpoint, when it is not {BaseUri}/oauth/token.</summary>
        [Parameter(ParameterSetName = DirectSet)]
        [ValidateNotNull]
        public Uri? TokenUri { get; set; }

        /// <summary>Adds the write rules, on records it creates under the externalId prefix AetherConformance- and deletes afterwards. Refused unless the target says it is a sandbox, or -Force -Reason.</summary>
        [Parameter]
        public SwitchParameter IncludeWrites { get; set; }

        /// <summary>With -IncludeWrites: run the write rules although the target does not say it is a sandbox. Needs -Reason.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Why -Force is justified and who approved it; recorded in the audit log.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Reason { get; set; }

        /// <summary>Writes a report for the vendor conversation: .md for Markdown, .html or .htm for HTML.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? OutFile { get; set; }

        /// <summary>Pace of the checks in requests per second (TitanHST allows 10); 0 sends as fast as it answers.</summary>
        [Parameter]
        [ValidateRange(0.0, 1000.0)]
        public double RequestsPerSecond { get; set; } = 6;

        /// <summary>Most list pages the full-traversal rule reads before it stops (Inconclusive).</summary>
        [Parameter]
        [ValidateRange(1, 100000)]
        public int MaxPages { get; set; } = 25;

        /// <summary>Runs the suite and writes one result per rule.</summary>
        protected override void ProcessRecord()
        {
            if (Force && string.IsNullOrWhiteSpace(Reason))
            {
                ThrowTerminatingError(ErrorRecords.Argument(ConformanceErrorIds.ForceNeedsReason,
                    "-Force needs -Reason: say who approved write checks on a TitanHST that does not say it is a sandbox, and why; it goes into the audit log.", "Reason"));
            }

            var reportPath = OutFile is null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(OutFile);
            if (reportPath is not null && InputFiles.IsFolder(reportPath))
            {
                ThrowTerminatingError(ErrorRecords.OutputIsFolder(reportPath!));
            }

            var html = reportPath is not null && ReportIsHtml(reportPath);
            ConformanceRunner.Run(this, Target(), IncludeWrites, Force, Reason, reportPath, html, RequestsPerSecond, MaxPages, _stopping.Token);
        }

        /// <summary>Ctrl+C: the suite stops after the request in flight (a write run still deletes what it created).</summary>
        protected override void StopProcessing() => _stopping.Cancel();

        /// <summary>Releases the cancellation source.</summary>
        public void Dispose() => _stopping.Dispose();

        private bool ReportIsHtml(string path)
        {
            var extension = Path.GetExtension(path).ToUpperInvariant();
            if (extension is not (".MD" or ".HTML" or ".HTM"))
            {
                ThrowTerminatingError(ErrorRecords.Argument(ConformanceErrorIds.ReportFormatUnknown,
                    $"-OutFile '{path}' must end in .md (Markdown) or .html/.htm (HTML).", path));
            }

            return extension != ".MD";
        }

        private ConformanceTarget Target()
        {
            try
            {
                if (ParameterSetName == DirectSet)
                {
                    var credential = Credential;
                    return new ConformanceTarget(BaseUri, credential.UserName, () => credential.GetNetworkCredential().Password, TokenUri);
                }

                var connection = ConnectionResolver.Resolve(this, Connection);
                if (connection.ClientSecret is null)
                {
                    ThrowTerminatingError(new ErrorRecord(new InvalidOperationException("This connection does not hold its client secret; pass -BaseUri and -Credential."),
                        ConformanceErrorIds.ConnectionHasNoSecret, ErrorCategory.InvalidArgument, connection));
                }

                return new ConformanceTarget(connection.BaseUri, connection.ClientId, connection.ClientSecret!, connection.TokenUri);
            }
            catch (InsecureUriException e)
            {
                ThrowTerminatingError(new ErrorRecord(e, ClientErrors.InsecureUriRefused, ErrorCategory.SecurityError, BaseUri));
                throw;
            }
        }
    }

    /// <summary>
    /// Runs the engine's suite for the cmdlet (kept out of the cmdlet class, which must not hold engine value types):
    /// the sandbox gate and the audit entry before any write, results written on the pipeline thread as they come.
    /// </summary>
    internal static class ConformanceRunner
    {
        internal static void Run(PSCmdlet cmdlet, ConformanceTarget target, bool includeWrites, bool force, string? reason, string? reportPath, bool html,
            double requestsPerSecond, int maxPages, CancellationToken cancellationToken)
        {
            var results = new BlockingCollection<ConformanceResult>();
            var options = new ConformanceOptions
            {
                MaxPages = maxPages,
                MinimumInterval = requestsPerSecond <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(1 / requestsPerSecond),
                RuleDecided = results.Add,
            };
            var suite = new ConformanceSuite(target, options);
            var origin = target.BaseUri.GetLeftPart(UriPartial.Authority);
            if (includeWrites)
            {
                var environment = suite.ReadEnvironmentAsync(cancellationToken).GetAwaiter().GetResult();
                if (environment != "sandbox" && !force)
                {
                    cmdlet.ThrowTerminatingError(new ErrorRecord(
                        new InvalidOperationException($"{origin} does not say it is a sandbox (GET /api/v1/schema environment is {(environment is null ? "absent" : "'" + environment + "'")}); the write checks would create and delete records there."),
                        ConformanceErrorIds.ConformanceWritesRefused, ErrorCategory.PermissionDenied, target.BaseUri)
                    {
                        ErrorDetails = new ErrorDetails($"Write checks refused on {origin}: it does not say it is a sandbox.")
                        {
                            RecommendedAction = "Run without -IncludeWrites, ask the vendor for a sandbox, or add -Force -Reason '<who approved it and why>'.",
                        },
                    });
                }

                if (!cmdlet.ShouldProcess(origin, "Create, change and delete conformance test records (externalId " + ConformanceOptions.ReservedPrefix + "*)"))
                {
                    return;
                }

                ConformanceAudit.Record(cmdlet, target.BaseUri, environment, environment == "sandbox" ? null : reason);
            }

            options.IncludeWrites = includeWrites;
            var run = Task.Run(async () =>
            {
                try
                {
                    return await suite.RunAsync(cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    results.CompleteAdding();
                }
            });

            var count = 0;
            // Not cancelled here: after Ctrl+C the suite still ends (and cleans up), and CompleteAdding ends this loop.
            foreach (var result in results.GetConsumingEnumerable(CancellationToken.None))
            {
                cmdlet.WriteProgress(new ProgressRecord(1, "Test-TitanHstApiConformance", $"§{result.Section} {result.Rule}") { PercentComplete = -1 });
                cmdlet.WriteObject(result);
                count++;
            }

            cmdlet.WriteProgress(new ProgressRecord(1, "Test-TitanHstApiConformance", "Done") { RecordType = ProgressRecordType.Completed });
            IReadOnlyList<ConformanceResult> all;
            try
            {
                all = run.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or InvalidOperationException or IOException)
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(e, ConformanceErrorIds.ConformanceRunFailed, ErrorCategory.ConnectionError, target.BaseUri));
                throw;
            }

            cmdlet.WriteVerbose($"{count} rules checked on {origin}; {suite.WritesSent} write request(s) sent.");
            if (reportPath is not null)
            {
                try
                {
                    ConformanceReportWriter.Write(reportPath, html, all, target.BaseUri, DateTimeOffset.UtcNow);
                    cmdlet.WriteVerbose("Report written to " + reportPath);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    cmdlet.WriteError(new ErrorRecord(e, ConformanceErrorIds.ReportWriteFailed, ErrorCategory.WriteError, reportPath));
                }
            }
        }
    }
}

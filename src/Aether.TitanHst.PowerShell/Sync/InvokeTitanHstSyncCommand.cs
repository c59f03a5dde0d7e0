using System;
using System.IO;
using System.Management.Automation;
using System.Security;
using System.Threading;
using Aether.TitanHst.Audit;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Errors;
using Aether.TitanHst.PowerShell.Internal;
using Aether.TitanHst.PowerShell.Session;
using Aether.TitanHst.Profile;
using Aether.TitanHst.Sync;
using Aether.TitanHst.Sync.Notifications;

namespace Aether.TitanHst.PowerShell.Sync
{
    /// <summary>
    /// <para type="synopsis">Runs the whole playbook unattended from a configuration file: check, diff, stop for review when needed, else apply, validate and report.</para>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "TitanHstSync", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(SyncRunResult))]
    public sealed class InvokeTitanHstSyncCommand : PSCmdlet, IDisposable
    {
        private const string ConfigRequired = nameof(ConfigRequired);

        private readonly CancellationTokenSource _stop = new();

        /// <summary>
        /// The connector configuration (JSON with comments): contract, TitanHST, apply, folders. It never holds a secret.
        /// Without it: the operating profile's (Connect-TitanHst -ConfigPath, else AETHER_TITANHST_CONFIG).
        /// </summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName", "PSPath")]
        [ValidateNotNullOrEmpty]
        public string? ConfigPath { get; set; }

        /// <summary>The OAuth client (user name = client id, password = secret), for example from Get-Secret. Without it: TITANHST_CLIENT_SECRET (and the config's clientId or TITANHST_CLIENT_ID).</summary>
        [Parameter]
        [Credential]
        public PSCredential? Credential { get; set; }

        /// <summary>
        /// The OAuth client that may write, used only to apply (its token is asked for after the diff). Without it:
        /// the config's writeClientId with writeSecretName (Get-Secret) or TITANHST_WRITE_CLIENT_SECRET; else -Credential,
        /// with a token of its own, unless the config says readOnly.
        /// </summary>
        [Parameter]
        [Credential]
        public PSCredential? WriteCredential { get; set; }

        /// <summary>Stops after the diff and saves the applicable changes as a plan for review; applies nothing.</summary>
        [Parameter]
        public SwitchParameter PlanOnly { get; set; }

        /// <summary>Runs the playbook and writes the run object.</summary>
        protected override void ProcessRecord()
        {
            ConnectorConfig config;
            MappingContract contract;
            OperatingProfile profile;
            try
            {
                profile = ConfigPath is null ? ProfileResolver.Current(this)
                    : OperatingProfile.FromConfig(ConnectorConfigLoader.Load(PathResolver.Resolve(this, ConfigPath)), ProfileSource.Parameter);
                if (profile.Config is null)
                {
                    ThrowTerminatingError(new ErrorRecord(new ArgumentException($"No connector configuration: pass -ConfigPath, connect with Connect-TitanHst -ConfigPath, or set {OperatingProfile.ConfigVariable}."),
                        ConfigRequired, ErrorCategory.InvalidArgument, null)
                    {
                        ErrorDetails = new ErrorDetails($"No connector configuration: pass -ConfigPath, connect with Connect-TitanHst -ConfigPath, or set {OperatingProfile.ConfigVariable}.")
                        {
                            RecommendedAction = "Give the connector configuration the scheduled task runs with (docs/scheduling.md).",
                        },
                    });
                }

                config = profile.Config!;
                contract = ContractLoader.Load(config.ContractPath);
            }
            catch (InputFileException ex)
            {
                ThrowTerminatingError(ErrorRecords.FromInputFile(ex));
                return;
            }

            if (!ShouldProcess(config.BaseUri.ToString(), PlanOnly ? "Check the contract, diff and save a plan for review" : "Check the contract, diff, and apply, validate and report unless the diff needs review"))
            {
                return;
            }

            WriteVerbose(profile.Describe());
            var connection = ProfileConnection.Open(this, profile, Credential, WriteCredential);
            try
            {
                using var audit = new AuditLogWriter(profile.AuditOptions(contract));
                // The diff and the validation read with the read client; the write client is opened only to apply.
                var runner = new SyncRunner(config, contract, connection.Client, audit) { Progress = Progress, OpenWriteClient = () => connection.WriteClient };
                var result = runner.Run(PlanOnly, OperatorName.Current, _stop.Token);
                if (result.Pending > 0 && _stop.IsCancellationRequested)
                {
                    // Stopped (Ctrl+C): the warning stream is closed by now, so the host is told directly.
                    Host.UI.WriteWarningLine($"Run {result.RunId} was stopped with {result.Pending} change(s) pending; finish it with: {result.NextCommand}");
                }

                if (result.GetStatus() is SyncStatus.NeedsReview or SyncStatus.Failed)
                {
                    WriteWarning($"{result.GetStatus()} (exit code {result.ExitCode}): {result.Messages[result.Messages.Count - 1]}");
                }

                Notify(config, result);
                WriteObject(result);
            }
            catch (Aether.TitanHst.Client.TitanHstApiException ex)
            {
                ThrowTerminatingError(ClientErrors.FromApi(ex, config.BaseUri));
            }
            catch (InputFileException ex)
            {
                ThrowTerminatingError(ErrorRecords.FromInputFile(ex));
            }
            finally
            {
                ConnectionResolver.WriteCalls(this, connection);
                connection.Close();
            }
        }

        // Each step as a verbose line; once Ctrl+C stops the pipeline the streams are closed, and the run goes on to its
        // end (journal, audit, report) without them, so the result still names the run and its resume command.
        private void Progress(string message)
        {
            if (_stop.IsCancellationRequested)
            {
                return;
            }

            try
            {
                WriteVerbose(message);
            }
            catch (PipelineStoppedException)
            {
                // The host is told once at the end.
            }
        }

        // The run's outcome to the people the config names; a notification that fails is a warning, never a new exit code.
        private void Notify(ConnectorConfig config, SyncRunResult result)
        {
            if (config.Notify is null)
            {
                return;
            }

            foreach (var line in new RunNotifier(config.Notify, ReadSecret).Send(result, _stop.Token))
            {
                if (line.StartsWith("Notification by", StringComparison.Ordinal))
                {
                    WriteWarning(line);
                }
                else
                {
                    WriteVerbose(line);
                }
            }
        }

        // A secret reference from the config: an environment variable, or a SecretManagement secret (string or credential).
        private string? ReadSecret(SecretReference reference)
        {
            if (reference.Store == "env")
            {
                var value = Environment.GetEnvironmentVariable(reference.Name);
                return string.IsNullOrEmpty(value) ? null : value;
            }

            try
            {
                var found = InvokeCommand.InvokeScript("param($n) Microsoft.PowerShell.SecretManagement\\Get-Secret -Name $n -AsPlainText -ErrorAction Stop", reference.Name);
                return found.Count == 0 ? null : found[0].BaseObject switch
                {
                    string text => text,
                    PSCredential credential => credential.GetNetworkCredential().Password,
                    _ => null,
                };
            }
            catch (RuntimeException ex)
            {
                WriteWarning($"The secret {reference} could not be read from SecretManagement: {ex.Message}");
                return null;
            }
        }

        /// <summary>Stops taking new changes (Ctrl+C); the apply run can be resumed.</summary>
        protected override void StopProcessing() => _stop.Cancel();

        /// <summary>Releases the cancellation source.</summary>
        public void Dispose() => _stop.Dispose();
    }
}

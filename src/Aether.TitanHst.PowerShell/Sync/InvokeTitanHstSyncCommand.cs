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
        internal const string SecretVariable = "TITANHST_CLIENT_SECRET";
        internal const string ClientIdVariable = "TITANHST_CLIENT_ID";
        internal const string WriteSecretVariable = "TITANHST_WRITE_CLIENT_SECRET";
        private const string CredentialMissing = nameof(CredentialMissing);

        private readonly CancellationTokenSource _stop = new();

        /// <summary>The connector configuration (JSON with comments): contract, TitanHST, apply, folders. It never holds a secret.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName", "PSPath")]
        [ValidateNotNullOrEmpty]
        public string ConfigPath { get; set; } = null!;

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
            try
            {
                config = ConnectorConfigLoader.Load(PathResolver.Resolve(this, ConfigPath));
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

            var credential = ResolveCredential(config);
            var writeCredential = ResolveWriteCredential(config);
            var connection = ConnectionFactory.Open(this, config.BaseUri, config.TokenUri, credential, config.RequestsPerSecond, 5, writeCredential, config.ReadOnly && writeCredential is null);
            try
            {
                var auditOptions = AuditLogOptionsForContract.Create(contract, config.AuditFolder);
                if (config.AuditAnchor is { } anchor)
                {
                    auditOptions.Anchor = AuditAnchorSettings.Parse(anchor.StartsWith("file:", StringComparison.Ordinal)
                        ? "file:" + Path.Combine(Path.GetDirectoryName(config.Path) ?? ".", anchor.Substring(5))
                        : anchor, config.Path);
                }

                using var audit = new AuditLogWriter(auditOptions);
                // The diff and the validation read with the read client; the write client is opened only to apply.
                var runner = new SyncRunner(config, contract, connection.Client, audit) { Progress = WriteVerbose, OpenWriteClient = () => connection.WriteClient };
                var result = runner.Run(PlanOnly, OperatorName.Current, _stop.Token);
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

        private PSCredential ResolveCredential(ConnectorConfig config)
        {
            if (Credential is not null)
            {
                return Credential;
            }

            var secret = FromSecretManagement(config.SecretName) ?? Environment.GetEnvironmentVariable(SecretVariable);
            var clientId = config.ClientId ?? Environment.GetEnvironmentVariable(ClientIdVariable);
            if (string.IsNullOrEmpty(secret) || string.IsNullOrEmpty(clientId))
            {
                ThrowTerminatingError(new ErrorRecord(new InvalidOperationException(
                        $"No TitanHST credential: pass -Credential (for example from Get-Secret), or set {SecretVariable} and the config's titanHst.clientId (or {ClientIdVariable}). Never put the secret in the configuration or the script."),
                    CredentialMissing, ErrorCategory.AuthenticationError, config.Path));
            }

            return MakeCredential(clientId!, secret!);
        }

        // The write credential, when one is configured apart from the read one; null: the read credential (or none, when read-only).
        private PSCredential? ResolveWriteCredential(ConnectorConfig config)
        {
            if (WriteCredential is not null)
            {
                return WriteCredential;
            }

            if (config.WriteClientId is null && config.WriteSecretName is null)
            {
                return null;
            }

            var secret = FromSecretManagement(config.WriteSecretName) ?? Environment.GetEnvironmentVariable(WriteSecretVariable);
            var clientId = config.WriteClientId ?? config.ClientId ?? Environment.GetEnvironmentVariable(ClientIdVariable);
            if (string.IsNullOrEmpty(secret) || string.IsNullOrEmpty(clientId))
            {
                ThrowTerminatingError(new ErrorRecord(new InvalidOperationException(
                        $"The configuration names a write client but no write secret was found: pass -WriteCredential, or store it as the config's titanHst.writeSecretName in SecretManagement, or set {WriteSecretVariable}."),
                    CredentialMissing, ErrorCategory.AuthenticationError, config.Path));
            }

            return MakeCredential(clientId!, secret!);
        }

        // Get-Secret (Microsoft.PowerShell.SecretManagement) for a named secret; null when no name is configured.
        private string? FromSecretManagement(string? name)
        {
            if (name is null)
            {
                return null;
            }

            try
            {
                var found = InvokeCommand.InvokeScript(false, ScriptBlock.Create("param($name) Get-Secret -Name $name -ErrorAction Stop"), null, name);
                return found.Count == 0 ? null : found[0].BaseObject switch
                {
                    SecureString s => new System.Net.NetworkCredential(string.Empty, s).Password,
                    PSCredential c => c.GetNetworkCredential().Password,
                    string text => text,
                    _ => null,
                };
            }
            catch (RuntimeException e)
            {
                ThrowTerminatingError(new ErrorRecord(new InvalidOperationException($"The secret '{name}' could not be read from SecretManagement: {e.GetType().Name}. Is Microsoft.PowerShell.SecretManagement installed and the vault unlocked?", e),
                    CredentialMissing, ErrorCategory.AuthenticationError, name));
                return null;
            }
        }

        private static PSCredential MakeCredential(string clientId, string secret)
        {
            var secure = new SecureString();
            foreach (var c in secret)
            {
                secure.AppendChar(c);
            }

            secure.MakeReadOnly();
            return new PSCredential(clientId, secure);
        }
    }
}

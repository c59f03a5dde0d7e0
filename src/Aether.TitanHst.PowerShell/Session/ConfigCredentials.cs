using System;
using System.Management.Automation;
using System.Security;
using Aether.TitanHst.Sync;

namespace Aether.TitanHst.PowerShell.Session
{
    /// <summary>
    /// The OAuth credentials a connector configuration names: its secret names in SecretManagement (Get-Secret), else
    /// the environment (TITANHST_CLIENT_SECRET with titanHst.clientId or TITANHST_CLIENT_ID). The configuration never
    /// holds a secret. Used by Invoke-TitanHstSync and Connect-TitanHst -ConfigPath alike.
    /// </summary>
    internal static class ConfigCredentials
    {
        internal const string SecretVariable = "TITANHST_CLIENT_SECRET";
        internal const string ClientIdVariable = "TITANHST_CLIENT_ID";
        internal const string WriteSecretVariable = "TITANHST_WRITE_CLIENT_SECRET";
        internal const string CredentialMissing = nameof(CredentialMissing);

        /// <summary>The read credential: <paramref name="given"/>, else the configuration's secret name, else the environment.</summary>
        internal static PSCredential Read(PSCmdlet cmdlet, ConnectorConfig config, PSCredential? given)
        {
            if (given is not null)
            {
                return given;
            }

            var secret = FromSecretManagement(cmdlet, config.SecretName) ?? Environment.GetEnvironmentVariable(SecretVariable);
            var clientId = config.ClientId ?? Environment.GetEnvironmentVariable(ClientIdVariable);
            if (string.IsNullOrEmpty(secret) || string.IsNullOrEmpty(clientId))
            {
                cmdlet.ThrowTerminatingError(Missing(
                    $"No TitanHST credential: pass -Credential (for example from Get-Secret), or store it in SecretManagement under the config's titanHst.secretName, or set {SecretVariable} and the config's titanHst.clientId (or {ClientIdVariable}). Never put the secret in the configuration or the script.",
                    config.Path));
            }

            return Make(clientId!, secret!);
        }

        /// <summary>The write credential when the configuration names one apart from the read one; null: the read credential (or none, read-only).</summary>
        internal static PSCredential? Write(PSCmdlet cmdlet, ConnectorConfig config, PSCredential? given)
        {
            if (given is not null)
            {
                return given;
            }

            if (config.WriteClientId is null && config.WriteSecretName is null)
            {
                return null;
            }

            var secret = FromSecretManagement(cmdlet, config.WriteSecretName) ?? Environment.GetEnvironmentVariable(WriteSecretVariable);
            var clientId = config.WriteClientId ?? config.ClientId ?? Environment.GetEnvironmentVariable(ClientIdVariable);
            if (string.IsNullOrEmpty(secret) || string.IsNullOrEmpty(clientId))
            {
                cmdlet.ThrowTerminatingError(Missing(
                    $"The configuration names a write client but no write secret was found: pass -WriteCredential, or store it as the config's titanHst.writeSecretName in SecretManagement, or set {WriteSecretVariable}.",
                    config.Path));
            }

            return Make(clientId!, secret!);
        }

        // Get-Secret (Microsoft.PowerShell.SecretManagement) for a named secret; null when no name is configured.
        private static string? FromSecretManagement(PSCmdlet cmdlet, string? name)
        {
            if (name is null)
            {
                return null;
            }

            try
            {
                var found = cmdlet.InvokeCommand.InvokeScript(false, ScriptBlock.Create("param($name) Get-Secret -Name $name -ErrorAction Stop"), null, name);
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
                cmdlet.ThrowTerminatingError(Missing($"The secret '{name}' could not be read from SecretManagement: {e.GetType().Name}. Is Microsoft.PowerShell.SecretManagement installed and the vault unlocked?", name, e));
                return null;
            }
        }

        private static ErrorRecord Missing(string message, object target, Exception? inner = null) =>
            new(new InvalidOperationException(message, inner), CredentialMissing, ErrorCategory.AuthenticationError, target)
            {
                ErrorDetails = new ErrorDetails(message)
                {
                    RecommendedAction = $"Store the client secret with Set-Secret under the config's titanHst.secretName, or set {SecretVariable} for the account that runs the task.",
                },
            };

        private static PSCredential Make(string clientId, string secret)
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

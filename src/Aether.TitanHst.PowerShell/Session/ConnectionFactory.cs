using System;
using System.Management.Automation;
using Aether.TitanHst.Client;

namespace Aether.TitanHst.PowerShell.Session
{
    /// <summary>Opens a checked TitanHST connection (token and schema fetched) or stops the cmdlet with a clear error.</summary>
    internal static class ConnectionFactory
    {
        /// <summary>
        /// Opens the read client (scopes staff.read reference.read) and checks it. Applies get a separate client
        /// asking for staff.write, made from <paramref name="writeCredential"/> (or, unless <paramref name="readOnly"/>,
        /// the same credential) only when an apply starts: no token serves both reads and writes.
        /// </summary>
        internal static TitanHstConnection Open(PSCmdlet cmdlet, Uri baseUri, Uri? tokenUri, PSCredential credential, double requestsPerSecond, int maxRetries,
            PSCredential? writeCredential = null, bool readOnly = false)
        {
            var log = new CallLog();
            TitanHstClientOptions Options(PSCredential c, string scope) => new()
            {
                BaseUri = baseUri,
                TokenUri = tokenUri,
                ClientId = c.UserName,
                Scope = scope,
                // Read from the SecureString only when a token is requested.
                ClientSecretProvider = () => c.GetNetworkCredential().Password,
                RequestsPerSecond = requestsPerSecond,
                MaxRetries = maxRetries,
                CallCompleted = log.Add,
                Waiting = log.AddWait,
            };

            // Never the URI as given: it may hold user:password@.
            var target = ClientErrors.SafeTarget(baseUri);
            var options = Options(credential, TitanHstScopes.Read);
            var write = readOnly && writeCredential is null ? null : writeCredential ?? credential;
            Func<TitanHstClient>? openWriteClient = write is null ? null : () => new TitanHstClient(Options(write, TitanHstScopes.Write));

            TitanHstClient client;
            try
            {
                client = new TitanHstClient(options);
            }
            catch (CredentialsInUriException e)
            {
                cmdlet.ThrowTerminatingError(ClientErrors.WithAction(
                    new ErrorRecord(e, ClientErrors.CredentialsInUriRefused, ErrorCategory.SecurityError, e.ParamName == "TokenUri" && tokenUri is not null ? ClientErrors.SafeTarget(tokenUri) : target),
                    "Remove user:password@ from the address; give the OAuth client id and secret with -Credential (or the connector config's secret) instead."));
                throw;
            }
            catch (InsecureUriException e)
            {
                cmdlet.ThrowTerminatingError(ClientErrors.WithAction(
                    new ErrorRecord(e, ClientErrors.InsecureUriRefused, ErrorCategory.SecurityError, e.ParamName == "TokenUri" && tokenUri is not null ? ClientErrors.SafeTarget(tokenUri) : target),
                    "Use the https:// address of TitanHST; plain http is only for the emulator on this machine (127.0.0.1)."));
                throw;
            }
            catch (ArgumentException e)
            {
                cmdlet.ThrowTerminatingError(ClientErrors.WithAction(
                    new ErrorRecord(e, ClientErrors.InvalidClientOptions, ErrorCategory.InvalidArgument, target),
                    "Correct the setting the message names and connect again."));
                throw;
            }

            try
            {
                ConnectionResolver.Await(cmdlet, log, AuthenticateAsync(client));
                var schema = ConnectionResolver.Await(cmdlet, log, client.GetSchemaAsync());
                return new TitanHstConnection(client, log, schema.ApiVersion, schema.SchemaVersion, DateTimeOffset.Now, openWriteClient, write?.UserName, schema.InstanceId)
                {
                    TokenUri = tokenUri,
                    ClientSecret = options.ClientSecretProvider,
                };
            }
            catch (TitanHstApiException e)
            {
                client.Dispose();
                cmdlet.ThrowTerminatingError(ClientErrors.FromConnect(e, target));
                throw;
            }
        }

        private static async System.Threading.Tasks.Task<bool> AuthenticateAsync(TitanHstClient client)
        {
            await client.AuthenticateAsync().ConfigureAwait(false);
            return true;
        }
    }
}

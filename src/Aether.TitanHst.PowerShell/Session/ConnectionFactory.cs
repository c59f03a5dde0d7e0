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
            };

            var options = Options(credential, TitanHstScopes.Read);
            var write = readOnly && writeCredential is null ? null : writeCredential ?? credential;
            Func<TitanHstClient>? openWriteClient = write is null ? null : () => new TitanHstClient(Options(write, TitanHstScopes.Write));

            TitanHstClient client;
            try
            {
                client = new TitanHstClient(options);
            }
            catch (InsecureUriException e)
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(e, ClientErrors.InsecureUriRefused, ErrorCategory.SecurityError, e.ParamName == "TokenUri" ? tokenUri : baseUri));
                throw;
            }
            catch (ArgumentException e)
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(e, ClientErrors.InvalidClientOptions, ErrorCategory.InvalidArgument, baseUri));
                throw;
            }

            try
            {
                client.AuthenticateAsync().GetAwaiter().GetResult();
                var schema = client.GetSchemaAsync().GetAwaiter().GetResult();
                return new TitanHstConnection(client, log, schema.ApiVersion, schema.SchemaVersion, DateTimeOffset.Now, openWriteClient, write?.UserName);
            }
            catch (TitanHstApiException e)
            {
                client.Dispose();
                var record = e.Kind == TitanHstErrorKind.Unauthorized
                    ? new ErrorRecord(e, ClientErrors.AuthenticationFailed, ErrorCategory.AuthenticationError, baseUri)
                    : new ErrorRecord(e, ClientErrors.ConnectFailed, ErrorCategory.ConnectionError, baseUri);
                cmdlet.ThrowTerminatingError(record);
                throw;
            }
        }
    }
}

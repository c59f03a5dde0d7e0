using System;
using System.Management.Automation;
using Aether.TitanHst.Client;

namespace Aether.TitanHst.PowerShell.Session
{
    /// <summary>Opens a checked TitanHST connection (token and schema fetched) or stops the cmdlet with a clear error.</summary>
    internal static class ConnectionFactory
    {
        internal static TitanHstConnection Open(PSCmdlet cmdlet, Uri baseUri, Uri? tokenUri, PSCredential credential, double requestsPerSecond, int maxRetries)
        {
            var log = new CallLog();
            var options = new TitanHstClientOptions
            {
                BaseUri = baseUri,
                TokenUri = tokenUri,
                ClientId = credential.UserName,
                // Read from the SecureString only when a token is requested.
                ClientSecretProvider = () => credential.GetNetworkCredential().Password,
                RequestsPerSecond = requestsPerSecond,
                MaxRetries = maxRetries,
                CallCompleted = log.Add,
            };

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
                return new TitanHstConnection(client, log, schema.ApiVersion, schema.SchemaVersion, DateTimeOffset.Now)
                {
                    TokenUri = tokenUri,
                    ClientSecret = options.ClientSecretProvider,
                };
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

using System;
using Aether.TitanHst.Client;

namespace Aether.TitanHst.PowerShell.Session
{
    /// <summary>
    /// A validated connection to TitanHST made by Connect-TitanHst. Shows where and as whom, never the secret or
    /// a token: those stay inside the client.
    /// </summary>
    public sealed class TitanHstConnection
    {
        internal TitanHstConnection(TitanHstClient client, CallLog log, string apiVersion, string schemaVersion, DateTimeOffset connectedAt, string? instanceId = null)
        {
            InstanceId = instanceId;
            Client = client;
            Log = log;
            ApiVersion = apiVersion;
            SchemaVersion = schemaVersion;
            ConnectedAt = connectedAt;
        }

        /// <summary>The TitanHST instance (origin; the API is under /api/v1).</summary>
        public Uri BaseUri => Client.BaseUri;

        /// <summary>The OAuth client id.</summary>
        public string ClientId => Client.ClientId;

        /// <summary>The API version TitanHST reported at connect time.</summary>
        public string ApiVersion { get; }

        /// <summary>The staff schema version TitanHST reported at connect time.</summary>
        public string SchemaVersion { get; }

        /// <summary>The TitanHST tenant/instance id reported at connect time (plans are bound to it).</summary>
        public string? InstanceId { get; }

        /// <summary>When the connection was validated.</summary>
        public DateTimeOffset ConnectedAt { get; }

        /// <summary>Requests, retries, 429s and waits since the connection was made.</summary>
        public TitanHstClientStatistics Statistics => Client.Statistics;

        /// <summary>True once Disconnect-TitanHst has closed it.</summary>
        public bool IsClosed { get; private set; }

        internal TitanHstClient Client { get; }

        internal CallLog Log { get; }

        /// <summary>The token endpoint and the secret's provider, for Test-TitanHstApiConformance's own client (never shown).</summary>
        internal Uri? TokenUri { get; set; }

        internal Func<string>? ClientSecret { get; set; }

        /// <summary>Returns the base URI.</summary>
        public override string ToString() => BaseUri.ToString();

        internal void Close()
        {
            if (!IsClosed)
            {
                IsClosed = true;
                Client.Dispose();
            }
        }
    }
}

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
        private readonly Func<TitanHstClient>? _openWriteClient;
        private TitanHstClient? _writeClient;

        internal TitanHstConnection(TitanHstClient client, CallLog log, string apiVersion, string schemaVersion, DateTimeOffset connectedAt, Func<TitanHstClient>? openWriteClient = null, string? writeClientId = null, string? instanceId = null)
        {
            _openWriteClient = openWriteClient;
            WriteClientId = openWriteClient is null ? null : writeClientId;
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

        /// <summary>The OAuth client an apply uses (asking for staff.write at apply time only); null for a read-only connection.</summary>
        public string? WriteClientId { get; }

        /// <summary>False for a read-only connection: diffs, reads and validation work, applies are refused before any call.</summary>
        public bool CanWrite => _openWriteClient is not null;

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

        /// <summary>
        /// The operating profile the connection was made under: which connector configuration (if any) decides the
        /// runs folder, the audit folder and the throttle for the commands that use it.
        /// </summary>
        public Profile.OperatingProfile? Profile { get; internal set; }

        /// <summary>True once Disconnect-TitanHst has closed it.</summary>
        public bool IsClosed { get; private set; }

        /// <summary>The read client: its token holds staff.read and reference.read only, never staff.write.</summary>
        internal TitanHstClient Client { get; }

        /// <summary>The write client, made on first use (an apply); its token is never used for the diff or other reads.</summary>
        internal TitanHstClient? WriteClient => _openWriteClient is null ? null : _writeClient ??= _openWriteClient();

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
                _writeClient?.Dispose();
            }
        }
    }
}

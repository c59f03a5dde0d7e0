using System;
using System.Management.Automation;
using Aether.TitanHst.Client;
using Aether.TitanHst.Errors;
using Aether.TitanHst.PowerShell.Internal;
using Aether.TitanHst.PowerShell.Session;
using Aether.TitanHst.Profile;
using Aether.TitanHst.Sync;

namespace Aether.TitanHst.PowerShell.TitanHst
{
    /// <summary>
    /// <para type="synopsis">Connects to TitanHST with an OAuth client id and secret and checks that the connection works.</para>
    /// <para type="description">Fetches a token and the staff schema, then keeps the connection for the other TitanHST
    /// cmdlets in this session. The secret is read from the credential only when a token is requested and is never
    /// shown, logged or returned.</para>
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "TitanHst", DefaultParameterSetName = UriSet)]
    [OutputType(typeof(TitanHstConnection))]
    public sealed class ConnectTitanHstCommand : PSCmdlet
    {
        internal const string ReadOnlyWithWriteCredential = nameof(ReadOnlyWithWriteCredential);
        private const string UriSet = "BaseUri";
        private const string ConfigSet = "Config";

        /// <summary>The TitanHST origin, e.g. https://district.titanhst.example (the API is under /api/v1). Plain http is accepted only for a loopback address.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = UriSet)]
        [ValidateNotNull]
        public Uri BaseUri { get; set; } = null!;

        /// <summary>
        /// The connector configuration (the one Invoke-TitanHstSync runs with): connects as it says (base URI, client
        /// ids, secret names, request rate) and makes it this session's operating profile, so runs, audit and throttle
        /// are the scheduled task's for every command (docs/decisions/0018-one-operating-profile.md).
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = ConfigSet)]
        [ValidateNotNullOrEmpty]
        public string ConfigPath { get; set; } = null!;

        /// <summary>The OAuth client: user name = client id, password = client secret. With -ConfigPath: optional, the configuration's secret name or TITANHST_CLIENT_SECRET by default.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true, ParameterSetName = UriSet)]
        [Parameter(ParameterSetName = ConfigSet)]
        [ValidateNotNull]
        [Credential]
        public PSCredential Credential { get; set; } = null!;

        /// <summary>
        /// The OAuth client that may write (staff.write), used only by applies, which ask for its token at apply time.
        /// Without it, -Credential is used for applies too, with a token of its own.
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Credential]
        public PSCredential? WriteCredential { get; set; }

        /// <summary>Declares -Credential read-only: diffs, reads and validation work; an apply is refused before any call.</summary>
        [Parameter(ParameterSetName = UriSet)]
        public SwitchParameter ReadOnly { get; set; }

        /// <summary>The OAuth token endpoint, when it is not {BaseUri}/oauth/token.</summary>
        [Parameter(ParameterSetName = UriSet)]
        [ValidateNotNull]
        public Uri? TokenUri { get; set; }

        /// <summary>Client-side request rate limit (requests per second); 0 turns it off. TitanHST allows 10 sustained.</summary>
        [Parameter(ParameterSetName = UriSet)]
        [ValidateRange(0.0, 10000.0)]
        public double RequestsPerSecond { get; set; } = 10;

        /// <summary>Retries of a failed request that is safe to resend (429, 5xx, timeouts, dropped connections).</summary>
        [Parameter]
        [ValidateRange(0, 100)]
        public int MaxRetries { get; set; } = 5;

        /// <summary>Returns the connection object as well as keeping it for the session.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>Validates the credentials and keeps the connection.</summary>
        protected override void ProcessRecord()
        {
            if (ReadOnly && WriteCredential is not null)
            {
                ThrowTerminatingError(Internal.ErrorRecords.Argument(ReadOnlyWithWriteCredential, "-ReadOnly and -WriteCredential contradict each other: give one or the other.", "ReadOnly"));
            }

            TitanHstConnection connection;
            if (ParameterSetName == ConfigSet)
            {
                OperatingProfile profile;
                try
                {
                    profile = OperatingProfile.FromConfig(ConnectorConfigLoader.Load(PathResolver.Resolve(this, ConfigPath)), ProfileSource.Session);
                }
                catch (InputFileException ex)
                {
                    ThrowTerminatingError(ErrorRecords.FromInputFile(ex));
                    return;
                }

                connection = ProfileConnection.Open(this, profile, Credential, WriteCredential, MaxRetries);
                TitanHstSession.SetProfile(profile);
            }
            else
            {
                connection = ConnectionFactory.Open(this, BaseUri, TokenUri, Credential, RequestsPerSecond, MaxRetries, WriteCredential, ReadOnly);
                // A connection by hand ends a session profile; AETHER_TITANHST_CONFIG (or none) decides the folders again.
                TitanHstSession.SetProfile(null);
                connection.Profile = ProfileResolver.Current(this);
            }

            ConnectionResolver.WriteCalls(this, connection);
            TitanHstSession.Set(connection);
            WriteVerbose(connection.Profile!.Describe());
            WriteVerbose($"Connected to {connection.BaseUri} as client '{connection.ClientId}' (read: {TitanHstScopes.Read}): API {connection.ApiVersion}, schema {connection.SchemaVersion}; "
                + (connection.CanWrite ? $"applies use client '{connection.WriteClientId}' with {TitanHstScopes.StaffWrite}, asked for at apply time." : "read-only: applies are refused."));
            if (PassThru)
            {
                WriteObject(connection);
            }
        }
    }
}

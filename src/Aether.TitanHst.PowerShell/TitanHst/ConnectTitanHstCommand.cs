using System;
using System.Management.Automation;
using Aether.TitanHst.Client;
using Aether.TitanHst.PowerShell.Session;

namespace Aether.TitanHst.PowerShell.TitanHst
{
    /// <summary>
    /// <para type="synopsis">Connects to TitanHST with an OAuth client id and secret and checks that the connection works.</para>
    /// <para type="description">Fetches a token and the staff schema, then keeps the connection for the other TitanHST
    /// cmdlets in this session. The secret is read from the credential only when a token is requested and is never
    /// shown, logged or returned.</para>
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "TitanHst")]
    [OutputType(typeof(TitanHstConnection))]
    public sealed class ConnectTitanHstCommand : PSCmdlet
    {
        internal const string ReadOnlyWithWriteCredential = nameof(ReadOnlyWithWriteCredential);

        /// <summary>The TitanHST origin, e.g. https://district.titanhst.example (the API is under /api/v1). Plain http is accepted only for a loopback address.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNull]
        public Uri BaseUri { get; set; } = null!;

        /// <summary>The OAuth client: user name = client id, password = client secret.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
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
        [Parameter]
        public SwitchParameter ReadOnly { get; set; }

        /// <summary>The OAuth token endpoint, when it is not {BaseUri}/oauth/token.</summary>
        [Parameter]
        [ValidateNotNull]
        public Uri? TokenUri { get; set; }

        /// <summary>Client-side request rate limit (requests per second); 0 turns it off. TitanHST allows 10 sustained.</summary>
        [Parameter]
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

            var connection = ConnectionFactory.Open(this, BaseUri, TokenUri, Credential, RequestsPerSecond, MaxRetries, WriteCredential, ReadOnly);
            ConnectionResolver.WriteCalls(this, connection);
            TitanHstSession.Set(connection);
            WriteVerbose($"Connected to {connection.BaseUri} as client '{connection.ClientId}' (read: {TitanHstScopes.Read}): API {connection.ApiVersion}, schema {connection.SchemaVersion}; "
                + (connection.CanWrite ? $"applies use client '{connection.WriteClientId}' with {TitanHstScopes.StaffWrite}, asked for at apply time." : "read-only: applies are refused."));
            if (PassThru)
            {
                WriteObject(connection);
            }
        }
    }
}

using System;
using System.Management.Automation;

namespace Aether.TitanHst.PowerShell.Emulator
{
    /// <summary>A running TitanHST emulator started by Start-TitanHstEmulator.</summary>
    public sealed class TitanHstEmulatorInstance
    {
        internal TitanHstEmulatorInstance(Uri baseUri, int processId, PSCredential credential, DateTimeOffset startedAt)
        {
            BaseUri = baseUri;
            ProcessId = processId;
            Credential = credential;
            StartedAt = startedAt;
        }

        /// <summary>The origin, e.g. http://127.0.0.1:5123 (API under /api/v1, tokens at /oauth/token).</summary>
        public Uri BaseUri { get; }

        /// <summary>The emulator's process id; Stop-TitanHstEmulator binds it by property name.</summary>
        public int ProcessId { get; }

        /// <summary>The OAuth client id.</summary>
        public string ClientId => Credential.UserName;

        /// <summary>OAuth client id and secret; the secret is a SecureString so it is never displayed.</summary>
        public PSCredential Credential { get; }

        /// <summary>With -ReadOnlyClient: a client holding staff.read and reference.read only (it can diff, never apply); otherwise null.</summary>
        public PSCredential? ReadCredential { get; internal set; }

        /// <summary>When the emulator announced that it was listening.</summary>
        public DateTimeOffset StartedAt { get; }

        /// <inheritdoc />
        public override string ToString() => BaseUri.ToString();
    }
}

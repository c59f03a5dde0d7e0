using System;
using System.Collections.Generic;
using Aether.TitanHst.Sync;

namespace Aether.TitanHst.Sync.Notifications
{
    /// <summary>
    /// The config's "notify" section: whom to tell about an unattended run, by e-mail and/or a webhook, and for
    /// which outcomes. Secrets (an SMTP password, a webhook URL that carries its own token) are never in the file,
    /// only a reference: "env:NAME" (an environment variable) or "secret:NAME" (SecretManagement).
    /// </summary>
    public sealed class NotificationSettings
    {
        internal NotificationSettings(IReadOnlyList<SyncStatus> on, EmailSettings? email, WebhookSettings? webhook)
        {
            On = on;
            Email = email;
            Webhook = webhook;
        }

        /// <summary>The outcomes that send a notification (default: Applied, NeedsReview, Failed; a quiet InSync night sends nothing).</summary>
        public IReadOnlyList<SyncStatus> On { get; }

        public EmailSettings? Email { get; }

        public WebhookSettings? Webhook { get; }
    }

    /// <summary>SMTP delivery: STARTTLS unless the server is this machine (a local relay or a test sink).</summary>
    public sealed class EmailSettings
    {
        internal EmailSettings(string host, int port, bool startTls, string from, IReadOnlyList<string> to, string? userName, SecretReference? password, bool attachReport)
        {
            Host = host;
            Port = port;
            StartTls = startTls;
            From = from;
            To = to;
            UserName = userName;
            Password = password;
            AttachReport = attachReport;
        }

        public string Host { get; }

        public int Port { get; }

        /// <summary>True: the connection must be upgraded with STARTTLS before anything is sent (refused otherwise).</summary>
        public bool StartTls { get; }

        public string From { get; }

        public IReadOnlyList<string> To { get; }

        public string? UserName { get; }

        public SecretReference? Password { get; }

        /// <summary>Attach the stakeholder report (only reportable fields); otherwise name its path.</summary>
        public bool AttachReport { get; }
    }

    /// <summary>A generic JSON POST (Teams and Slack workflows, or any listener); the URL is a secret reference.</summary>
    public sealed class WebhookSettings
    {
        internal WebhookSettings(SecretReference url) => Url = url;

        public SecretReference Url { get; }
    }

    /// <summary>Where a secret comes from: "env:NAME" or "secret:NAME" (SecretManagement, resolved by the cmdlet).</summary>
    public sealed class SecretReference
    {
        private SecretReference(string store, string name)
        {
            Store = store;
            Name = name;
        }

        /// <summary>"env" or "secret".</summary>
        public string Store { get; }

        public string Name { get; }

        public static SecretReference? TryParse(string? text)
        {
            if (text is null)
            {
                return null;
            }

            var colon = text.IndexOf(':');
            if (colon <= 0 || colon == text.Length - 1)
            {
                return null;
            }

            var store = text.Substring(0, colon);
            return store is "env" or "secret" ? new SecretReference(store, text.Substring(colon + 1)) : null;
        }

        public override string ToString() => $"{Store}:{Name}";
    }
}

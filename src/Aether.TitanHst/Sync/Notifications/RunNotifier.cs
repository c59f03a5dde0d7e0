using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Aether.TitanHst.Sync.Notifications
{
    /// <summary>
    /// Sends a run's notification by e-mail (MailKit, STARTTLS) and to a webhook. A notification that cannot be
    /// sent is reported back, never thrown: the run's outcome and exit code stand whatever the mail server does.
    /// </summary>
    public sealed class RunNotifier
    {
        private readonly NotificationSettings _settings;
        private readonly Func<SecretReference, string?> _resolve;

        /// <param name="settings">The config's notify section.</param>
        /// <param name="resolveSecret">Reads a secret reference (environment or SecretManagement); null when it is not set.</param>
        public RunNotifier(NotificationSettings settings, Func<SecretReference, string?> resolveSecret)
        {
            _settings = settings;
            _resolve = resolveSecret;
        }

        /// <summary>Sends what the settings ask for this outcome; returns one line per channel (sent, or why not).</summary>
        public IReadOnlyList<string> Send(SyncRunResult result, CancellationToken cancellationToken = default)
        {
            var said = new List<string>();
            if (!((IList<SyncStatus>)_settings.On).Contains(result.GetStatus()))
            {
                return said;
            }

            var notification = RunNotification.From(result);
            if (_settings.Email is { } email)
            {
                said.Add(Try("e-mail", () => SendEmail(email, notification, cancellationToken)));
            }

            if (_settings.Webhook is { } webhook)
            {
                said.Add(Try("webhook", () => SendWebhook(webhook, notification, cancellationToken)));
            }

            return said;
        }

        private static string Try(string channel, Func<string> send)
        {
            try
            {
                return send();
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException or MailKit.ProtocolException or MailKit.Security.AuthenticationException
                                           or SslHandshakeException or InvalidOperationException or OperationCanceledException or System.Net.Sockets.SocketException)
            {
                return $"Notification by {channel} failed: {ex.GetType().Name}: {ex.Message}";
            }
        }

        private string SendEmail(EmailSettings email, RunNotification notification, CancellationToken cancellationToken)
        {
            var message = new MimeMessage();
            message.From.Add(MailboxAddress.Parse(email.From));
            foreach (var to in email.To)
            {
                message.To.Add(MailboxAddress.Parse(to));
            }

            message.Subject = notification.Subject;
            var body = new BodyBuilder { TextBody = notification.ToText() };
            if (email.AttachReport && notification.ReportPath is not null && File.Exists(notification.ReportPath))
            {
                body.Attachments.Add(notification.ReportPath, cancellationToken);
            }

            message.Body = body.ToMessageBody();

            using var client = new SmtpClient { Timeout = 30000 };
            var loopback = IsLoopback(email.Host);
            if (!email.StartTls && !loopback)
            {
                throw new InvalidOperationException($"notify.email.security 'none' is only allowed for a server on this machine, not {email.Host}");
            }

            client.Connect(email.Host, email.Port, email.StartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, cancellationToken);
            if (email.UserName is not null)
            {
                var password = email.Password is null ? null : _resolve(email.Password);
                if (password is null)
                {
                    throw new InvalidOperationException($"the SMTP password {email.Password} is not set");
                }

                client.Authenticate(email.UserName, password, cancellationToken);
            }

            client.Send(message, cancellationToken);
            client.Disconnect(true, cancellationToken);
            return $"Notified {email.To.Count} recipient(s) by e-mail through {email.Host}.";
        }

        private string SendWebhook(WebhookSettings webhook, RunNotification notification, CancellationToken cancellationToken)
        {
            var url = _resolve(webhook.Url);
            if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
            {
                throw new InvalidOperationException($"the webhook URL {webhook.Url} is not set or not an absolute URL");
            }

            if (uri.Scheme != Uri.UriSchemeHttps && !IsLoopback(uri.Host))
            {
                throw new InvalidOperationException("the webhook URL must use https (http only for a listener on this machine)");
            }

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            using var content = new StringContent(notification.ToJson(), Encoding.UTF8, "application/json");
            using var response = http.PostAsync(uri, content, cancellationToken).GetAwaiter().GetResult();
            // The URL carries its own token: name only its host in anything written.
            return response.IsSuccessStatusCode
                ? $"Notified the webhook at {uri.Host}."
                : $"Notification by webhook failed: {uri.Host} answered {(int)response.StatusCode} {response.ReasonPhrase}";
        }

        private static bool IsLoopback(string host) =>
            string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
    }
}

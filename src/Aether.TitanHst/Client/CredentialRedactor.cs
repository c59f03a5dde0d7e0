using System;
using System.Collections.Generic;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Aether.TitanHst.Client
{
    /// <summary>
    /// The one place that knows every form a credential of this client can take in text: the client secret raw,
    /// URL- and form-encoded, inside an HTTP Basic header (base64 of id:secret, encoded or not, padded or not),
    /// every access token issued to it, and any Basic/Bearer credential or client_secret/access_token member
    /// at all (a server or proxy that echoes a header echoes someone's credential). Every text the client hands
    /// out (exception messages and problem members, wait notices) passes through <see cref="Redact"/>.
    /// </summary>
    internal sealed class CredentialRedactor
    {
        internal const string Redacted = "[redacted]";

        // Tokens issued earlier are still credentials until they expire; a few are enough (renewal is rare).
        private const int TokensKept = 8;

        // An Authorization value echoed anywhere: the scheme stays readable, the credential goes. A credential is
        // long or holds a digit, so prose ("Basic realm", "Bearer token") stays as it is.
        private static readonly Regex AuthorizationValue = new(
            @"\b(Basic|Bearer)(\s+|%20|\+)(?:[A-Za-z0-9\-._~+/%]{16,}|[A-Za-z\-._~+/%]*[0-9][A-Za-z0-9\-._~+/%]*)=*",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
            TimeSpan.FromSeconds(1));

        // The same credentials as form or JSON members (a token endpoint echoing its request or its answer).
        private static readonly Regex CredentialMember = new(
            @"(client_secret|access_token|refresh_token)(""?\s*[:=]\s*""?)[^&\s""',;]+",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
            TimeSpan.FromSeconds(1));

        private readonly string _clientId;
        private readonly Func<string> _secret;
        private readonly object _gate = new();
        private string[] _tokens = Array.Empty<string>();

        internal CredentialRedactor(string clientId, Func<string> secret)
        {
            _clientId = clientId;
            _secret = secret;
        }

        /// <summary>Adds a newly issued access token to what is scrubbed.</summary>
        internal void RememberToken(string token)
        {
            lock (_gate)
            {
                var list = new List<string>(_tokens) { token };
                if (list.Count > TokensKept)
                {
                    list.RemoveAt(0);
                }

                _tokens = list.ToArray();
            }
        }

        /// <summary>Text with every credential replaced by [redacted]; null becomes empty.</summary>
        internal string Redact(string? text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return text ?? string.Empty;
            }

            var result = text!;
            foreach (var form in Forms())
            {
                // Very short values would scrub ordinary words; the patterns below still catch them in headers.
                if (form.Length >= 4)
                {
                    result = result.Replace(form, Redacted);
                }
            }

            try
            {
                result = AuthorizationValue.Replace(result, "$1 " + Redacted);
                result = CredentialMember.Replace(result, "$1$2" + Redacted);
            }
            catch (RegexMatchTimeoutException)
            {
                // Text built to make the patterns slow is not shown at all rather than shown unscrubbed.
                return Redacted;
            }

            return result;
        }

        /// <summary>Every literal form of the secret and the tokens, longest first so a form inside another goes too.</summary>
        private List<string> Forms()
        {
            var forms = new List<string>();
            var secret = SafeSecret();
            if (!string.IsNullOrEmpty(secret))
            {
                forms.Add(secret!);
                forms.Add(Uri.EscapeDataString(secret!));
                forms.Add(WebUtility.UrlEncode(secret!));
                foreach (var pair in new[]
                {
                    Uri.EscapeDataString(_clientId) + ":" + Uri.EscapeDataString(secret!),
                    _clientId + ":" + secret,
                })
                {
                    // Unpadded, so a copy echoed with or without its '=' padding is caught either way.
                    var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(pair)).TrimEnd('=');
                    forms.Add(basic);
                    forms.Add(Uri.EscapeDataString(basic));
                }
            }

            foreach (var token in _tokens)
            {
                forms.Add(token);
                forms.Add(Uri.EscapeDataString(token));
            }

            forms.Sort((a, b) => b.Length.CompareTo(a.Length));
            return forms;
        }

        private string? SafeSecret()
        {
            try
            {
                return _secret();
            }
            catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException)
            {
                // A credential that can no longer be read cannot be in new text either; the token patterns still run.
                return null;
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.Text;
using Aether.TitanHst.Client;

namespace Aether.TitanHst.Tests.Client;

/// <summary>A client pointed at a <see cref="CannedHttpServer"/>, with a secret that has a different form in every encoding.</summary>
internal static class CannedClient
{
    public const string ClientId = "district-sync";

    // Space, plus, slash, equals, ampersand and a non-ASCII letter: raw, URL-encoded, form-encoded and Basic all differ.
    public const string Secret = "s3cr+t/pa ss=wörd&x9";

    public static TitanHstClient For(Uri baseUri, Action<TitanHstClientOptions>? configure = null)
    {
        var options = new TitanHstClientOptions
        {
            BaseUri = baseUri,
            ClientId = ClientId,
            ClientSecretProvider = () => Secret,
            RequestsPerSecond = 0,
            MaxRetries = 2,
            RetryBaseDelay = TimeSpan.FromMilliseconds(20),
            MaxRetryDelay = TimeSpan.FromMilliseconds(100),
        };
        configure?.Invoke(options);
        return new TitanHstClient(options);
    }

    /// <summary>Every form of the secret a careless server could echo.</summary>
    public static IEnumerable<string> SecretForms()
    {
        yield return Secret;
        yield return Uri.EscapeDataString(Secret);
        yield return System.Net.WebUtility.UrlEncode(Secret);
        yield return Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.EscapeDataString(ClientId) + ":" + Uri.EscapeDataString(Secret))).TrimEnd('=');
        yield return Convert.ToBase64String(Encoding.UTF8.GetBytes(ClientId + ":" + Secret)).TrimEnd('=');
    }

    /// <summary>All the text an exception shows anywhere: message, ToString (inner exceptions too) and problem members.</summary>
    public static string AllText(TitanHstApiException e)
    {
        var text = new StringBuilder(e.ToString());
        foreach (var part in new[] { e.Title, e.Detail, e.TraceId, e.ProblemType, e.ConflictingId, e.RequestUri })
        {
            text.Append('\n').Append(part);
        }

        foreach (var field in e.FieldErrors)
        {
            text.Append('\n').Append(field.Key).Append(": ").Append(string.Join(" ", field.Value));
        }

        return text.ToString();
    }
}

using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Aether.TitanHst.Emulator.Endpoints;

/// <summary>POST /oauth/token: OAuth 2.0 client credentials (docs §2).</summary>
internal static class TokenEndpoints
{
    public static void Map(WebApplication app, EmulatorState state) =>
        app.MapPost("/oauth/token", (Func<HttpContext, Task<IResult>>)(c => IssueAsync(c, state)));

    private static async Task<IResult> IssueAsync(HttpContext context, EmulatorState state)
    {
        if (!context.Request.HasFormContentType)
        {
            return OAuthError(400, "invalid_request", "Send application/x-www-form-urlencoded.");
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        string? id = form["client_id"];
        string? secret = form["client_secret"];
        var header = context.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase) && TryDecodeBasic(header.Substring(6).Trim(), out var basicId, out var basicSecret))
        {
            (id, secret) = (basicId, basicSecret);
        }

        var grant = form["grant_type"].ToString();
        if (grant.Length == 0 || id is null || secret is null)
        {
            return OAuthError(400, "invalid_request", "grant_type and client credentials are required.");
        }

        if (grant != "client_credentials")
        {
            return OAuthError(400, "unsupported_grant_type", "Only client_credentials is supported.");
        }

        if (state.Tokens.ScopesOf(id, secret) is not { } allowed)
        {
            return OAuthError(401, "invalid_client", "Unknown client or wrong secret.")
                .WithHeader("WWW-Authenticate", "Basic realm=\"titanhst\"");
        }

        // RFC 6749 §3.3: no scope asked for means every scope the client holds; asking for one it lacks is refused.
        var asked = form["scope"].ToString();
        var scopes = Scopes.Parse(asked, out var unknown);
        if (asked.Length == 0)
        {
            scopes = new HashSet<string>(allowed, StringComparer.Ordinal);
        }
        else if (unknown.Count > 0 || scopes.Count == 0 || !scopes.IsSubsetOf(allowed))
        {
            return OAuthError(400, "invalid_scope", "The requested scope is unknown or not granted to this client.");
        }

        var lifetime = state.Settings.TokenLifetimeSeconds;
        var token = state.Tokens.Issue(lifetime, scopes, id);
        return Json(200, w =>
        {
            w.WriteString("access_token", token);
            w.WriteString("token_type", "Bearer");
            w.WriteNumber("expires_in", lifetime);
            w.WriteString("scope", Scopes.Format(scopes));
        }).WithHeader("Cache-Control", "no-store");
    }

    private static BytesResult OAuthError(int status, string error, string description) => Json(status, w =>
    {
        w.WriteString("error", error);
        w.WriteString("error_description", description);
    });

    private static BytesResult Json(int status, Action<Utf8JsonWriter> members) => JsonBody.Create(status, w =>
    {
        w.WriteStartObject();
        members(w);
        w.WriteEndObject();
    });

    // RFC 6749 §2.3.1: both parts are form-urlencoded before being joined with ':'.
    private static bool TryDecodeBasic(string encoded, out string id, out string secret)
    {
        id = secret = string.Empty;
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                return false;
            }

            id = Uri.UnescapeDataString(text[..colon].Replace('+', ' '));
            secret = Uri.UnescapeDataString(text[(colon + 1)..].Replace('+', ' '));
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
